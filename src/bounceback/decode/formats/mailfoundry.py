"""MailFoundry: "Message delivery has failed" from a MailFoundry appliance.

Markers from Sisimai ``Lhost/MailFoundry.pm`` (BSD-2-Clause): Subject
``Message delivery has failed`` and a Received header stamped
``(MAILFOUNDRY) id``; per recipient the text reads

    Unable to deliver message to: <kijitora@example.org>
    Delivery failed for the following reason:
    Server mx22.example.org[192.0.2.222] failed with: 550 <kijitora@example.org> No such user here

followed by "This has been a permanent failure. ..." and the original in a
``message/rfc822`` part.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message
from ..textscan import report_text
from ._provider import finish, received_has

NAME = "mailfoundry"

_RCPT = "unable to deliver message to:"
_REASON = "delivery failed for the following reason:"
_FAILED = " failed with:"


def _reply(lines: list[str]) -> tuple[str, str]:
    """(remote host, reply) of ``Server host[ip] failed with: 550 ...``; the MTA's words as they are otherwise."""
    text = " ".join(lines)
    i = text.find(_FAILED)
    if not text.startswith("Server ") or i < 0:
        return "", text
    host = text[7:i].strip()
    host = host[:host.find("[")] if "[" in host else host  # "mx22.example.org[192.0.2.222]"
    return host.lower(), text[i + len(_FAILED):].strip()


def detect(msg: Message) -> list[Delivery] | None:
    if msg.subject.strip() != "Message delivery has failed" or not received_has(msg, "(mailfoundry) id"):
        return None
    found: list[tuple[str, list[str]]] = []
    reading = False  # inside "Delivery failed for the following reason:" of the last recipient
    for line in report_text(msg.body_text).split("\n"):
        s = line.strip()
        low = s.lower()
        if low.startswith(_RCPT):
            addr = scan.clean_address(s[len(_RCPT):])
            if addr:
                found.append((addr, []))
            reading = False
        elif low == _REASON:
            reading = bool(found)
        elif not s or s.startswith("-") or low.startswith("this has been a "):
            # a blank line ends the reason; "This has been a permanent failure." is the summary
            reading = reading and not found[-1][1]
        elif reading:
            found[-1][1].append(s)
    out = []
    for addr, lines in found:
        host, diag = _reply(lines)
        out.append(delivery(addr, action="failed", diagnostic=diag, remote_mta=host, decoded_by=NAME))
    return finish(out)
