"""Sisimai's anonymised "X4": qmail look-alikes with their own opening sentences.

qmail-send's layout (``<address>:`` and the error, "Remote host said: ...",
"--- Below this line is a copy of the message.") under openings other than
"Hi. This is the qmail-send program" ("Unfortunately, your mail was not
delivered to the following address:", "Su mensaje no pudo ser entregado",
"He/Her is not mx.example.co.kr user", ...).
Markers after Sisimai::Lhost::X4.
"""

from __future__ import annotations

from ...model import Delivery
from ..common import delivery, text_blocks
from ..message import Message
from ..textscan import TextFormat
from . import qmail

NAME = "x4"

FORMAT = TextFormat(
    begin=("he/her is not ", "unable to deliver your message to the following addresses", "su mensaje no pudo ser entregado",
           "this is the machine generated message from mail service", "this is the mail delivery agent at",
           "unable to deliver message to the following address", "your mail message to the following address",
           "your message to the following addresses", "we're sorry.",
           "unfortunately, your mail was not delivered to the following address:"),
    end=("--- below this line is a copy of the message", "--- original message follows"))


def detect(msg: Message) -> list[Delivery] | None:
    subject = msg.subject.strip().lower()
    if not (subject.startswith(("failure notice", "permanent delivery failure"))
            or any(r.startswith("(qmail ") and "invoked for bounce" in r for r in msg.get_all("received"))):
        return None
    out = []
    for b in text_blocks(msg, FORMAT):
        low = b.text.lower()
        reply = qmail.reply(b.text)
        out.append(delivery(b.address, action="failed", diagnostic=reply, command=qmail.stage(low),
                            remote_mta=qmail.remote(b.text), decoded_by=NAME))
    return out or None
