"""Postfix logs (syslog or ``maillog_file``) -> ``Delivery`` records.

The lines that matter, as Postfix 3.x writes them (smtp/qmgr/cleanup; see
``src/global/log_adhoc.c``, ``src/qmgr/qmgr_active.c``, ``src/cleanup/cleanup_message.c``)::

    632AA20F517: message-id=<e2e-0@bounceback.test>                       cleanup
    632AA20F517: from=<bounces@bounceback.test>, size=594, nrcpt=1 (queue active)   qmgr
    632AA20F517: to=<x@example.test>, [orig_to=<..>,] relay=mx[127.0.0.1]:25, ..., dsn=5.1.1,
                 status=bounced (host mx[127.0.0.1] said: 550 5.1.1 ... (in reply to RCPT TO command))
    632AA20F517: from=<bounces@bounceback.test>, status=expired, returned to sender   qmgr
    632AA20F517: removed                                                   qmgr

``status=sent`` -> delivered, ``bounced`` -> failed, ``deferred``/``SOFTBOUNCE`` -> delayed,
``expired`` -> failed with reason ``expired`` for every recipient still deferred (with
its last deferral's words). Deliveries of messages with the null sender (Postfix's own
notices, e.g. the bounce delivered to your bounce mailbox) are not your mailing's and are
skipped.

``NOQUEUE: reject: RCPT from ...`` lines are this server's smtpd refusing mail offered
*to* it: on an outbound relay that is inbound traffic (spam, dictionary attacks on
your own domains), not a recipient of your mailing failing, so they are ignored —
unless the envelope sender is one of ``own_senders`` (your application submitting
through this relay and being refused, e.g. ``450 4.1.2 Domain not found``). The
remote servers' SMTP-time rejections of *your* mail are the ``status=bounced ... (in
reply to RCPT TO command)`` lines, and those always count.
"""

from __future__ import annotations

from ...decode.scan import find_command
from ...model import Delivery, Original
from .common import (
    MAX_DIAGNOSTIC,
    NO_RECORDS,
    QueueParser,
    angle,
    best_status,
    field,
    matches_sender,
    reply_code_of,
    split_syslog,
    status_of,
)

NAME = "postfix-log"
_ACTIONS = {"sent": "delivered", "bounced": "failed", "deferred": "delayed", "SOFTBOUNCE": "delayed",
            "expired": "failed"}
NULL = "<>"


def command_of(words: str) -> str:
    """``RCPT TO`` -> RCPT, ``end of DATA`` -> DATA (Postfix ``smtp_proto.c`` "in reply to %s command")."""
    w = words.strip().upper()
    if w.startswith("END OF"):
        return "DATA"
    return w.split(" ", 1)[0]


def address(value: str) -> str:
    local, at, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}" if at else value


def host_of_relay(relay: str) -> str:
    """``mx.example.test[127.0.0.1]:2525`` -> ``mx.example.test``; transports (``virtual``, ``none``) -> ''."""
    b = relay.find("[")
    return relay[:b].lower() if b > 0 else ""


