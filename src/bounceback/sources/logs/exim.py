"""Exim main log (``mainlog`` or syslog) -> ``Delivery`` records.

Exim's log flags (Exim spec, chapter "Log files", "Log message flags")::

    2026-11-28 22:09:14 1xXQba-0007gA-16 <= bounces@b.test H=... P=esmtp S=578 id=MSGID for x@y
    2026-11-28 22:09:14 1xXQba-0007gA-16 ** x@y F=<s> R=r T=t H=mx [1.2.3.4]: SMTP error from remote
                        mail server after RCPT TO:<x@y>: 550 5.1.1 <x@y>: ... DT=0s
    2026-11-28 22:09:14 1xXQba-0007gA-18 == x@y R=r T=t defer (-44) H=mx [1.2.3.4] DT=0s: SMTP error ...
    2026-11-28 22:09:14 1xXQba-0007gA-1H => x@y F=<s> R=r T=t S=577 H=mx [1.2.3.4] C="250 ..." DT=0s
    2026-11-28 22:09:25 1xXQba-0007gA-18 ** x@y: retry timeout exceeded
    2026-11-28 22:09:25 1xXQba-0007gA-18 Completed

``**`` -> failed, ``==`` -> delayed, ``=>``/``->``/``>>`` -> delivered; "retry timeout
exceeded" -> failed with reason ``expired`` and the last deferral's words. Messages
that arrived with the null sender (``<= <>``: Exim's own bounces and warnings) are
skipped. ``rejected RCPT`` lines are this server refusing inbound mail and count only
for ``own_senders`` (see ``postfix.py`` for why). The optional ``+0000`` zone and
``[pid]`` after the stamp (``log_timezone``, ``log_selector = +pid``) are understood.
"""

from __future__ import annotations

from ...model import Delivery, Original
from .common import (
    MAX_DIAGNOSTIC,
    NO_RECORDS,
    QueueParser,
    angle,
    field,
    iso,
    matches_sender,
    reply_code_of,
    split_syslog,
    status_of,
)
from .postfix import address

NAME = "exim-log"
_FLAGS = {"**": "failed", "==": "delayed", "=>": "delivered", "->": "delivered", ">>": "delivered"}
_SMTP_ERROR = "SMTP error from remote mail server after "
_EXPIRED = "retry timeout exceeded"
NULL = "<>"


def command_of(words: str) -> str:
    """``RCPT TO:<x>`` -> RCPT, ``end of data`` -> DATA, ``initial connection`` -> CONN (Exim ``transports/smtp.c``)."""
    w = words.lower()
    if w.startswith("pipelined "):
        w = w[10:]
    if w.startswith("end of data") or w.startswith("data"):
        return "DATA"
    if w.startswith("initial connection"):
        return "CONN"
    return w.split(":", 1)[0].split(" ", 1)[0].upper()


def strip_trailers(text: str) -> str:
    """Drop ``DT=0s``/``QT=1s`` that ``log_selector`` appends after the message."""
    while True:
        sp = text.rfind(" ")
        tail = text[sp + 1 :]
        if sp > 0 and tail[:3] in ("DT=", "QT=", "RT="):
            text = text[:sp]
        else:
            return text


