from __future__ import annotations

import pytest

from bounceback import patterns


def test_phrase_table_returns_the_first_entry_in_priority_order():
    t = patterns.PhraseTable([("full", "mailbox (?:is )?full"), ("unknown", "user unknown"), ("any", "mailbox")])
    assert t.first("550 user unknown; mailbox is full") == ("full", "mailbox (?:is )?full")
    assert t.first("no match here") is None
    assert t.labels("mailbox is full") == ["full", "any"]


def test_backtracking_bombs_stay_linear():
    # (a+)+$ explodes in a backtracking engine; RE2 refuses nothing and answers at once
    t = patterns.PhraseTable([("x", "(a+)+$")])
    assert t.first("a" * 100_000 + "!") is None


def test_unsupported_syntax_is_rejected_at_load_time():
    with pytest.raises(ValueError):
        patterns.PhraseTable([("x", r"(a)\1")])  # backreferences cannot run in linear time


def test_normalize():
    assert patterns.normalize("  550  User\n\tUnknown ") == "550 user unknown"
