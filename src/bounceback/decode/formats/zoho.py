"""Zoho Mail (``mailer-daemon@mail.zoho.com``).

Markers from Sisimai ``Lhost/Zoho.pm`` (BSD-2-Clause): the ``X-ZohoMail``
header; ``This message was created automatically by mail delivery software.``
(``... delivery system.`` in delay notices); per recipient one line

    user@example.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <user@example.jp>... User Unknown
    [Status: Error, Address: <user@example.jp>, ResponseCode 421, , Host not reachable.]

and the original's headers after ``Received:from mail.zoho.com by mx.zohomail.com``.
Zoho's ``Host not reachable`` is its retry notice: reason ``expired``.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message
from ._provider import finish

NAME = "zoho"

_BEGIN = "this message was created automatically by mail delivery"
_EXPIRED = "host not reachable"


def _line(line: str) -> tuple[str, str, str]:
    """(recipient, reply code, diagnostic) of one report line, or ("", "", "")."""
    s = line.strip()
    if s.startswith("[Status:") and "<" in s:
        fields = [f.strip() for f in s.strip("[]").split(",")]
        rcpt = scan.clean_address(s[s.find("<"):])
        reply = next((f.split()[-1] for f in fields if f.lower().startswith("responsecode")), "")
        text = ", ".join(f for f in fields[3:] if f)
        return rcpt, reply if reply.isdigit() else "", f"{reply} {text}".strip()
    first, _, rest = s.partition(" ")
    if "@" not in first or not rest or not scan.clean_address(first):
        return "", "", ""
    parts = [p.strip(" ,") for p in rest.replace("ERROR CODE :", "ERROR_CODE :").split("ERROR_CODE :")]
    reply = parts[1] if len(parts) > 1 and parts[1].isdigit() else ""
    text = " ".join(p for p in parts[1:] if p)
    return scan.clean_address(first), reply, f"{text} ({parts[0]})" if parts[0] and text else text or parts[0]


def detect(msg: Message) -> list[Delivery] | None:
    if "x-zohomail" not in msg.headers:
        return None
    text = msg.body_text
    start = text.lower().find(_BEGIN)
    if start < 0:
        return None
    out = []
    for line in text[start:].split("\n")[1:]:
        if line.lower().startswith("received:"):
            break  # the original's headers
        rcpt, reply, diag = _line(line)
        if rcpt:
            d = delivery(rcpt, action="failed", diagnostic=diag, reply_code=reply, decoded_by=NAME)
            out.append(replace(d, reason="expired") if _EXPIRED in diag.lower() else d)
    return finish(out)
