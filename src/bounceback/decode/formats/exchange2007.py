"""Microsoft Exchange Server 2007 and later: the "Delivery has failed to these recipients" NDR.

Markers from Sisimai ``Lhost/Exchange2007.pm`` (BSD-2-Clause) and Microsoft's
NDR layout: Subject ``Undeliverable:`` (``Non remis :``, ``Non recapitabile:``
... in other languages) with ``Content-Language``, or ``X-MS-Exchange-Message-Is-Ndr``;
the text lists ``Name<mailto:address>``, then ``Diagnostic information for
administrators:`` / ``Generating server:`` and per recipient the address on its
own line followed by ``#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##`` or
``Remote Server returned '550 5.1.1 ...'``, up to ``Original message headers:``.
Most NDRs also carry an RFC 3464 part, which is read first.

``QUEUE.Expired`` and the X.4.7 / X.4.316 status codes ("Delivery time
expired", RFC 3463; Exchange's "message expired") make the reason ``expired``.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from .. import scan
from ..common import delivery, from_report
from ..message import Message
from ._provider import finish

NAME = "exchange2007"

SUBJECTS = ("undeliverable:", "non remis", "non_remis_", "non recapitabile:", "unzustellbar:",
            "no se puede entregar:", "onbestelbaar:", "não é possível entregar:", "配信不能:")
# "Diagnostic information for administrators:" in en, fr, it, de, es, nl, pt, ja
_DIAGNOSTIC = ("diagnostic information for administrators", "informations de diagnostic pour les administrateurs",
               "informazioni di diagnostica per gli amministratori", "diagnoseinformationen für administratoren",
               "información de diagnóstico para administradores", "diagnostische gegevens voor beheerders",
               "informações de diagnóstico para administradores", "管理者向けの診断情報")
_HEADERS = ("original message headers", "en-têtes de message d'origine", "intestazioni originali del messaggio",
            "ursprüngliche nachrichtenkopfzeilen", "encabezados del mensaje original", "oorspronkelijke berichtkoppen",
            "cabeçalhos originais da mensagem", "元のメッセージ ヘッダー", "message hops")
_GENERATING = ("generating server", "serveur de g", "server di generazione", "generierender server",
               "servidor de generación")
_SERVER = _GENERATING + ("receiving server", "server di ricezione")


def _clean(line: str) -> str:
    """``#550 5.1.1 RESOLVER...; not found ##rfc822;x`` / ``Remote Server returned '...'`` -> the reply.

    Exchange 2010+ quotes the 2007-style wrapper too: ``Remote Server returned '< #5.0.0 smtp;
    552 5.2.2 Mailbox full>'``; the wrapper goes, the remote reply inside it stays.
    """
    s = line.strip()
    q = s.find(" returned '")
    if q >= 0:
        s = s[q + len(" returned '"):].rstrip()
        s = s[:-1] if s.endswith("'") else s
        if not s.startswith(("<", "#")):
            return s
        s = "#" + s
    if s.startswith("#"):
        s = s.lstrip("#< ").strip()
        end = s.find("##")
        s = s[:end] if end >= 0 else s
        if s.endswith("> #SMTP#"):
            s = s[: -len("> #SMTP#")]
        s = _unwrap(s.rstrip(">").strip())
    return s.strip()


def _unwrap(s: str) -> str:
    """``5.0.0 smtp; 552 5.2.2 Mailbox full`` -> the reply after ``smtp;`` when it has words."""
    status, _, rest = s.partition(" ")
    rest = rest.strip()
    if scan.find_status(status) and rest.lower().startswith("smtp;") and rest[5:].strip():
        return rest[5:].strip()
    return s


def diagnostics(text: str) -> tuple[dict[str, str], list[str]]:
    """({address: reply}, addresses in order) from the administrators' section."""
    lower = text.lower()
    hits = [i for i in (lower.find(m) for m in _DIAGNOSTIC) if i >= 0]
    if not hits:
        return {}, []
    start = lower.find("\n", min(hits))
    stop = min([i for i in (lower.find(m, start) for m in _HEADERS) if i >= 0] or [len(text)])
    by_addr: dict[str, list[str]] = {}
    order: list[str] = []
    cur: list[str] | None = None
    for line in text[start:stop].split("\n"):
        s = line.strip()
        if not s or any(s.lower().startswith(m) for m in _SERVER):
            continue
        if " " not in s and "@" in s and scan.clean_address(s):
            addr = scan.clean_address(s)
            cur = by_addr.setdefault(addr.lower(), [])
            order.append(addr)
        elif cur is not None:
            cur.append(s)
    out = {}
    for k, lines in by_addr.items():
        # a delay or expiry notice adds a line per attempt ("1/8/2024 10:35:02 AM - Server at
        # example.org (198.51.100.2) returned '451 4.4.0 ...'") under its own "400 4.4.7 Message
        # delayed" / "550 4.4.7 QUEUE.Expired": the summary first, the remote server's words after
        replies = [_clean(x) for x in lines if " returned '" in x or x.startswith("#")]
        out[k] = " ".join(replies) if replies else " ".join(lines)
    return out, order


