"""SurfControl E-mail Filter (Websense): "Your message could not be sent.".

"A transcript of the attempts to send the message follows." then per recipient
"Addressed To: rcpt" and ``rcpt: [ip], 550 ...``; an RFC 3464 part follows.
Recognised by ``X-Mailer: SurfControl E-mail Filter`` or the text. Markers after
Sisimai::Lhost::SurfControl.
"""

from __future__ import annotations

from ...model import Delivery
from ..message import Message
from ..textscan import TextFormat
from . import _lhost

NAME = "surfcontrol"

FORMAT = TextFormat(begin=("failed to send to identified host",), end=("--- message non-deliverable",))


def _clean(diag: str) -> str:
    """``[192.0.2.5], 550 No such user`` -> ``550 No such user``."""
    return diag.split("], ", 1)[1] if diag.startswith("[") and "], " in diag else diag


def _remote(text: str) -> str:
    return text[1:text.find("]")] if text.startswith("[") and "]" in text else ""


def detect(msg: Message) -> list[Delivery] | None:
    if msg.get("x-mailer") != "SurfControl E-mail Filter":
        low = msg.body_text[:2048].lower()
        if "your message could not be sent." not in low or "a transcript of the attempts" not in low:
            return None
    return _lhost.combine(msg, NAME, FORMAT, clean=_clean, remote_of=_remote) or None
