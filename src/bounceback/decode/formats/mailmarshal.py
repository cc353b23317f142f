"""Trustwave MailMarshal SMTP: "Undeliverable Mail: \"<subject>\"".

"Your message: ... Could not be delivered because of" the reply, then "The
following recipients were affected:" with the addresses indented four spaces,
then "Additional Information" (Remote-MTA, Reporting-MTA). Markers after
Sisimai::Lhost::MailMarshalSMTP.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message

NAME = "mailmarshal"


def detect(msg: Message) -> list[Delivery] | None:
    if not msg.subject.startswith('Undeliverable Mail: "'):
        return None
    text = msg.body_text
    i = text.find("Could not be delivered because of")
    if i < 0:
        return None
    error, rcpts, info, part = [], [], {}, "error"
    for line in text[i:].split("\n")[1:]:
        s = line.strip()
        if s.startswith("The following recipients were affected"):
            part = "rcpts"
        elif s.startswith("Additional Information"):
            part = "info"
        elif part == "error" and s:
            error.append(s)
        elif part == "rcpts" and "@" in s:
            a = scan.clean_address(s)
            if a:
                rcpts.append(a)
        elif part == "info" and ":" in s:
            k, _, v = s.partition(":")
            info[k.strip().lower()] = v.strip().strip("<>")
    return [delivery(r, action="failed", diagnostic=" ".join(error), remote_mta=info.get("remote-mta", ""),
                     reporting_mta=info.get("reporting-mta", ""), decoded_by=NAME)
            for r in dict.fromkeys(rcpts)] or None
