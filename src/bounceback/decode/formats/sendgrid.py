"""SendGrid (``Return-Path: <apps@sendgrid.net>``).

Markers from Sisimai ``Lhost/SendGrid.pm`` (BSD-2-Clause): that Return-Path and
Subject ``Undelivered Mail Returned to Sender``; after ``This is an
automatically generated message from SendGrid.`` the RFC 3464 fields, with
``Action: expired`` for messages SendGrid gave up on and ``Diagnostic-Code``
holding the bare reply (``550 5.1.1 ...``). Without an enhanced code the status
is the reply code's class (``5.0.0``), as Sisimai reports it.

The text part names each recipient in a line of its own, the remote reply and the
refused command indented below it (Sisimai's sample)::

    shironekochan:000000:<kijitora@example.jp> : 192.0.2.250 : mx.example.jp:[192.0.2.153] :
      550 5.1.1 <kijitora@example.jp>... User Unknown  in RCPT TO

``in RCPT TO``, ``in MAIL FROM``, ``in End of DATA`` name the command; the third field
is the remote host.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from .. import scan
from ..common import from_report_or_text, header_has, one_line
from ..message import Message
from ._provider import finish

NAME = "sendgrid"

_BEGIN = "This is an automatically generated message from SendGrid."
# the refused command at the end of the reply line (SendGrid writes the words in capitals)
_COMMANDS = (("RCPT", "RCPT"), ("MAIL", "MAIL"), ("End of DATA", "DATA"), ("DATA", "DATA"),
             ("EHLO", "EHLO"), ("HELO", "HELO"))


def _recipient_lines(text: str) -> dict[str, tuple[str, str, str]]:
    """address -> (remote host, reply, command) from the text's recipient lines."""
    out: dict[str, tuple[str, str, str]] = {}
    lines = text.split("\n")
    for n, line in enumerate(lines):
        head = line.rstrip()
        i, j = head.find(":<"), head.find("> : ")
        if i < 0 or j < i or not head.endswith(":") or line[:1].isspace():
            continue
        addr = scan.clean_address(head[i + 2:j])
        fields = [f.strip() for f in head[j + 4:].split(" : ")]
        host = scan.host_of(fields[1].partition(":[")[0]) if len(fields) > 1 else ""
        reply = []
        for cont in lines[n + 1:]:
            if not cont[:1].isspace() or not cont.strip():
                break
            reply.append(cont.strip())
        text_reply, command = one_line(" ".join(reply)), ""
        k = text_reply.rfind(" in ")
        if k >= 0:
            for word, name in _COMMANDS:
                if text_reply[k + 4:].startswith(word):
                    text_reply, command = text_reply[:k].rstrip(), name
                    break
        if addr:
            out.setdefault(addr.lower(), (host, text_reply, command))
    return out


def detect(msg: Message) -> list[Delivery] | None:
    if not header_has(msg, "return-path", "apps@sendgrid.net"):
        return None
    found = from_report_or_text(msg, NAME, _BEGIN, anywhere=True)
    lines = _recipient_lines(msg.body_text) if found else {}
    out = []
    for d in found:
        host, reply, command = lines.get(d.recipient.lower(), ("", "", ""))
        if reply and not d.diagnostic:
            d = replace(d, diagnostic=reply, reply_code=d.reply_code or scan.find_reply_code(reply),
                        status=d.status or scan.find_status(reply))
        d = replace(d, remote_mta=d.remote_mta or host, smtp_command=d.smtp_command or command)
        if not d.status and d.reply_code[:1] in ("4", "5"):
            d = replace(d, status=f"{d.reply_code[0]}.0.0")
        out.append(d)
    return finish(out)
