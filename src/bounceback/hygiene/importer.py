"""``suppressions import``: many manual suppressions at once, in chunks.

An address the store has never seen is folded in memory and written with bulk
inserts (the fold of one manual action is the same whether it runs here or in
``store.state``); an address with history takes the ordinary per-address path so
its events are taken into account. Each chunk is one transaction.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..address import normalize
from ..errors import InputError
from ..policy import ManualItem, fold
from ..store import Store
from ..store.models import AddressRow, ManualAction, Suppression
from ..store.state import period_row, recompute_address, state_row
from .check import active_suppressions, chunks

CHUNK_ROWS = 5000
ADDRESS_COLUMNS = ("address", "email", "e-mail", "email address", "recipient")


@dataclass(frozen=True, slots=True)
class ImportRow:
    line: int
    address: str
    kind: str
    reason: str
    since: datetime
    until: datetime | None
    note: str


@dataclass(frozen=True, slots=True)
class ImportSummary:
    rows: int
    added: int
    already: int  # already suppressed (left as they were)
    duplicates: int  # the same address again further down the file
    problems: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "added": self.added, "already_suppressed": self.already,
                "duplicates": self.duplicates, "problems": list(self.problems)}


def parse_time(text: str) -> datetime | None:
    """ISO 8601 date or date-time (``Z`` or an offset allowed) as naive UTC; "" is None."""
    text = text.strip()
    if not text:
        return None
    when = datetime.fromisoformat(text)
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.replace(microsecond=0)


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    return next((lowered.index(n) for n in names if n in lowered), None)


def read_rows(source: TextIO, label: str, note: str, now: datetime, problems: list[str]) -> list[ImportRow]:
    reader = csv.reader(source)
    header = next(reader, None)
    if header is None:
        raise InputError(label, "empty file")
    at = _column(header, ADDRESS_COLUMNS)
    if at is None:
        raise InputError(label, f"no address column (one of {', '.join(ADDRESS_COLUMNS)}) in the header")
    cols = {name: _column(header, (name,)) for name in ("kind", "reason", "since", "until", "note")}
    rows = []
    for fields in reader:
        line = reader.line_num

        def get(name: str, fields: list[str] = fields) -> str:
            i = cols[name]
            return fields[i].strip() if i is not None and i < len(fields) else ""

        if not any(f.strip() for f in fields):
            continue
        address = normalize(fields[at]) if at < len(fields) else None
        if address is None:
            problems.append(f"{label}:{line}: {fields[at] if at < len(fields) else ''!r} is not an email address")
            continue
        kind = get("kind") or "suppressed"
        try:
            since, until = parse_time(get("since")) or now, parse_time(get("until"))
        except ValueError as exc:
            problems.append(f"{label}:{line}: bad date ({exc})")
            continue
        if kind not in ("suppressed", "unsubscribed") or (until is not None and until <= since):
            problems.append(f"{label}:{line}: kind must be suppressed or unsubscribed, until after since")
            continue
        row_note = get("note")
        rows.append(ImportRow(line, address, kind, (get("reason") or "manual")[:32], since, until,
                              f"{note} — {row_note}" if row_note else note))
    return rows


def import_rows(store: Store, source: TextIO, *, note: str, label: str, now: datetime) -> ImportSummary:
    problems: list[str] = []
    try:
        rows = read_rows(source, label, note, now, problems)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise InputError(label, f"unreadable CSV ({exc})") from None
    seen: set[str] = set()
    unique = []
    for r in rows:
        if r.address not in seen:
            seen.add(r.address)
            unique.append(r)
    added = already = 0
    for part in chunks(unique, CHUNK_ROWS):
        a, b = store.write(lambda session, part=part: _chunk(session, store, part, now))
        added += a
        already += b
    return ImportSummary(len(rows) + len(problems), added, already, len(rows) - len(unique), tuple(problems))


def _chunk(session: Session, store: Store, part, now: datetime) -> tuple[int, int]:
    known: set[str] = set()
    for sub in chunks([r.address for r in part]):
        known.update(session.scalars(select(AddressRow.address).where(AddressRow.address.in_(sub))))
    fresh = [r for r in part if r.address not in known]
    if fresh:
        session.execute(insert(ManualAction), [
            {"address": r.address, "action": "suppress", "kind": r.kind, "reason": r.reason, "at": r.since,
             "until": r.until, "note": r.note, "created_at": now} for r in fresh])
        states = [(r.address, fold([ManualItem(r.since, "~manual", 0, "suppress", r.note, r.kind, r.until, r.reason)],
                                   store.policy.soft)) for r in fresh]
        session.execute(insert(Suppression), [period_row(a, p) for a, s in states for p in s.periods])
        session.execute(insert(AddressRow), [state_row(a, s) for a, s in states])
    already = 0
    for r in part:
        if r.address not in known:
            continue
        if active_suppressions(session, [r.address], now):
            already += 1
            continue
        session.add(ManualAction(address=r.address, action="suppress", kind=r.kind, reason=r.reason, at=r.since,
                                 until=r.until, note=r.note, created_at=now))
        session.flush()
        recompute_address(session, r.address, store.policy)
    return len(part) - already, already