def generating_server(text: str) -> str:
    """The host of ``Generating server: host`` (the server that wrote the NDR: Sisimai's lhost)."""
    for line in text.split("\n"):
        s = line.strip()
        if s.lower().startswith(_GENERATING) and ":" in s:
            host = s.split(":", 1)[1].strip().split(" ")[0].strip("<>").lower()
            if "." in host:
                return host
    return ""


def _mailto(text: str) -> list[str]:
    """``Name<mailto:address>`` lines of the notice, the recipients when there is no other list."""
    out = []
    for line in text.split("\n"):
        i = line.find("<mailto:")
        if i >= 0:
            a = scan.clean_address(line[i + 8:].split(">")[0])
            if a and a.lower() not in {x.lower() for x in out}:
                out.append(a)
    return out


def _field(text: str, name: str) -> list[str]:
    """Values of ``Name: value`` lines (Office 365 "Original Message Details" / "Error Details")."""
    out = []
    for line in text.split("\n"):
        if line.strip().lower().startswith(name):
            v = line.strip()[len(name):].strip()
            out.append(scan.clean_address(v) if "address" in name else v)
    return [v for v in out if v]


def _command(d: Delivery) -> Delivery:
    """RESOLVER.ADR.* (recipient address resolution) and Office 365's "unknown recipient or mailbox
    unavailable ->" (Sisimai Office365.pm) are refusals of the recipient: the RCPT stage."""
    lower = d.diagnostic.lower()
    if not d.smtp_command and ("resolver.adr." in lower or "unknown recipient or mailbox unavailable ->" in lower):
        return replace(d, smtp_command="RCPT")
    return d


def is_expired(d: Delivery) -> bool:
    return "queue.expired" in d.diagnostic.lower() or d.status[2:] in ("4.7", "4.316")


def parse(msg: Message, name: str) -> list[Delivery] | None:
    text = msg.body_text
    diags, order = diagnostics(text)
    found = from_report(msg, name)
    if found:
        out = []
        for d in found:
            extra = diags.get(d.recipient.lower(), "")
            # no Diagnostic-Code: from_report took the administrators' lines as they stand
            raw = " returned '" in d.diagnostic and " returned '" not in extra
            if extra and (not d.diagnostic or raw or not scan.find_reply_code(d.diagnostic)
                          and scan.find_reply_code(extra)):
                d = delivery(d.recipient, action=d.action, status=d.status, diagnostic=extra,
                             diagnostic_type=d.diagnostic_type, remote_mta=d.remote_mta,
                             reporting_mta=d.reporting_mta, date=d.date, decoded_by=name,
                             original_recipient=d.original_recipient)
            out.append(d)
    elif is_ndr(msg):
        # an out-of-office reply from Exchange carries the same headers, and Outlook writes
        # "Name<mailto:address>" into any plain text: only an NDR is read this way
        rcpts = order or _mailto(text) or _field(text, "recipient address:")
        reported = _field(text, "reported error:")  # Office 365 "Error Details"
        out = [delivery(a, action="failed", diagnostic=diags.get(a.lower()) or " ".join(reported), decoded_by=name)
               for a in rcpts]
    else:
        out = []
    server = generating_server(text)
    out = [_command(replace(d, reporting_mta=d.reporting_mta or server)) for d in out]
    return finish([replace(d, reason="expired") if is_expired(d) else d for d in out])


def is_ndr(msg: Message) -> bool:
    return "x-ms-exchange-message-is-ndr" in msg.headers or msg.subject.lower().startswith(SUBJECTS)


def detect(msg: Message) -> list[Delivery] | None:
    if "x-ms-exchange-message-is-ndr" not in msg.headers and not (
            msg.get("content-language") and msg.subject.lower().startswith(SUBJECTS)):
        return None
    return parse(msg, NAME)
