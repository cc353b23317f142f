"""GMX and WEB.DE (United Internet): ``MAILER-DAEMON@mail.gmx.com``.

Markers from Sisimai ``Lhost/GMX.pm`` (BSD-2-Clause): the ``X-GMX-Antispam``
header (``X-UI-Out-Filterresults`` on WEB.DE); ``This message was created
automatically by mail delivery software.``; per recipient ``"user@example.jp":``
or ``<user@example.jp>``, then ``SMTP error from remote server after RCPT
command:``, ``host: mx.example.jp`` and the reply, or ``Reason:`` and a line of
text; the original after ``--- The header of the original message is
following. ---``. ``delivery retry timeout exceeded`` is reason ``expired``.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message
from ..textscan import report_text
from ._provider import finish

NAME = "gmx"

_BEGIN = "this message was created automatically by mail delivery software"
_EXPIRED = "retry timeout exceeded"
# "SMTP error from remote server after RCPT command:" / "... for MAIL command:" / "... for TEXT
# command:" (Sisimai::Lhost::GMX reads the word before "command:"); TEXT is the message text: DATA
_COMMANDS = {"RCPT": "RCPT", "MAIL": "MAIL", "DATA": "DATA", "TEXT": "DATA", "HELO": "HELO", "EHLO": "EHLO"}


def _command(lines: list[str]) -> str:
    for s in lines:
        words = s.split()
        if s.lower().startswith("smtp error ") and s.endswith(" command:") and len(words) > 2:
            return _COMMANDS.get(words[-2].upper(), "")
    return ""


def _recipient(s: str) -> str:
    if (s.startswith('"') and s.endswith('":')) or (s.startswith("<") and s.endswith(">")):
        return scan.clean_address(s.strip('"<>:'))
    return ""


def detect(msg: Message) -> list[Delivery] | None:
    if "x-gmx-antispam" not in msg.headers and not (
            "x-ui-out-filterresults" in msg.headers and "mailer-daemon@" in msg.sender.lower()):
        return None
    text = report_text(msg.body_text)
    start = text.lower().find(_BEGIN)
    if start < 0:
        return None
    blocks: list[tuple[str, list[str], str]] = []
    for line in text[start:].split("\n")[1:]:
        s = line.strip()
        rcpt = _recipient(s) if "@" in s else ""
        if rcpt:
            blocks.append((rcpt, [], ""))
        elif blocks and s and s.lower() != "reason:":
            r, lines, host = blocks[-1]
            if s.lower().startswith("host:"):
                blocks[-1] = (r, lines, s[5:].strip())
            else:
                lines.append(s)
    out = []
    for rcpt, lines, host in blocks:
        # "SMTP error from remote server after RCPT command:" names the command; the reply follows it
        reply = [s for s in lines if not (s.lower().startswith("smtp error ") and s.endswith(" command:"))]
        d = delivery(rcpt, action="failed", diagnostic=" ".join(reply or lines), remote_mta=host, command=_command(lines),
                     decoded_by=NAME)
        out.append(replace(d, reason="expired") if _EXPIRED in d.diagnostic.lower() else d)
    return finish(out)
