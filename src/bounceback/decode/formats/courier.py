"""Courier MTA: "NOTICE: mail delivery status." / "WARNING: delayed mail.".

courier/module.dsn writes "This is a delivery status notification from <host>,
running the Courier mail server", then under "UNDELIVERABLE MAIL" (or "DELAYS IN
DELIVERING YOUR MESSAGE") each ``<rcpt>:`` with the remote host and the SMTP
exchange (``>>> RCPT TO:<..>`` / ``<<< 550 ...``), and an RFC 3464 part whose
Status is often just 5.0.0. Markers after Sisimai::Lhost::Courier.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from .. import scan
from ..common import subject_has
from ..message import Message
from ..textscan import TextFormat
from . import _lhost

NAME = "courier"

FORMAT = TextFormat(begin=("undeliverable mail", "delays in delivering your message"),
                    end=("-------------------------------------",))
_COMMANDS = {"RCPT": "RCPT", "MAIL": "MAIL", "DATA": "DATA", "EHLO": "EHLO", "HELO": "HELO"}


def _reply(text: str) -> str:
    """``mx [ip]: >>> DATA <<< 550 Unknown user`` -> ``550 Unknown user``."""
    i = text.find("<<< ")
    return text[i:].replace("<<< ", "").strip() if i >= 0 else text


def _command(text: str) -> str:
    i = text.rfind(">>> ")
    return _COMMANDS.get(text[i + 4:i + 8].upper(), "") if i >= 0 else ""


def _remote(text: str) -> str:
    first = text.split(" ", 1)[0].rstrip(":")
    return first if "." in first and "@" not in first and not first.startswith(("<", ">")) else ""


def _sent(text: str) -> dict[str, str]:
    """{recipient: the last ``>>> COMMAND`` under its ``<rcpt>:`` line} (module.dsn lists each
    recipient flush left, the SMTP exchange under it)."""
    out: dict[str, str] = {}
    rcpt = ""
    for line in text.split("\n"):
        s = line.rstrip()
        if s.startswith("<") and s.endswith(">:") and "@" in s:
            rcpt = scan.clean_address(s).lower()
        elif rcpt and s.startswith(">>> ") and _command(s):
            out[rcpt] = _command(s)
    return out


def detect(msg: Message) -> list[Delivery] | None:
    if not ("courier mail server at " in msg.sender.lower()
            or subject_has(msg, "notice: mail delivery status.", "warning: delayed mail.")
            or msg.get("message-id").lstrip().startswith("<courier.")):
        return None
    delayed = subject_has(msg, "warning: delayed mail")
    # ">>> RCPT TO:<rcpt>" reads as the recipient's own line in the blocks: take the stage from the text
    sent = {_command(ln.strip()) for ln in msg.body_text.split("\n") if ln.startswith(">>> ")} - {""}
    only = sent.pop() if len(sent) == 1 else ""
    found = _lhost.combine(msg, NAME, FORMAT, action="delayed" if delayed else "failed", clean=_reply,
                           command=lambda t: _command(t) or only, remote_of=_remote)
    by_rcpt = _sent(msg.body_text) if found and not only else {}
    return [replace(d, smtp_command=by_rcpt.get(d.recipient.lower(), "")) if not d.smtp_command else d
            for d in found] or None
