"""Sendmail logs (syslog, ``sendmail``/``sm-mta``) -> ``Delivery`` records.

The lines (sendmail ``deliver.c`` ``logdelivery()``, ``savemail.c``)::

    4ASM9EAb001234: from=<news@example.com>, size=594, class=0, nrcpts=1, msgid=<m@example.com>, ...
    4ASM9EAb001234: to=<a@example.org>,<b@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp,
                    pri=120594, relay=mx.example.org. [192.0.2.1], dsn=5.1.1, stat=User unknown
    4ASM9EAb001234: to=<c@example.org>, ..., dsn=4.2.2, stat=Deferred: 452 4.2.2 Mailbox full
    4ASM9EAb001234: 4ASM9EAc001240: DSN: Cannot send message for 5 days

``stat=Sent`` -> delivered, ``stat=Deferred...`` (or a 4.x.x ``dsn=``) -> delayed, any
other ``stat=`` -> failed; ``reply=`` (logged by newer versions) is preferred as the
diagnostic. One ``to=`` line may name several recipients with the same outcome.
"Cannot send message for ..." (the queue return timeout) -> failed, reason
``expired``, for the recipients still deferred. Mail with the null sender
(``from=<>``: sendmail's own DSNs) is skipped. Sendmail's own SMTP-time refusals
(``ruleset=check_rcpt ... reject=``) are inbound mail and are not read.
"""

from __future__ import annotations

from ...model import Delivery, Original
from .common import (
    MAX_DIAGNOSTIC,
    NO_RECORDS,
    QueueParser,
    angle,
    best_status,
    field,
    reply_code_of,
    split_syslog,
)
from .postfix import address

NAME = "sendmail-log"
NULL = "<>"
_EXPIRED = "DSN: Cannot send message for "


class SendmailParser(QueueParser):
    """One Sendmail log stream; joins ``from=``/``msgid=`` to deliveries by queue id."""

    name = NAME
    kind = "sendmail"

    def feed(self, line: str) -> tuple[Delivery, ...]:
        if "to=" not in line and "from=" not in line and _EXPIRED not in line:
            return NO_RECORDS
        sl = split_syslog(line)
        if sl is None:
            return NO_RECORDS
        qid, _, body = sl.message.partition(": ")
        if body.startswith("to="):
            return self._delivery(sl, qid, body)
        if body.startswith("from="):
            e = self.queue.entry(qid)
            sender = angle(field(body, "from=", ", "))
            e[0] = sender or NULL
            e[1] = angle(field(body, ", msgid=", ", "))
            return NO_RECORDS
        if _EXPIRED in body:
            return self._expired(sl, qid, body)
        return NO_RECORDS

    def _delivery(self, sl, qid: str, body: str) -> tuple[Delivery, ...]:
        e = self.queue.get(qid)
        if e is not None and e[0] == NULL:
            return NO_RECORDS
        stat = body.split(", stat=", 1)[1] if ", stat=" in body else ""
        if not stat:
            return NO_RECORDS
        status = field(body, ", dsn=")
        reply_text = field(body, ", reply=")
        relay = field(body, ", relay=")
        remote = relay.split(" ", 1)[0].rstrip(".").strip("[]").lower()
        if stat.startswith("Sent"):
            action, diag = "delivered", stat[4:].strip(" ()")
        elif stat.startswith("Deferred") or status.startswith("4"):
            action, diag = "delayed", stat[8:].lstrip(": ") if stat.startswith("Deferred") else stat
        else:
            action, diag = "failed", stat
        if reply_text:
            diag = reply_text
        diag = diag[:MAX_DIAGNOSTIC]
        reply = reply_code_of(diag)
        status = best_status(status, diag)
        rcpts = [address(angle(r.strip())) for r in field(body, "to=", ", ").split(",") if r.strip()]
        if e is not None or action == "delayed":
            e = e if e is not None else self.queue.entry(qid)
            for r in rcpts:
                if action == "delayed":
                    if e[2] is None:
                        e[2] = {}
                    e[2][r] = (status, diag, remote, "")
                elif e[2]:
                    e[2].pop(r, None)
        orig = Original(message_id=e[1], sender=e[0]) if e is not None else Original()
        date = self.clock.syslog(sl.stamp)
        mailer = field(body, ", mailer=")
        return tuple(Delivery(
            recipient=r, action=action, status=status, reply_code=reply, diagnostic=diag,
            diagnostic_type="SMTP" if reply or mailer in ("esmtp", "smtp", "relay") else "X-Unix",
            remote_mta=remote, reporting_mta=sl.host, date=date, decoded_by=NAME, original=orig,
        ) for r in rcpts)

    def _expired(self, sl, qid: str, body: str) -> tuple[Delivery, ...]:
        e = self.queue.get(qid)
        if e is None or not e[2]:
            return NO_RECORDS
        pending, e[2] = e[2], None
        date = self.clock.syslog(sl.stamp)
        note = body[body.find("DSN: ") + 5 :]
        orig = Original(message_id=e[1], sender=e[0])
        return tuple(Delivery(
            recipient=r, action="failed", status=p[0], reply_code=reply_code_of(p[1]),
            diagnostic=f"{p[1]}; {note}" if p[1] else note, diagnostic_type="SMTP", remote_mta=p[2],
            reporting_mta=sl.host, date=date, reason="expired", decoded_by=NAME, original=orig,
        ) for r, p in pending.items())
