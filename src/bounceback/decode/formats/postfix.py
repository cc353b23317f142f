"""Postfix: "Undelivered Mail Returned to Sender", delay and postmaster notices.

bounce(5) templates open with "This is the mail system at host <name>." and,
after "The mail system", list ``<rcpt>: host mx[ip] said: 550 ... (in reply to
RCPT TO command)``; the RFC 3464 part carries the codes. The text gives the
SMTP stage and completes diagnostics the report leaves out. "Postfix SMTP
server: errors from" notices (smtpd notify_classes) carry a session transcript.
Markers after Sisimai::Lhost::Postfix and postfix/src/bounce/bounce_notify_util.c.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message
from ..textscan import TextFormat
from . import _lhost

NAME = "postfix"

_SUBJECTS = ("undelivered mail returned to sender", "delayed mail (still being retried)",
             "successful mail delivery report", "mail delivery status report", "postfix smtp server: errors from")
FORMAT = TextFormat(begin=("this is the mail system at host", "the mail system", "this is the postfix program",
                           " postfix program"))


def is_postfix(msg: Message) -> bool:
    if msg.get("x-aol-ip"):
        return False  # AOL's own Postfix texts (Sisimai::Lhost::Aol)
    return msg.subject.strip().lower().startswith(_SUBJECTS)


def clean(diag: str) -> str:
    """``host mx[ip] said: 550 ... (in reply to RCPT TO command)`` -> ``550 ...``."""
    if diag.startswith("(expanded from ") and "):" in diag:
        diag = diag[diag.find("):") + 2:].strip()  # "<a@b> (expanded from <list@c>): ..."
    low = diag.lower()
    i = low.find(" said: ")
    if low.startswith("host ") and i > 0:
        diag, low = diag[i + 7:], low[i + 7:]
    j = low.rfind("(in reply to ")
    if j > 0 and low.rstrip().endswith("command)"):
        diag = diag[:j]
    return diag.strip()


def _remote(text: str) -> str:
    """``host mx.example.org[192.0.2.1] said:`` / ``connect to mx.example.org[192.0.2.1]:25: ...``."""
    low = text.lower()
    for key in ("host ", "connect to "):
        i = low.find(key)
        j = low.find("[", i)
        if i >= 0 and j > i:
            host = low[i + len(key):j].strip()
            if host and " " not in host and "." in host:
                return host
    return ""


def _smtpd_transcript(msg: Message) -> list[Delivery]:
    """smtpd notify: `` In:  RCPT TO:<a>`` ... `` Out: 451 4.3.0 Error: queue file write error``."""
    rcpts, error, command, last = [], "", "", ""
    for line in msg.body_text.split("\n"):
        s = line.strip()
        if s.startswith("In:"):
            last = s[3:].strip().split(" ", 1)[0].split(":")[0].upper()
            if s[3:].strip().upper().startswith("RCPT TO:"):
                a = scan.clean_address(s[3:].strip()[8:].split(" ", 1)[0])
                if a:
                    rcpts.append(a)
        elif s.startswith("Out:") and s[4:].strip()[:1] in ("4", "5") and not error:
            error, command = s[4:].strip(), last
    return [delivery(r, action="failed", diagnostic=error, command=command, decoded_by=NAME)
            for r in dict.fromkeys(rcpts)] if error else []


def detect(msg: Message) -> list[Delivery] | None:
    if not is_postfix(msg):
        return None
    if msg.subject.strip().lower().startswith("postfix smtp server"):
        return _smtpd_transcript(msg) or None
    delayed = msg.subject.strip().lower().startswith("delayed mail")
    return _lhost.combine(msg, NAME, FORMAT, action="delayed" if delayed else "failed", clean=clean,
                          remote_of=_remote) or None
