"""fml list notices: the reason comes from fml's sentence, else from the Subject (Sisimai::Lhost::FML)."""

from __future__ import annotations

import pytest

from .helpers import plain, run


def _notice(subject: str, line: str) -> bytes:
    head = ("From: fml-ml-admin@ml.example.jp\nTo: bob@example.org\n"
            f"Subject: {subject}\nX-MLServer: fml [fml 8.0.0 release (20120525/8.0.0)]\n"
            "Message-Id: <20140305100000.FML12345.fml-ml@ml.example.jp>")
    return plain(head, f"{line}\n\nOriginal mail as follows:\n\nTo: fml-ml@ml.example.jp\n")


@pytest.mark.parametrize(("subject", "line", "reason"), [
    ("Rejected (fml-ml ML)", "reject since Precedence header may cause mail loop <fml-ml@ml.example.jp>.", "rejected"),
    ("Rejected (fml-ml ML)", "reject spammers: bob@example.org <fml-ml@ml.example.jp>.", "rejected"),
    ("You bob@example.org are not member (fml-ml ML)", "Your mail was refused <fml-ml@ml.example.jp>.", "rejected"),
    ("fml system error message (fml-ml ML)", "Cannot process the mail <fml-ml@ml.example.jp>.", "systemerror"),
    ("Loop Alert: dup'ed message-id (fml-ml ML)", "Not delivered <fml-ml@ml.example.jp>.", "systemerror"),
    ("WARNING: UNIX FROM Loop (fml-ml ML)", "Not delivered <fml-ml@ml.example.jp>.", "systemerror"),
    ("Security Alert (fml-ml ML)", "Security alert: an attempt was denied <fml-ml@ml.example.jp>.", "securityerror"),
    ("Duplicated Message-ID (fml-ml ML)", "Duplicated Message-ID in <fml-ml@ml.example.jp>.", "systemerror"),
])
def test_fml_sentence_or_subject_names_the_reason(subject, line, reason):
    (d,) = run(_notice(subject, line))
    assert (d.recipient, d.reason, d.decoded_by) == ("fml-ml@ml.example.jp", reason, "fml")
