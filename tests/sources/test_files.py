from __future__ import annotations

from bounceback.sources.files import split_mbox


def test_mbox_with_cr_or_crlf_newlines():
    lf = b"From MAILER-DAEMON Mon Mar  4 10:00:00 2024\nSubject: x\n\nbody\n"
    for raw in (lf, lf.replace(b"\n", b"\r\n"), lf.replace(b"\n", b"\r")):
        assert list(split_mbox(raw)) == [b"Subject: x\n\nbody\n"]


def test_messages_of_one_mbox_share_its_path_and_differ_by_index(tmp_path):
    from bounceback.sources.files import Raw, iter_messages

    one = b"From MAILER-DAEMON Mon Mar  4 10:00:00 2024\nSubject: a\n\nbody\n"
    (tmp_path / "two.mbox").write_bytes(one + b"\n" + one.replace(b"Subject: a", b"Subject: b"))
    (tmp_path / "one.mbox").write_bytes(one)
    items = list(iter_messages([str(tmp_path / "two.mbox"), str(tmp_path / "one.mbox")]))
    assert [(i.source.rsplit("/", 1)[-1], i.index) for i in items] == [("two.mbox", 1), ("two.mbox", 2), ("one.mbox", 0)]
    assert all(isinstance(i, Raw) for i in items)
    source, data = items[1]  # still unpacks as (source, bytes)
    assert source.endswith("two.mbox") and b"Subject: b" in data
    assert items[1].label.endswith("two.mbox (message 2)") and items[2].label.endswith("one.mbox")


def test_a_full_postmark_opens_a_message_without_a_blank_line_before_it():
    first = b"From MAILER-DAEMON  Thu Jul  2 12:05:05 2020\nSubject: a\n\n--b--\n"
    second = b"From double-bounce@example.com  Thu Jul  2 12:05:05 2020\nSubject: b\n\nbody\n"
    assert list(split_mbox(first + second)) == [b"Subject: a\n\n--b--\n", b"Subject: b\n\nbody\n"]


def test_a_from_line_in_a_body_that_is_no_postmark_stays_in_the_message():
    raw = b"From MAILER-DAEMON  Thu Jul  2 12:05:05 2020\nSubject: a\n\nhello\nFrom here on, text.\n"
    assert list(split_mbox(raw)) == [b"Subject: a\n\nhello\nFrom here on, text.\n"]
