"""Helpers the MTA log parsers share: line prefixes, timestamps, the bounded queue table.

Log lines are parsed with ``str`` methods (they are the MTA's own fixed format,
not a stranger's text); the few patterns that run on the remote server's words
go through ``bounceback.patterns`` (RE2).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from ...model import Delivery

MONTHS = {m: i for i, m in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}
MAX_QUEUE = 100_000  # messages in flight remembered for the from=/message-id= join
MAX_DIAGNOSTIC = 2000
NO_RECORDS: tuple[Delivery, ...] = ()


class LineParser(Protocol):
    """What every MTA log parser offers; one instance per log stream (it keeps the queue table)."""

    name: str  # decoded_by of its records, e.g. "postfix-log"
    kind: str  # "postfix", "exim", "sendmail"
    clock: Clock

    def feed(self, line: str) -> tuple[Delivery, ...]: ...

    def state(self) -> dict[str, Any]: ...

    def restore(self, state: dict[str, Any]) -> None: ...


@dataclass(frozen=True, slots=True)
class SyslogLine:
    stamp: str
    host: str
    program: str  # "postfix/smtp[123]"
    message: str


def split_syslog(line: str) -> SyslogLine | None:
    """``Nov 28 22:09:14 mx postfix/smtp[29540]: msg`` (BSD) or an RFC 3339 stamp, as rsyslog/journald write."""
    if not line:
        return None
    if line[0].isdigit():  # 2026-11-28T22:09:14.123456+00:00 host prog[pid]: msg
        sp = line.find(" ")
        if sp < 0:
            return None
        stamp, rest = line[:sp], line[sp + 1 :]
    else:
        if len(line) < 17 or line[3] != " ":
            return None
        stamp, rest = line[:15], line[16:]
    sp = rest.find(" ")
    colon = rest.find(": ", sp + 1)
    if sp < 0 or colon < 0:
        return None
    return SyslogLine(stamp, rest[:sp], rest[sp + 1 : colon], rest[colon + 2 :].rstrip("\r\n"))


class Clock:
    """Turns log stamps into aware datetimes; syslog stamps have no year and no zone.

    The year is inferred from ``reference`` (the file's modification time, or now
    while following): a line is never later than the moment the file was last
    written, so "Dec 31" read from a log last written on Jan 1 is last year's.
    Zone-less stamps are the machine's local time, as syslog writes them.
    """

    __slots__ = ("_reference", "_cache", "_slack")

    def __init__(self, reference: datetime | None = None) -> None:
        self._reference = (reference or datetime.now().astimezone()).astimezone()
        self._cache: dict[str, datetime | None] = {}
        self._slack = timedelta(days=1)

    @property
    def reference(self) -> datetime:
        return self._reference

    @reference.setter
    def reference(self, value: datetime) -> None:
        value = value.astimezone()
        if value.year != self._reference.year or value < self._reference:
            self._cache.clear()
        self._reference = value

    def syslog(self, stamp: str) -> datetime | None:
        """``Nov 28 22:09:14``, or an RFC 3339 stamp."""
        hit = self._cache.get(stamp)
        if hit is not None or stamp in self._cache:
            return hit
        if len(self._cache) > 4096:
            self._cache.clear()
        dt = self._parse(stamp)
        self._cache[stamp] = dt
        return dt

    def _parse(self, stamp: str) -> datetime | None:
        if stamp[:1].isdigit():
            return iso(stamp)
        month = MONTHS.get(stamp[:3])
        try:
            day = int(stamp[4:6])
            hh, mm, ss = int(stamp[7:9]), int(stamp[10:12]), int(stamp[13:15])
        except ValueError:
            return None
        if month is None:
            return None
        ref = self._reference
        for year in (ref.year, ref.year - 1):
            try:
                dt = datetime(year, month, day, hh, mm, ss).astimezone()
            except ValueError:  # Feb 29 in a year without it
                continue
            if dt <= ref + self._slack:
                return dt
        return None


def iso(stamp: str) -> datetime | None:
    """``2026-11-28T22:09:14.12+00:00`` or ``2026-11-28 22:09:14`` (local time when it has no zone)."""
    try:
        dt = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.astimezone()



def angle(value: str) -> str:
    """``<a@b>`` -> ``a@b``."""
    if value.startswith("<"):
        end = value.find(">")
        return value[1:end] if end > 0 else value[1:]
    return value


def field(text: str, key: str, end: str = ", ") -> str:
    """The value of ``key`` (e.g. ``", relay="``) in a comma-separated log message, '' if absent."""
    i = text.find(key)
    if i < 0:
        return ""
    i += len(key)
    j = text.find(end, i)
    return text[i:] if j < 0 else text[i:j]


def reply_code_of(text: str) -> str:
    """The SMTP reply code a reply starts with (``550 5.1.1 ...`` -> ``550``)."""
    if len(text) >= 3 and text[0] in "245" and text[1:3].isdigit() and (len(text) == 3 or text[3] in " -"):
        return text[:3]
    return ""


def status_of(text: str) -> str:
    """The enhanced status code right after the reply code (``550 5.1.1 ...`` -> ``5.1.1``)."""
    word = text[4:].split(" ", 1)[0] if len(text) > 4 else ""
    parts = word.split(".")
    if len(parts) == 3 and parts[0] in ("2", "4", "5") and all(p.isdigit() and len(p) <= 3 for p in parts[1:]):
        return word
    return ""


def best_status(field_status: str, diagnostic: str) -> str:
    """The MTA's status (``dsn=``), unless it is the generic X.0.0 and the reply names a specific
    one of the same class (``dsn=5.0.0`` with "550 5.1.1 ..." -> 5.1.1), as the decoders do."""
    said = status_of(diagnostic)
    if not field_status:
        return said
    if said and field_status.endswith(".0.0") and said[0] == field_status[0] and not said.endswith(".0.0"):
        return said
    return field_status


def matches_sender(sender: str, own: tuple[str, ...]) -> bool:
    """``sender`` is one of ours: an address in ``own``, or at a domain given there as ``@domain``."""
    s = sender.lower()
    domain = "@" + s.rpartition("@")[2]
    return any(o in (s, domain) for o in own)


Deferral = tuple[str, str, str, str]  # status, diagnostic, remote MTA, SMTP command of the last deferral


class QueueTable:
    """Messages in flight by queue id (sender, Message-ID, recipients still deferred), bounded.

    The oldest entries go first when the table is full, so a log of any length
    is read in bounded memory; a message whose queue entry was dropped loses only
    its from=/message-id= join, never a delivery record.
    """

    __slots__ = ("_items", "_cap")

    def __init__(self, cap: int = MAX_QUEUE) -> None:
        self._items: OrderedDict[str, list[Any]] = OrderedDict()
        self._cap = cap

    def __len__(self) -> int:
        return len(self._items)

    def entry(self, qid: str) -> list[Any]:
        """[sender, message_id, {recipient: Deferral}] for ``qid``, created when absent."""
        e = self._items.get(qid)
        if e is None:
            e = self._items[qid] = ["", "", None]
            if len(self._items) > self._cap:
                self._items.popitem(last=False)
        return e

    def get(self, qid: str) -> list[Any] | None:
        return self._items.get(qid)

    def drop(self, qid: str) -> None:
        self._items.pop(qid, None)

    def state(self) -> list[list[Any]]:
        """The entries as JSON-ready rows, for a state file."""
        return [[qid, e[0], e[1], e[2]] for qid, e in self._items.items()]

    def restore(self, rows: list[list[Any]]) -> None:
        for row in rows[-self._cap :]:
            if not (isinstance(row, list) and len(row) == 4 and all(isinstance(x, str) for x in row[:3])):
                continue
            pending = row[3] if isinstance(row[3], dict) else None
            if pending:
                pending = {k: tuple(v) for k, v in pending.items()
                           if isinstance(v, list) and len(v) == 4 and all(isinstance(x, str) for x in v)}
            self._items[row[0]] = [row[1], row[2], pending or None]


class QueueParser:
    """Shared state of the MTA log parsers: the clock that dates syslog lines, the queue table
    that joins a message's sender and Message-ID to its deliveries, and the sender addresses
    whose SMTP-time refusals are your own mail's (``--own-sender``)."""

    def __init__(self, *, own_senders: tuple[str, ...] = (), clock: Clock | None = None,
                 cap: int = MAX_QUEUE) -> None:
        self.clock = clock or Clock()
        self.queue = QueueTable(cap)
        self.own = tuple(s.lower() for s in own_senders)

    def track_deferral(self, qid: str, entry: list[Any] | None, rcpt: str, action: str,
                       attempt: Deferral) -> list[Any] | None:
        """Remember a recipient's last deferral (for its expiry notice); forget it once settled.

        Returns the message's queue entry (created for a deferral of a message not seen yet).
        """
        if entry is None and action != "delayed":
            return None
        entry = entry if entry is not None else self.queue.entry(qid)
        if action == "delayed":
            if entry[2] is None:
                entry[2] = {}
            entry[2][rcpt] = attempt
        elif entry[2]:
            entry[2].pop(rcpt, None)
        return entry

    def state(self) -> dict[str, Any]:
        return {"queue": self.queue.state()}

    def restore(self, state: dict[str, Any]) -> None:
        rows = state.get("queue")
        if isinstance(rows, list):
            self.queue.restore(rows)
