"""Sendmail 5 / 8.6 and other pre-DSN sendmails: "Returned mail: User unknown".

No RFC 3464 part: savemail.c writes "----- Transcript of session follows -----"
where each failed address has a line ``554 <rcpt>... 550 Host unknown``, after
the ``>>> RCPT``/``<<< 550 ...`` exchange with the remote host, then "-----
Unsent message follows -----". Detection after Sisimai::Lhost::V5sendmail (the
Subject is "Returned mail: " and a capitalised reason, not Sendmail 8's "see
transcript for details").
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery, report_part
from ..message import Message

NAME = "v5sendmail"

_COMMANDS = {"RCPT": "RCPT", "MAIL": "MAIL", "DATA": "DATA", "HELO": "HELO", "EHLO": "EHLO", "QUIT": "QUIT"}


def detect(msg: Message) -> list[Delivery] | None:
    subject = msg.subject.strip()
    if not subject.lower().startswith("returned mail: ") or not subject[15:16].isupper():
        return None
    text = msg.body_text
    i = text.lower().find("----- transcript of session follows -----")
    if i < 0 or report_part(msg) is not None:
        return None
    out, replies, host, command, sent = [], [], "", "", False
    for line in text[i:].split("\n")[1:]:
        s = line.strip()
        if s.startswith("-----"):
            break
        low = s.lower()
        if low.startswith(("while talking to ", "... while talking to ")):
            host, replies, sent = low.split("talking to ", 1)[1].rstrip(":. "), [], False
        elif s.startswith(">>>"):
            command, sent = _COMMANDS.get(s[3:].strip()[:4].upper(), command), True
        elif s.startswith("<<<"):
            if not sent:
                command = "CONN"  # nothing sent yet in this session: the greeting refused us (usersmtp.c)
            replies.append(s[3:].strip())
        elif s[:3].isdigit() and "<" in s and ">..." in s:
            # "554 <kijitora@example.org>... 550 Host unknown": the line names the recipient
            addr = scan.clean_address(s[3:s.find(">...") + 1])
            if not addr:
                continue
            note = s[s.find(">...") + 4:].strip()
            diag = f"{' '.join(replies)} ({note})" if replies else note  # the remote's words first
            out.append(delivery(addr, action="failed", diagnostic=diag, remote_mta=host if replies else "",
                                command=command if replies else "", decoded_by=NAME))
            replies, command = [], ""
    return out or None
