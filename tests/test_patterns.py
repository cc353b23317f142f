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


def test_normalize_reads_full_width_and_half_width_forms_as_their_plain_forms():
    assert patterns.normalize("５５０　ＩＰアドレスが拒否されています") == "550 ipアドレスが拒否されています"
    assert patterns.normalize("550 ﾕｰｻﾞｰが存在しません") == "550 ユーザーが存在しません"
    assert patterns.normalize("552 Boîte pleine") == "552 boîte pleine"  # composed accents stay


def test_reply_text_drops_the_line_codes_of_a_multi_line_reply():
    reply = ("550-5.7.1 [192.0.2.7] The IP is not authorized to\n550-5.7.1 send email directly. Use the\n"
             "550 5.7.1 relay of your provider.")
    assert patterns.reply_text(reply) == (
        "550-5.7.1 [192.0.2.7] the ip is not authorized to send email directly. use the relay of your provider.")
    assert patterns.reply_text("said: 553-SPF fail. See\n553-http://example.com for more\n553 information.") == (
        "said: spf fail. see http://example.com for more information.")
    # a one-line reply, and numbers that open no line of a multi-line one, stay
    assert patterns.reply_text("550 5.1.1 User unknown; 550 tries") == "550 5.1.1 user unknown; 550 tries"
    assert patterns.reply_text("421-4.7.0 Try again; 550 5.7.1 next") == "421-4.7.0 try again; 550 5.7.1 next"


def test_the_ascii_fast_path_gives_what_the_wrapper_gives():
    import re2

    from bounceback import patterns

    for pattern in (r"(\d)\.(\d)\.(\d+)", r"x*", r"^(?:55[0-9]) (user)?", r"<([^>]+)>"):
        fast = patterns.compile(pattern)
        slow = re2.compile(pattern, re2.Options())
        for text in ("550 5.1.1 <a@b.example> user unknown", "", "xx 4.2.2 <c@d> ", "550 user x", "é 5.1.1 <ü@x>"):
            m, n = fast.search(text), slow.search(text)
            assert (m and (m.span(), m.groups())) == (n and (n.span(), n.groups())), (pattern, text)
            m, n = fast.match(text), slow.match(text)
            assert (m and m.span()) == (n and n.span()), (pattern, text)
            assert [x.span() for x in fast.finditer(text)] == [x.span() for x in slow.finditer(text)], (pattern, text)
    assert patterns.compile(r"user (\S+)").search("no user ünknown").group(1) == "ünknown"


def test_phrase_tables_ignore_case_with_escapes_kept():
    from bounceback.patterns import PhraseTable, lower_pattern

    assert lower_pattern(r"User \S+ Unknown \D\x{2019}") == r"user \S+ unknown \D\x{2019}"
    table = PhraseTable([("a", r"Mailbox \S+ FULL"), ("b", r"Недоставленное")])
    assert table.first("MAILBOX is Full") == ("a", r"Mailbox \S+ FULL")
    assert table.labels("недоставленное СООБЩЕНИЕ") == ["b"]
    assert not table.found("mailbox  full")  # \S+ still needs a non-space


def test_the_ascii_set_and_the_wide_set_find_what_one_set_of_all_phrases_finds():
    import re2

    from bounceback import knowledge
    from bounceback.patterns import PhraseTable, lower_pattern, normalize

    from .test_languages import CASES

    entries = [(reason, p) for reason, ps in knowledge.reason_phrases().items() for p in ps]
    table = PhraseTable(entries)
    opts = re2.Options()
    opts.never_capture = True
    opts.max_mem = 64 << 20
    whole = re2.Set.SearchSet(opts)
    for _, p in entries:
        whole.Add(lower_pattern(p))
    whole.Compile()
    texts = [text for _, _, text in CASES] + [
        "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown",
        "552 Empfaenger unbekannt / Empfänger unbekannt", "452 4.2.2 mailbox full", "550 ＩＰ address blocked"]
    for text in texts:
        norm = normalize(text).encode()
        assert table.matches(norm) == sorted(whole.Match(norm) or ()), text
