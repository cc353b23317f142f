"""Verizon Wireless: vtext.com (SMS gateway) and vzwpix.com (MMS) notices.

Markers from Sisimai ``Lhost/Verizon.pm`` (BSD-2-Clause), both with a Received
header of ``.vtext.com (``:

* From ``post_master@vtext.com``: after ``Error: ...`` the session, per
  recipient ``    RCPT TO: <number@vtext.com>`` and the reply
  ``550 - Requested action not taken: no such user here``;
* From ``sysadmin@*.vzwpix.com``: ``Message could not be delivered to mobile.``,
  then ``To: number@vzwpix.com`` and ``Error: No valid recipients for this MM``.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message
from ._provider import finish, received_has

NAME = "verizon"


def _vtext(text: str) -> list[Delivery]:
    lower = text.lower()
    start = lower.find("error:")
    if start < 0:
        return []
    out: list[tuple[str, str]] = []
    for line in text[start:].split("\n"):
        s = line.strip()
        if s.upper().startswith("RCPT TO:") and scan.clean_address(s[8:]):
            out.append((scan.clean_address(s[8:]), ""))
        elif out and s[:3].isdigit() and s[3:6] == " - ":
            # the reply under the session's details answers every address listed above it
            out = [(r, diag or s) for r, diag in out]
    return [delivery(r, action="failed", diagnostic=diag.replace(" - ", " ", 1), command="RCPT", decoded_by=NAME)
            for r, diag in out]


def _vzwpix(text: str) -> list[Delivery]:
    start = text.find("Message could not be delivered to mobile")
    if start < 0:
        return []
    rcpts, error = [], ""
    for line in text[start:].split("\n"):
        s = line.strip()
        if s.startswith("To:") and scan.clean_address(s[3:]):
            rcpts.append(scan.clean_address(s[3:]))
        elif s.startswith("Error:"):
            error = s[6:].strip()
    return [delivery(r, action="failed", diagnostic=error, decoded_by=NAME) for r in rcpts]


def detect(msg: Message) -> list[Delivery] | None:
    if not received_has(msg, ".vtext.com ("):
        return None
    sender = scan.clean_address(msg.sender).lower()
    if sender == "post_master@vtext.com":
        return finish(_vtext(msg.body_text))
    if sender.startswith("sysadmin@") and sender.endswith(".vzwpix.com"):
        return finish(_vzwpix(msg.body_text))
    return None
