from __future__ import annotations

import pytest

from bounceback.decode import decode


@pytest.fixture
def parse():
    """Decode a sample written as text (LF newlines); the same answers for CRLF."""
    def run(text: str):
        raw = text.lstrip("\n").encode("utf-8")
        found = decode(raw)
        assert [(d.recipient, d.status, d.reply_code, d.action) for d in decode(raw.replace(b"\n", b"\r\n"))] == \
            [(d.recipient, d.status, d.reply_code, d.action) for d in found]
        return found
    return run
