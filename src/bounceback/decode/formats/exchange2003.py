"""Microsoft Exchange 5.5 - 2003 (Internet Mail Service / Internet Mail Connector) NDRs.

Markers from Sisimai ``Lhost/Exchange2003.pm`` (BSD-2-Clause): ``X-MS-Embedded-Report``,
an ``X-Mailer`` of ``Internet Mail Service (`` or ``Microsoft Exchange Server
Internet Mail Connector``, ``X-MimeOLE: Produced By Microsoft Exchange``, or a
Received header ``with Internet Mail Service (``. The text:

    Your message
      To:      ...            <- the original's headers, not the recipient
      Subject: ...
    did not reach the following recipient(s):
    user@example.org on Thu, 29 Apr 2010 00:00:00 -0000
        The recipient name is not recognized
        MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient

(``The following recipient(s) could not be reached:`` in older versions).
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery, header_has
from ..message import Message
from ..textscan import TextFormat, section
from ._provider import finish, received_has

NAME = "exchange2003"

FORMAT = TextFormat(begin=("did not reach the following recipient", "the following recipient(s) could not be reached"))


def _ours(msg: Message) -> bool:
    return ("x-ms-embedded-report" in msg.headers
            or msg.get("x-mailer").strip().startswith(("Internet Mail Service (",
                                                       "Microsoft Exchange Server Internet Mail Connector"))
            or header_has(msg, "x-mimeole", "produced by microsoft exchange")
            or received_has(msg, " with internet mail service ("))


def _recipient(line: str) -> str:
    """``user@example.org on <date>`` or ``Name (SMTP=user@example.org) on <date>``."""
    s = line.strip()
    head, sep, _ = s.partition(" on ")
    if not sep:
        return ""
    i = head.lower().find("smtp=")
    if i >= 0:
        head = head[i + 5:].rstrip(")]")
    return scan.clean_address(head) if " " not in head.strip() and "@" in head else ""


def detect(msg: Message) -> list[Delivery] | None:
    if not _ours(msg):
        return None
    text = section(msg.body_text, FORMAT)
    if text is None:
        return None
    blocks: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        rcpt = _recipient(line) if "@" in line else ""
        if rcpt:
            blocks.append((rcpt, []))
        elif blocks and line.strip():
            if line.lstrip().lower().startswith("content-type:") or line.startswith("--"):
                break
            blocks[-1][1].append(line.strip())
    # MSEXCH code 000C05A6 is the IMS's "Unknown Recipient": the address was refused (Sisimai
    # Exchange2003.pm reads it as userunknown), i.e. at the RCPT stage
    return finish([delivery(r, action="failed", diagnostic=" ".join(lines), decoded_by=NAME,
                            command="RCPT" if "(000C05A6)" in " ".join(lines) else "")
                   for r, lines in blocks])
