from __future__ import annotations

from bounceback.decode.textscan import blocks, next_to


def test_next_to_reads_the_line_and_the_paragraph_right_after_the_address():
    text = "To bob@x.org:\nno\n\nFailed to deliver to '<ob@x.org>'\nLOCAL reports:\n full\n\nmore"
    assert next_to(text, "ob@x.org") == "LOCAL reports: full"  # not inside bob@x.org
    assert next_to(text, "bob@x.org") == "no"
    assert next_to("a@b.c\n\n----------\nsigline", "a@b.c") == ""  # alone on its line: nothing said
    assert next_to("nothing here", "a@b.c") == ""


def test_a_separator_line_ends_a_block():
    found = blocks("       a@b.c\n\n\n -----------------------\nsigline\n")
    assert [(b.address, b.text) for b in found] == [("a@b.c", "")]


def test_a_line_announcing_the_reason_carries_the_block_over_a_blank_line():
    found = blocks("kijitora@example.org\n\nFor the following reason:\n\nMail size limit exceeded.\n\n--- header")
    assert [(b.address, b.text) for b in found] == [("kijitora@example.org",
                                                     "For the following reason: Mail size limit exceeded.")]
    found = blocks("kijitora@example.org\n  For the following reason:\n\n  Mail size limit exceeded.\n\nlater")
    assert found[0].text == "For the following reason: Mail size limit exceeded."


def test_a_multi_line_reply_that_starts_with_the_address_continues_its_block():
    # Postfix wraps "said: 550-jane@... is not an active address" onto an indented line
    sect = ("<jane@example.net>: host mx.example.net[192.0.2.7] said:\n"
            "    550-jane@example.net is not an active address at this host (invalid\n"
            "    550 username) (in reply to RCPT TO command)\n")
    found = blocks(sect)
    assert [b.address for b in found] == ["jane@example.net"]
    assert found[0].text.endswith("(in reply to RCPT TO command)")
