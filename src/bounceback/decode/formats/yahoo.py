"""Yahoo! Mail (``MAILER-DAEMON@yahoo.com``, a qmail-like text report).

Markers from Sisimai ``Lhost/Yahoo.pm`` (BSD-2-Clause): the ``X-YMailISG``
header; ``Sorry, we were unable to deliver your message to the following
address.``; per recipient ``<address>:`` then ``Remote host said: 550 5.1.1 ...
[RCPT_TO]`` (the reply may be on its own lines, the bracket names the SMTP
command) or ``550: 5.2.2 ...``; the original follows ``--- Below this line is a
copy of the message.``

AOL Mail runs on Yahoo's mail system since 2017: its failure notices come from
``MAILER-DAEMON@aol.com`` with the same Subject ``Failure Notice`` and text.
"""

from __future__ import annotations

from dataclasses import replace

from ... import patterns
from ...model import Delivery
from .. import scan
from ..common import delivery, from_has
from ..message import Message
from ..textscan import report_text
from ._provider import finish

NAME = "yahoo"

_BEGIN = ("sorry, we were unable to deliver your message", "unable to deliver message to the following address")
_COMMAND = patterns.compile(r"\[(RCPT_TO|MAIL_FROM|DATA|BODY|CONNECT|HELO|EHLO)[^\]]*\]\s*$", ignore_case=False)
# "[BODY]": the reply to the message's body, i.e. at the end of DATA (RFC 5321 §4.1.1.4)
_COMMANDS = {"RCPT_TO": "RCPT", "MAIL_FROM": "MAIL", "DATA": "DATA", "BODY": "DATA", "CONNECT": "CONN",
             "HELO": "HELO", "EHLO": "EHLO"}
# a reply that names an address without a bracketed command answered RCPT TO (Sisimai::Lhost::Yahoo)
_ADDRESS = patterns.compile(r"<[^<>@\s]+@[^<>@\s]+>")
# qmail-remote's "I'm not going to try again" in Yahoo's words
_GAVE_UP = "after multiple retries, giving up"


def _record(rcpt: str, lines: list[str]) -> Delivery:
    text = " ".join(lines)
    command = ""
    m = _COMMAND.search(text)
    if m:
        command = _COMMANDS[m.group(1)]
        text = text[: m.start()].rstrip()
    if text.lower().startswith("remote host said:"):
        text = text[len("remote host said:"):].strip()
    reply = ""
    if text[:3].isdigit() and text[3:4] == ":":  # "550: 5.2.2 <a@b>... Mailbox Full"
        reply, text = text[:3], f"{text[:3]} {text[4:].strip()}"
    if not command and text[:1] in "45" and _ADDRESS.search(text):
        command = "RCPT"
    d = delivery(rcpt, action="failed", diagnostic=text, command=command, reply_code=reply, decoded_by=NAME)
    if _GAVE_UP in text.lower():
        d = replace(d, reason="expired")
    return d


def detect(msg: Message) -> list[Delivery] | None:
    if not msg.get("x-ymailisg") and not from_has(msg, "mailer-daemon@yahoo", "mailer-daemon@aol.com"):
        return None
    text = report_text(msg.body_text)
    hits = [i for i in (text.lower().find(b) for b in _BEGIN) if i >= 0]
    if not hits:
        return None
    start = min(hits)
    blocks: list[tuple[str, list[str]]] = []
    for line in text[start:].split("\n")[1:]:
        s = line.strip()
        if s.startswith("<") and s.endswith(">:") and "@" in s:
            addr = scan.clean_address(s)
            if addr:
                blocks.append((addr, []))
                continue
        if blocks and s:
            blocks[-1][1].append(s)
    return finish([_record(rcpt, lines) for rcpt, lines in blocks])