class PostfixParser(QueueParser):
    """One Postfix log stream; keeps the queue table that joins from= and message-id= to deliveries."""

    name = NAME
    kind = "postfix"

    def feed(self, line: str) -> tuple[Delivery, ...]:
        # cheap filter first: every line we use has a queue id (or NOQUEUE) followed by one of these
        if ("to=<" not in line and "message-id=" not in line and "from=<" not in line
                and "removed" not in line):
            return NO_RECORDS
        sl = split_syslog(line)
        if sl is None:
            return NO_RECORDS
        msg = sl.message
        c = msg.find(": ")
        if c < 5:
            return NO_RECORDS
        qid, body = msg[:c], msg[c + 2 :]
        if body.startswith("to=<"):
            return self._delivery(sl, qid, body)
        if body.startswith("from=<"):
            return self._from(sl, qid, body)
        if body.startswith("message-id="):
            if qid != "NOQUEUE":
                self.queue.entry(qid)[1] = angle(body[11:].strip())
            return NO_RECORDS
        if body == "removed":
            self.queue.drop(qid)
            return NO_RECORDS
        if self.own and (body.startswith("reject: ") or body.startswith("milter-reject: ")):
            return self._reject(sl, qid, body)
        return NO_RECORDS

    def _from(self, sl, qid: str, body: str) -> tuple[Delivery, ...]:
        e = self.queue.entry(qid)
        sender = body[6 : body.find(">")] if ">" in body else ""
        e[0] = sender or NULL
        if ", status=expired" not in body or not e[2]:
            return NO_RECORDS
        pending, e[2] = e[2], None
        date = self.clock.syslog(sl.stamp)
        orig = Original(message_id=e[1], sender=sender)
        return tuple(
            Delivery(recipient=rcpt, action="failed", status=p[0], reply_code=reply_code_of(p[1]),
                     diagnostic=p[1], diagnostic_type="SMTP" if reply_code_of(p[1]) else "X-Postfix",
                     remote_mta=p[2], reporting_mta=sl.host, smtp_command=p[3], date=date, reason="expired",
                     decoded_by=NAME, original=orig)
            for rcpt, p in pending.items()
        )

    def _delivery(self, sl, qid: str, body: str) -> tuple[Delivery, ...]:
        st = body.find(", status=")
        if st < 0:
            return NO_RECORDS
        rest = body[st + 9 :]
        sp = rest.find(" ")
        word, text = (rest, "") if sp < 0 else (rest[:sp], rest[sp + 1 :])
        action = _ACTIONS.get(word)
        if action is None:  # deliverable/undeliverable (address probes), ...
            return NO_RECORDS
        e = self.queue.get(qid)
        if e is not None and e[0] == NULL:
            return NO_RECORDS  # a notice Postfix itself sent (bounce, delay warning)
        rcpt = address(body[4 : body.find(">")])
        orig_to = field(body, ", orig_to=<", ">")
        relay = field(body, ", relay=")
        status = field(body, ", dsn=")
        if text.startswith("(") and text.endswith(")"):
            text = text[1:-1]
        diag, remote, command, dtype = text, host_of_relay(relay), "", "X-Postfix"
        said = text.find(" said: ")
        if said >= 0:
            diag, dtype = text[said + 7 :], "SMTP"
        elif " refused to talk to me: " in text:
            diag, dtype, command = text.split(" refused to talk to me: ", 1)[1], "SMTP", "CONN"
        i = diag.rfind(" (in reply to ")
        if i >= 0 and diag.endswith(" command)"):
            command = command_of(diag[i + 14 : -9])
            diag = diag[:i]
        elif not command and action != "delivered":  # "lost connection with X while sending RCPT TO"
            command = find_command(diag)
        reply = reply_code_of(diag)
        if reply:
            dtype = "SMTP"
        diag = diag[:MAX_DIAGNOSTIC]
        status = best_status(status, diag)
        reason = ""
        if word == "expired":
            reason = "expired"
        e = self.track_deferral(qid, e, rcpt, action, (status, diag, remote, command))
        orig = Original(message_id=e[1], sender=e[0]) if e is not None else Original()
        return (Delivery(
            recipient=rcpt, action=action, status=status, reply_code=reply, diagnostic=diag,
            diagnostic_type=dtype, remote_mta=remote, reporting_mta=sl.host, smtp_command=command,
            date=self.clock.syslog(sl.stamp), reason=reason, decoded_by=NAME,
            original_recipient=address(orig_to) if orig_to else "", original=orig,
        ),)

    def _reject(self, sl, qid: str, body: str) -> tuple[Delivery, ...]:
        # reject: RCPT from host[1.2.3.4]: 550 5.1.1 <x@y>: Recipient address rejected: ...; from=<a> to=<x> proto=..
        sender = field(body, "; from=<", ">")
        if not matches_sender(sender, self.own):
            return NO_RECORDS
        rcpt = field(body, " to=<", ">")
        if not rcpt:
            return NO_RECORDS
        head, _, rest = body.partition(" from ")
        command = head.rsplit(" ", 1)[-1]
        b = rest.find("]: ")
        if b < 0:
            return NO_RECORDS
        diag = rest[b + 3 :].split("; from=<", 1)[0][:MAX_DIAGNOSTIC]
        reply = reply_code_of(diag)
        e = self.queue.get(qid) if qid != "NOQUEUE" else None
        return (Delivery(
            recipient=address(rcpt), action="delayed" if reply.startswith("4") else "failed",
            status=status_of(diag), reply_code=reply, diagnostic=diag, diagnostic_type="SMTP",
            reporting_mta=sl.host, smtp_command="DATA" if command == "END-OF-MESSAGE" else command,
            date=self.clock.syslog(sl.stamp), decoded_by=NAME,
            original=Original(message_id=e[1] if e else "", sender=sender),
        ),)
