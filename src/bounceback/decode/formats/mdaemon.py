"""MDaemon (Alt-N / MDaemon Technologies): "Permanent Delivery Failure" and its warnings.

From ``MDaemon@<host>``. "The attached message had PERMANENT fatal delivery
errors!" (or "... temporary delivery errors"), "The following addresses did NOT
receive a copy of your message:" with ``> address`` lines, then "--- Session
Transcript ---": what MDaemon sent (``RCPT To:<..>``, newer versions timestamp
the lines and mark them ``-->``/``<--``) and the remote replies. Local refusals
read "Warning: <address> - User unknown!" with ``<address> - no such user here.``.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message

NAME = "mdaemon"

_COMMANDS = {"RCPT": "RCPT", "MAIL": "MAIL", "DATA": "DATA", "EHLO": "EHLO", "HELO": "HELO"}


def _payload(line: str) -> str:
    """``Sun 2024-03-03 10:00:01: <-- 550 5.1.1 No such user`` -> ``550 5.1.1 No such user``."""
    s = line.strip()
    parts = s.split(":", 3)
    if len(parts) == 4 and parts[0][:3].isalpha() and parts[0][-2:].isdigit() and parts[2][:2].isdigit():
        s = parts[3].strip()
    return s[4:] if s.startswith(("<-- ", "--> ")) else s


def _local(msg: Message) -> list[Delivery]:
    """"<address> - no such user here." (MDaemon's own refusal)."""
    out = []
    for line in msg.body_text.split("\n")[:20]:
        addr, sep, why = line.strip().partition(" - ")
        rcpt = scan.clean_address(addr) if sep and " " not in addr else ""
        if rcpt:
            out.append(delivery(rcpt, action="failed", diagnostic=why, decoded_by=NAME))
    return out


def detect(msg: Message) -> list[Delivery] | None:
    if not msg.sender.lower().startswith("mdaemon@") and "mdaemon@" not in msg.sender.lower():
        return None
    text = msg.body_text
    low = text.lower()
    permanent = "had permanent fatal delivery errors" in low
    if not permanent and "temporary delivery errors" not in low:
        return _local(msg) or None
    rcpts: list[str] = []
    replies: list[str] = []
    command, listing = "", False
    for line in text.split("\n"):
        s = _payload(line)
        lower = s.lower()
        if lower.startswith("--- end transcript") or lower.startswith("--- original message"):
            break
        if "did not receive a copy of your message" in lower:
            listing = True
        elif (listing and s.startswith(">")) or (s.startswith("*") and lower[1:].strip().startswith("to:")):
            a = scan.clean_address(s.lstrip(">*").strip().removeprefix("To:").removeprefix("to:"))
            if a:
                rcpts.append(a)
        elif lower.startswith(("rcpt to:", "mail from:", "data", "ehlo ", "helo ")):
            command = _COMMANDS.get(s[:4].upper(), command)
        elif s[:1] in ("4", "5") and s[:3].isdigit():
            replies.append(s)
    action = "failed" if permanent else "delayed"
    return [delivery(r, action=action, diagnostic=" ".join(replies), command=command if replies else "",
                     decoded_by=NAME) for r in dict.fromkeys(rcpts)] or None
