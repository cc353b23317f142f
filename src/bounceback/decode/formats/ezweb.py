"""au by KDDI / EZweb mobile mail (``Postmaster@ezweb.ne.jp``, ``Postmaster@au.com``).

Markers from Sisimai ``Lhost/EZweb.pm`` (BSD-2-Clause), two of: From
``Postmaster@ezweb.ne.jp`` / ``Postmaster@au.com``, Subject ``Mail System Error -
Returned Mail``, a Received header ``ezweb.ne.jp (EZweb Mail) with`` or
``.au.com (``, a Message-ID under ``.ezweb.ne.jp`` / ``.au.com``. The text gives
one explanation for all recipients (``The user(s) account is disabled.``, ``Each
of the following recipients was rejected by a remote mail server.``, ``Your
message was not delivered within 0 days and 1 hours.`` = ``expired``) and the
recipients as ``<user@ezweb.ne.jp>`` or ``Recipient: <...>`` with the session
(``>>> RCPT TO:<...>`` / ``<<< 550 ...``); some notices add an RFC 3464 part.
``X-SPASIGN: NG`` says the message was refused by au's filter: ``filtered``.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from .. import scan
from ..common import delivery, from_has, from_report, one_line
from ..message import Message
from ..textscan import report_text
from ._provider import finish, received_has

NAME = "ezweb"

_EXPIRED = "your message was not delivered within"
_REJECTED = "recipients was rejected by a remote"
_COMMANDS = {"RCPT": "RCPT", "MAIL": "MAIL", "DATA": "DATA", "HELO": "HELO", "EHLO": "EHLO"}


def _ours(msg: Message) -> bool:
    mid = msg.get("message-id").lower().rstrip()
    notice = from_has(msg, "postmaster@ezweb.ne.jp", "postmaster@au.com") + (
        msg.subject.strip() == "Mail System Error - Returned Mail")
    # the Received and Message-ID markers alone fit every message an au phone sends
    score = notice + received_has(msg, "ezweb.ne.jp (ezweb mail) with", ".au.com (")
    score += mid.endswith((".ezweb.ne.jp>", ".au.com>"))
    return notice > 0 and score >= 2


def _section(text: str) -> str:
    text = report_text(text)
    i = text.find("-" * 40)
    return text[:i] if i >= 0 else text


def _recipient(s: str) -> tuple[str, str]:
    """``<a@b>``, ``<a@b>: text`` or ``Recipient: <a@b>`` -> (address, text)."""
    if s.lower().startswith("recipient:"):
        s = s[10:].strip()
    if not s.startswith("<") or ">" not in s:
        return "", ""
    addr = scan.clean_address(s[: s.find(">") + 1])
    return addr, s[s.find(">") + 1:].strip(" :")


def detect(msg: Message) -> list[Delivery] | None:
    if not _ours(msg):
        return None
    explain: list[str] = []
    blocks: list[tuple[str, list[str], str]] = []
    for line in _section(msg.body_text).split("\n"):
        s = line.strip()
        addr, rest = _recipient(s) if "@" in s and not s.startswith(("<<<", ">>>")) else ("", "")
        if addr:
            blocks.append((addr, [rest] if rest else [], ""))
        elif s.startswith(">>>") and blocks:
            r, lines, _ = blocks[-1]
            blocks[-1] = (r, lines, _COMMANDS.get(s[3:].strip()[:4].upper(), ""))
        elif s.startswith("<<<") and blocks:
            blocks[-1][1].append(s[3:].strip())
        elif s and s.isascii() and ":" not in s[:20] and not s.startswith("--"):
            explain.append(s)
    general = one_line(" ".join(explain))
    expired = _EXPIRED in general.lower()
    filtered = msg.get("x-spasign").strip().upper() == "NG"
    by_addr = {r.lower(): (one_line(" ".join(lines)), cmd) for r, lines, cmd in blocks}
    found = from_report(msg, NAME) or [delivery(r, action="failed", decoded_by=NAME) for r, _, _ in blocks]
    out = []
    for d in found:
        own, cmd = by_addr.get(d.recipient.lower(), ("", ""))
        own = d.diagnostic if d.diagnostic and d.diagnostic.lower() in own.lower() or not own else own
        # "... rejected by a remote mail server" says less than the remote server's reply
        boiler = _REJECTED in general.lower() and scan.find_reply_code(own)
        diag = own if boiler or not general else one_line(f"{general} {own}")
        d = delivery(d.recipient, action=d.action, status=d.status, diagnostic=diag, command=cmd,
                     remote_mta=d.remote_mta, reporting_mta=d.reporting_mta, date=d.date, decoded_by=NAME)
        out.append(replace(d, reason="filtered") if filtered else replace(d, reason="expired") if expired else d)
    return finish(out)