class EximParser(QueueParser):
    """One Exim log stream; joins ``<=`` lines (sender, id=) to deliveries by message id."""

    name = NAME
    kind = "exim"

    def _split(self, line: str) -> tuple[str, str, str] | None:
        """(stamp, host, message) of a mainlog line or of a syslog line written by Exim."""
        if len(line) > 20 and line[4] == "-" and line[10] == " " and line[0].isdigit():
            stamp, msg = line[:19], line[20:].rstrip("\r\n")
            if msg[:1] in "+-" and msg[1:5].isdigit():  # log_timezone
                stamp, msg = f"{stamp}{msg[:5]}", msg[6:]
            if msg.startswith("["):  # +pid
                msg = msg[msg.find("] ") + 2 :]
            return stamp, "", msg
        sl = split_syslog(line)
        return None if sl is None else (sl.stamp, sl.host, sl.message)

    def _date(self, stamp: str):
        return iso(stamp) if stamp[:1].isdigit() and " " in stamp else self.clock.syslog(stamp)

    def feed(self, line: str) -> tuple[Delivery, ...]:
        parts = self._split(line)
        if parts is None:
            return NO_RECORDS
        stamp, host, msg = parts
        sp = msg.find(" ")
        if sp < 0:
            return NO_RECORDS
        mid, rest = msg[:sp], msg[sp + 1 :]
        if mid.count("-") != 2:
            if self.own and " rejected RCPT " in msg:
                return self._reject(stamp, host, msg)
            return NO_RECORDS
        flag, rest = rest[:2], rest[3:]
        if flag == "<=":
            e = self.queue.entry(mid)
            sender = rest.split(" ", 1)[0]
            e[0] = NULL if sender == NULL else sender
            e[1] = field(rest, " id=", " ")
            return NO_RECORDS
        action = _FLAGS.get(flag)
        if action is None:
            if rest.startswith("mpleted") and flag == "Co":  # "Completed"
                self.queue.drop(mid)
            return NO_RECORDS
        return self._delivery(stamp, host, mid, action, rest)

    def _delivery(self, stamp: str, host: str, mid: str, action: str, rest: str) -> tuple[Delivery, ...]:
        e = self.queue.get(mid)
        if e is not None and e[0] == NULL:
            return NO_RECORDS
        sp = rest.find(" ")
        rcpt, after = (rest, "") if sp < 0 else (rest[:sp], rest[sp + 1 :])
        if after.startswith("<"):  # "local_part <original@address>": the address as the sender wrote it
            end = after.find(">")
            rcpt, after = after[1:end], after[end + 1 :].lstrip(":").lstrip()
        bare = rcpt.endswith(":")  # "** x@y: retry timeout exceeded": the rest is all message
        rcpt = address(rcpt.rstrip(":"))
        remote = field(" " + after, " H=", " ").rstrip(":").lower()
        if remote.startswith("["):
            remote = remote.strip("[]")
        diag, command, dtype, reason = "", "", "", ""
        i = after.find(_SMTP_ERROR)
        if i >= 0:
            words, _, diag = after[i + len(_SMTP_ERROR) :].partition(": ")
            command, dtype = command_of(words), "SMTP"
        elif action == "delivered":
            diag = field(after, 'C="', '"')
        else:
            c = -2 if bare else after.find(": ")
            diag = after[c + 2 :] if c >= 0 or bare else after
        diag = strip_trailers(diag)[:MAX_DIAGNOSTIC]
        status, reply = status_of(diag), reply_code_of(diag)
        if reply:
            dtype = "SMTP"
        if action == "failed" and diag.endswith(_EXPIRED):
            reason = "expired"
            last = e[2].get(rcpt) if e is not None and e[2] else None
            if last is not None:
                status, diag, remote, command = last
                diag = f"{diag}: {_EXPIRED}" if diag else _EXPIRED
                reply, dtype = reply_code_of(diag), "SMTP" if reply_code_of(diag) else dtype
        e = self.track_deferral(mid, e, rcpt, action, (status, diag, remote, command))
        sender = e[0] if e is not None else field(after, "F=<", ">")
        return (Delivery(
            recipient=rcpt, action=action, status=status, reply_code=reply, diagnostic=diag,
            diagnostic_type=dtype or ("X-Exim" if diag else ""), remote_mta=remote, reporting_mta=host,
            smtp_command=command, date=self._date(stamp), reason=reason, decoded_by=NAME,
            original=Original(message_id=e[1] if e is not None else "", sender=sender),
        ),)

    def _reject(self, stamp: str, host: str, msg: str) -> tuple[Delivery, ...]:
        # H=(helo) [1.2.3.4] F=<a@b> rejected RCPT <x@y>: relay not permitted
        sender = field(msg, "F=<", ">")
        if not matches_sender(sender, self.own):
            return NO_RECORDS
        rest = msg.split(" rejected RCPT ", 1)[1]
        rcpt, _, diag = rest.partition(": ")
        temporary = " temporarily rejected RCPT " in msg
        return (Delivery(
            recipient=address(angle(rcpt.strip())), action="delayed" if temporary else "failed",
            status=status_of(diag), reply_code=reply_code_of(diag) or ("450" if temporary else "550"),
            diagnostic=diag[:MAX_DIAGNOSTIC], diagnostic_type="SMTP", reporting_mta=host, smtp_command="RCPT",
            date=self._date(stamp), decoded_by=NAME, original=Original(sender=sender),
        ),)
