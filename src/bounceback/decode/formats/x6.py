"""Sisimai's anonymised "X6" MTA: "There was an error sending your mail".

"We had trouble delivering your message. Full details follow:", then "N
error(s):" and one sentence per failure naming the recipient (``<address>`` or
"...errors: address.") and quoting the server's reply in brackets. Markers
after Sisimai::Lhost::X6.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery, subject_has
from ..message import Message

NAME = "x6"
_COMMANDS = ("RCPT", "DATA", "MAIL", "EHLO", "HELO")


def _reply(line: str) -> str:
    """The bracketed server reply: "... error message: [554 5.4.6 Hop count exceeded]"."""
    i = line.rfind("[")
    return line[i + 1:].rstrip("]").strip() if i >= 0 and line.rstrip().endswith("]") else line


def detect(msg: Message) -> list[Delivery] | None:
    if not subject_has(msg, "there was an error sending your mail"):
        return None
    text = msg.body_text
    start = text.find(" error(s):")
    if start < 0:
        return None
    out = []
    for line in text[start:].split("\n")[1:]:
        s = line.strip()
        if s.startswith("The attachment contains the original"):
            break
        low = s.lower()
        rcpt = ""
        if "recipient <" in low:
            rcpt = scan.clean_address(s[low.find("recipient <") + 10:])
        elif "errors: " in low:
            rcpt = scan.clean_address(s[low.find("errors: ") + 8:].split(" ")[0])
        if rcpt:
            # "... refused to accept your message (DATA)", "(Error following RCPT command)"
            command = next((c for c in _COMMANDS if f"({c})" in s or f" {c} command" in s), "")
            out.append(delivery(rcpt, action="failed", diagnostic=_reply(s), command=command, decoded_by=NAME))
    return out or None
