"""Mail.ru (``mailer-daemon@corp.mail.ru``): an Exim report with a Russian preface.

Markers from Sisimai ``Lhost/MailRu.pm`` (BSD-2-Clause): From
``mailer-daemon@*.mail.ru``, a Message-ID under ``mail.ru`` / ``smailru.net``,
Subjects of Exim (``Mail failure``, ``Mail delivery failed``, ``Warning:
message ... delayed`` ...). The English part opens with ``This message was
created automatically by mail delivery software.``; recipients are indented two
spaces, their errors four (``SMTP error from remote mail server after RCPT
TO:<...>: host ...: 550 ...``); the original follows ``------ This is a copy of
the message, including all the headers. ------``. Exim's ``retry timeout
exceeded`` and delay warnings make the reason ``expired``.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message
from ..textscan import report_text
from . import _lhost, exim
from ._provider import finish, header_addresses

NAME = "mailru"

_BEGIN = "this message was created automatically by mail delivery software"
_EXPIRED = ("retry timeout exceeded", "no action is required on your part")


def exim_blocks(text: str) -> list[tuple[str, list[str]]]:
    """Exim's list: ``  address`` (maybe ``  address: text``), its error lines indented further."""
    blocks: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        indent = len(line) - len(line.lstrip())
        first = s.split()[0].rstrip(":")
        if 0 < indent <= 2 and "@" in first and scan.clean_address(first):
            blocks.append((scan.clean_address(first), [s[len(first):].strip(" :")] if " " in s else []))
        elif blocks and indent > 2:
            blocks[-1][1].append(s)
        elif blocks and indent == 0:
            break
    return blocks


def detect(msg: Message) -> list[Delivery] | None:
    sender = msg.sender.lower()
    if "mailer-daemon@" not in sender or "mail.ru" not in sender.rpartition("@")[2]:
        return None
    text = report_text(msg.body_text)
    lower = text.lower()
    start = lower.find(_BEGIN)
    found = exim_blocks(text[start:] if start >= 0 else text)
    if not found:
        found = [(a, []) for a in header_addresses(msg, "x-failed-recipients")]
    delayed = "delayed" in msg.subject.lower()
    out = []
    for rcpt, lines in found:
        diag = " ".join(x for x in lines if x)
        # the remote server's words, without Exim's "SMTP error from remote mail server after ...: host ...:"
        d = delivery(rcpt, action="failed", diagnostic=exim.reply_of(diag), command=scan.find_command(diag),
                     remote_mta=_lhost.remote(diag), decoded_by=NAME)
        if delayed or any(p in diag.lower() for p in _EXPIRED):
            d = replace(d, reason="expired")
        out.append(d)
    return finish(out)
