"""``suppressions``: list, add, remove, export and import suppressions by hand.

A person's change is recorded as a manual action (with its mandatory note) in
the address's timeline, and the address is re-folded like after any event:
removing a suppression ends it at that moment and keeps it as history, and a
bounce dated after the removal can suppress the address again.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..address import normalize
from ..errors import InputError
from ..store import Store, utcnow
from ..store.models import ManualAction, Suppression
from ..store.state import recompute_address
from .check import active_suppressions, in_force
from .views import SuppressionView, iso

KINDS = ("suppressed", "unsubscribed")
EXPORT_COLUMNS = ("address", "kind", "cause", "reason", "since", "until", "note")


@dataclass(frozen=True, slots=True)
class Change:
    query: str
    address: str
    outcome: str  # added | already suppressed | removed | not suppressed | invalid
    suppression: SuppressionView | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"address": self.address or self.query, "outcome": self.outcome,
                "suppression": self.suppression.to_dict() if self.suppression else None}


def require_note(note: str | None) -> str:
    if not note or not note.strip():
        raise InputError("--note", "a manual change needs a note saying why (it is kept with the change)")
    return note.strip()


def list_(store: Store, *, include_ended: bool = False, now: datetime | None = None,
          limit: int | None = None) -> tuple[SuppressionView, ...]:
    """Suppressions in force now (or every one ever, with ``include_ended``), newest first."""
    now = now or utcnow()
    stmt = select(Suppression).order_by(Suppression.since.desc(), Suppression.address)
    if not include_ended:
        stmt = stmt.where(*in_force(now))
    if limit:
        stmt = stmt.limit(limit)
    return store.read(lambda s: tuple(SuppressionView.of(r) for r in s.scalars(stmt)))


def _record_action(session: Session, store: Store, address: str, action: str, *, note: str, at: datetime,
                   kind: str = "suppressed", until: datetime | None = None, reason: str = "manual") -> None:
    session.add(ManualAction(address=address, action=action, kind=kind, reason=reason, at=at, until=until,
                             note=note, created_at=utcnow()))
    session.flush()
    recompute_address(session, address, store.policy)


def add(store: Store, addresses: Iterable[str], *, note: str, kind: str = "suppressed",
        until: datetime | None = None, reason: str = "manual", now: datetime | None = None) -> tuple[Change, ...]:
    """Suppress addresses by hand (for good, or until a date). Already suppressed ones are left alone."""
    note = require_note(note)
    now = now or utcnow()
    if kind not in KINDS:
        raise InputError(kind, f"not a suppression kind (one of {', '.join(KINDS)})")
    if until is not None and until <= now:
        raise InputError(iso(until) or "", "--until must be in the future")
    out = []
    for query in addresses:
        address = normalize(query)
        if address is None:
            out.append(Change(query, "", "invalid"))
            continue

        def work(session: Session, address: str = address) -> str:
            if active_suppressions(session, [address], now):
                return "already suppressed"
            _record_action(session, store, address, "suppress", note=note, at=now, kind=kind, until=until,
                           reason=reason)
            return "added"

        outcome = store.write(work)
        out.append(Change(query, address, outcome, _current(store, address, now)))
    return tuple(out)


def remove(store: Store, addresses: Iterable[str], *, note: str, now: datetime | None = None) -> tuple[Change, ...]:
    """End the suppressions in force for these addresses; they stay in the history with the note."""
    note = require_note(note)
    now = now or utcnow()
    out = []
    for query in addresses:
        address = normalize(query)
        if address is None:
            out.append(Change(query, "", "invalid"))
            continue

        def work(session: Session, address: str = address) -> tuple[str, SuppressionView | None]:
            active = active_suppressions(session, [address], now).get(address)
            if active is None:
                return "not suppressed", None
            _record_action(session, store, address, "unsuppress", note=note, at=now)
            return "removed", active

        outcome, ended = store.write(work)
        out.append(Change(query, address, outcome, ended))
    return tuple(out)


def _current(store: Store, address: str, now: datetime) -> SuppressionView | None:
    return store.read(lambda s: active_suppressions(s, [address], now).get(address))


def export(store: Store, out: TextIO, *, include_ended: bool = False, now: datetime | None = None) -> int:
    """Write suppressions as CSV (``EXPORT_COLUMNS``); returns the number of rows. ``import_`` reads it back."""
    now = now or utcnow()
    stmt = select(Suppression).order_by(Suppression.address, Suppression.since)
    if not include_ended:
        stmt = stmt.where(*in_force(now))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)

    def work(session: Session) -> int:
        n = 0
        for r in session.scalars(stmt.execution_options(yield_per=5000)):
            writer.writerow([r.address, r.kind, r.cause, r.reason, iso(r.since), iso(r.until) or "",
                             r.note or r.removed_note])
            n += 1
        return n

    return store.read(work)


def import_(store: Store, source: TextIO, *, note: str, label: str = "-", now: datetime | None = None):
    """Suppress every address of a CSV (an ``export``, or any list with an address/email column)."""
    from .importer import import_rows

    return import_rows(store, source, note=require_note(note), label=label, now=now or utcnow())
