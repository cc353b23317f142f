"""DragonFly Mail Agent (dma), the small MTA of DragonFly BSD, FreeBSD and Debian.

Not in Sisimai 4.25; markers from dma's ``mail.c`` ``bounce()`` and ``net.c``
(BSD-3-Clause). The bounce, "Subject: Mail delivery failed", reads

    This is the DragonFly Mail Agent v0.13 at gw.example.net.

    There was an error delivering your mail to <bob@example.org>.

    mx.example.org [198.51.100.25] did not like our RCPT TO:
    550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown

    Message headers follow.            (or "Original message follows.")

One bounce per recipient. The error is dma's own sentence (``DNS lookup failure:
host ... not found``, ``Could not deliver for the last ... seconds. Giving up.``)
or ``<host> [<ip>] did not like our <command>:`` followed by the remote reply.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message
from ._provider import finish

NAME = "dma"

_AGENT = "this is the dragonfly mail agent"
_RCPT = "there was an error delivering your mail to "
_ENDS = ("message headers follow.", "original message follows.")
_DISLIKE = " did not like our "
# dma's READ_REMOTE_CHECK stages (net.c): "final DATA" is the end of the message data
_COMMANDS = {"ehlo": "EHLO", "helo": "HELO", "mail from": "MAIL", "rcpt to": "RCPT", "data": "DATA",
             "final data": "DATA", "starttls": "STARTTLS", "auth": "AUTH"}


def _error(lines: list[str]) -> tuple[str, str, str]:
    """(diagnostic, SMTP command, remote host) of dma's error text."""
    if not lines:
        return "", "", ""
    head = lines[0]
    i = head.find(_DISLIKE)
    if i < 0 or not head.endswith(":"):
        return " ".join(lines), "", ""
    stage = head[i + len(_DISLIKE):-1].strip().lower()
    host = head[:i].split(" ")[0].strip("[]").lower()  # "mx.example.org [198.51.100.25]"
    reply = " ".join(lines[1:]) or head
    return reply, _COMMANDS.get(stage, ""), host


def detect(msg: Message) -> list[Delivery] | None:
    text = msg.body_text
    low = text.lower()
    start = low.find(_AGENT)
    at = low.find(_RCPT, start) if start >= 0 else -1
    if at < 0:
        return None
    nl = low.find("\n", at)
    rcpt = scan.clean_address(text[at + len(_RCPT):nl if nl >= 0 else len(text)])
    if not rcpt:
        return None
    lines: list[str] = []
    for line in text[nl + 1:].split("\n") if nl >= 0 else ():
        s = line.strip()
        if s.lower() in _ENDS or not s and lines:
            break  # the error is one paragraph (a remote reply has no blank line)
        if s:
            lines.append(s)
    diag, command, host = _error(lines)
    return finish([delivery(rcpt, action="failed", diagnostic=diag, command=command, remote_mta=host,
                            decoded_by=NAME)])
