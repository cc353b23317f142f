"""Digital Arts m-FILTER: "failure notice" with ``X-Mailer: m-FILTER`` (Japanese).

Markers from Sisimai ``Lhost/mFILTER.pm`` (BSD-2-Clause): ``X-Mailer: m-FILTER``,
Subject ``failure notice``; after the Japanese preamble the failed addresses
stand on lines of their own, then

    -------server message
    550 5.1.1 unknown user <kijitora@example.jp>

    -------SMTP command
    DATA

    -------original message   (or "-------original mail info")

The addresses after ``-------original`` belong to the returned message.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message
from ._provider import finish

NAME = "mfilter"


def detect(msg: Message) -> list[Delivery] | None:
    if msg.get("x-mailer").strip() != "m-FILTER" or msg.subject.strip() != "failure notice":
        return None
    rcpts: list[str] = []
    diag, command, section = "", "", ""
    for line in msg.body_text.split("\n"):
        s = line.strip()
        if s.startswith("-------"):
            section = s[7:].strip().lower()
            if section.startswith("original"):
                break  # "-------original message": the returned mail follows
            continue
        if not s:
            continue
        if section == "server message":
            diag = diag or s  # the first line is the remote reply (Sisimai keeps only it)
        elif section == "smtp command":
            command = command or scan.find_command(f"in reply to {s}")
        elif not section and " " not in s and "@" in s and scan.clean_address(s):
            rcpts.append(scan.clean_address(s))
    return finish([delivery(r, action="failed", diagnostic=diag, command=command, decoded_by=NAME)
                   for r in dict.fromkeys(rcpts)])
