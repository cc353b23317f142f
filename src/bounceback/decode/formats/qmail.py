"""qmail (and netqmail, indimail, vpopmail setups): "failure notice".

qmail-send.c opens with "Hi. This is the qmail-send program at <host>.", lists
``<address>:`` and the error under it, and ends before "--- Below this line is
a copy of the message." The remote reply follows "Remote host said:"; the
sentence before it names the SMTP stage (qmail-remote.c). Detection after
Sisimai::Lhost::qmail: Subject "failure notice" or a "(qmail N invoked for
bounce)" Received line.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery, text_blocks
from ..message import Message
from ..textscan import TextFormat

NAME = "qmail"

FORMAT = TextFormat(begin=("hi. this is the qmail", "this is the qmail-send program"),
                    end=("--- below this line is a copy", "--- enclosed is a copy", "--- attached is a copy"))
# qmail-remote.c: the stage of the SMTP session each sentence reports
_STAGES = (
    ("but greeting failed", "CONN"), ("but my name was rejected", "EHLO"), ("but sender was rejected", "MAIL"),
    ("does not like recipient", "RCPT"), ("failed on data command", "DATA"),
    ("failed after i sent the message", "DATA"), ("most progress was rcpt", "RCPT"),
    ("most progress was mail", "MAIL"), ("most progress was data", "DATA"),
)
# qmail-send.c: "I'm not going to try again; this message has been in the queue too long."
TOO_LONG = "this message has been in the queue too long"


def stage(low: str) -> str:
    """The SMTP command a qmail-remote sentence names (lowercased text)."""
    return next((c for s, c in _STAGES if s in low), "")


def is_qmail(msg: Message) -> bool:
    if msg.subject.strip().lower() == "failure notice":
        return True
    return any(r.startswith("(qmail ") and "invoked for bounce" in r for r in msg.get_all("received"))


def remote(text: str) -> str:
    """Giving up on X. / Connected to X but ... / remote host X said: / X does not like recipient."""
    low = text.lower()
    for start, stop in (("giving up on ", "."), ("connected to ", " "), ("remote host ", " said")):
        i = low.find(start)
        if i >= 0:
            rest = low[i + len(start):]
            j = rest.find(stop + " ") if stop == "." else rest.find(stop)
            host = (rest[:j] if j >= 0 else rest).strip().rstrip(".")
            if host and " " not in host and "." in host:
                return host
    for stage in (" does not like recipient", " failed after i sent", " failed on data"):
        i = low.find(stage)
        if i > 0:
            host = low[:i].split()[-1]
            if "." in host:
                return host
    return ""


def reply(text: str) -> str:
    """The remote server's reply after "Remote host said:", without "Giving up on X."."""
    low = text.lower()
    i = low.find("remote host said:")
    if i < 0:
        i = low.find(" said: ")
        if i < 0 or not scan.find_reply_code(text[i + 7:]):
            return text
        i += 7 - len("remote host said:")
    reply = text[i + len("remote host said:"):]
    j = reply.lower().rfind("giving up on ")
    return (reply[:j] if j >= 0 else reply).strip()


def detect(msg: Message) -> list[Delivery] | None:
    if not is_qmail(msg):
        return None
    out = []
    for b in text_blocks(msg, FORMAT):
        text = b.text
        low = text.lower()
        command = stage(low)
        reply_text = reply(text)
        reason = "expired" if low.strip().startswith(("i'm not going to try again", TOO_LONG)) else ""
        out.append(delivery(b.address, action="failed", diagnostic=reply_text, command=command,
                            diagnostic_type="SMTP" if reply_text is not text else "",
                            remote_mta=remote(text), reason=reason, decoded_by=NAME))
    return out or None
