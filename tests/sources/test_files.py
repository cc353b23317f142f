from __future__ import annotations

from bounceback.sources.files import split_mbox


def test_mbox_with_cr_or_crlf_newlines():
    lf = b"From MAILER-DAEMON Mon Mar  4 10:00:00 2024\nSubject: x\n\nbody\n"
    for raw in (lf, lf.replace(b"\n", b"\r\n"), lf.replace(b"\n", b"\r")):
        assert list(split_mbox(raw)) == [b"Subject: x\n\nbody\n"]
