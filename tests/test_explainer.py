"""The reply lines senders most often ask about (issue #2) must come out right."""

from __future__ import annotations

import pytest

import bounceback
from bounceback.errors import InputError


def ex(line):
    return bounceback.explain(line)


def test_mailbox_unavailable_is_a_dead_address():
    e = ex("550 Requested action not taken: mailbox unavailable")
    assert e.fault == "recipient"
    assert e.reason == "userunknown"
    assert e.hard_bounce
    assert "remove the address now" in e.advice.lower()


def test_user_unknown_with_enhanced_code():
    e = ex("550 5.1.1 <x@y>: Recipient address rejected: User unknown")
    assert (e.reply_code, e.status) == ("550", "5.1.1")
    assert e.fault == "recipient" and e.permanent and e.hard_bounce
    assert "remove" in e.advice.lower()


@pytest.mark.parametrize("line", [
    "450 4.2.2 mailbox full",
    "550 Mailbox is full",
    "550 5.1.1 user is over quota",
    "552 Requested mail action aborted: exceeded storage allocation",
])
def test_mailbox_full_is_transient_even_with_5xx(line):
    e = ex(line)
    assert e.reason == "mailboxfull"
    assert e.fault == "recipient"
    assert not e.permanent and not e.hard_bounce
    assert "retry" in e.advice.lower() and "remove" in e.advice.lower()


def test_text_that_contradicts_the_code_wins_and_says_so():
    e = ex("550 5.1.1 user is over quota")
    assert e.reason == "mailboxfull"
    assert "text wins" in e.note


@pytest.mark.parametrize("line", [
    "550 5 2 1 mail from refused spam site",
    "554 5.7.1 mail from refused spam site",
    "554 5.7.1 SPAM or UCE is not accepted here",
    "550 Recipient Rejected: Access Denied: 1.2.3.4 blocked by prs",
    "554 Transaction failed : Cannot send message due to possible abuse",
    "[Return Code 554] sid: j2971m00E2mNsTW01 :: Denied",
])
def test_sender_side_blocks_never_blame_the_recipient(line):
    e = ex(line)
    assert e.fault == "sender", (line, e)
    assert not e.hard_bounce
    advice = e.advice.lower()
    assert "not remove the recipient" in advice
    assert "blocklist" in advice and "spamhaus" in advice
    assert "submission server" in advice  # the dynamic-IP / PBL case


def test_spaced_enhanced_code_is_read():
    assert ex("550 5 2 1 mail from refused spam site").status == "5.2.1"


def test_pop_before_smtp():
    e = ex("550 someone@example.org must check for new mail first")
    assert e.fault == "sender"
    assert "pop-before-smtp" in e.advice.lower()
    assert "smtp auth" in e.advice.lower()


def test_yahoo_dd_no_account_is_a_dead_address():
    e = ex("554 delivery error: dd This user doesn't have a yahoo.com account")
    assert e.fault == "recipient" and e.permanent and e.hard_bounce
    assert e.reason == "userunknown"


@pytest.mark.parametrize("code", ["421", "451", "452"])
def test_4xx_codes_are_transient(code):
    e = ex(code)
    assert not e.permanent
    assert "retr" in e.advice.lower()


@pytest.mark.parametrize("code,fault", [("5.7.26", "sender"), ("5.1.1", "recipient"), ("5.2.2", "recipient"),
                                        ("4.4.7", "network"), ("250", "none")])
def test_bare_codes(code, fault):
    assert ex(code).fault == fault


def test_every_known_code_explains():
    from bounceback import knowledge
    for code in knowledge.reply_codes():
        e = ex(code)
        assert e.meaning and e.advice, code
    for key in knowledge.status_codes():
        if "X" in key[2:]:
            continue
        for cls in ("4", "5"):
            e = ex(cls + key[1:]) if key.startswith("X") else ex(key)
            assert e.meaning and e.advice and e.fault in knowledge.FAULTS, key


def test_nothing_to_explain_is_a_clear_error():
    with pytest.raises(InputError):
        ex("   ")
    with pytest.raises(InputError):
        ex("hello there")


def test_when_the_words_override_the_code_its_meaning_is_not_given_as_the_answer():
    e = bounceback.explain("550 5.1.1 your IP 192.0.2.1 is listed on zen.spamhaus.org")
    assert e.reason == "blocked" and e.note
    assert e.meaning.startswith("The receiving system refused the sending server")
    assert "The code alone would mean: The recipient address does not exist" in e.meaning
