"""Pages of suppressions (search, filter by reason or kind) and of events, for people to browse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from ..address import normalize
from ..hygiene.check import in_force
from ..hygiene.views import EventView, SuppressionView
from ..store import Store, utcnow
from ..store.models import Event, Suppression

MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class SuppressionPage:
    items: tuple[SuppressionView, ...]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset,
                "items": [s.to_dict() for s in self.items]}


@dataclass(frozen=True, slots=True)
class EventPage:
    items: tuple[EventView, ...]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset,
                "items": [e.to_dict() for e in self.items]}


def _bounds(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, offset)


def search_suppressions(store: Store, *, q: str = "", reason: str = "", kind: str = "", cause: str = "",
                        include_ended: bool = False, limit: int = 50, offset: int = 0,
                        now: datetime | None = None) -> SuppressionPage:
    """Suppressions (in force now, or every one) whose address contains ``q``, newest first."""
    now = now or utcnow()
    limit, offset = _bounds(limit, offset)
    conds: list[Any] = [] if include_ended else list(in_force(now))
    q = q.strip().lower()
    if q:
        exact = normalize(q)
        conds.append(Suppression.address == exact if exact else Suppression.address.contains(q, autoescape=True))
    for column, value in ((Suppression.reason, reason), (Suppression.kind, kind), (Suppression.cause, cause)):
        if value:
            conds.append(column == value)

    def work(session: Session) -> SuppressionPage:
        total = session.scalar(select(func.count()).select_from(Suppression).where(*conds)) or 0
        rows = session.scalars(select(Suppression).where(*conds)
                               .order_by(Suppression.since.desc(), Suppression.id.desc())
                               .limit(limit).offset(offset)).all()
        return SuppressionPage(tuple(SuppressionView.of(r) for r in rows), total, limit, offset)

    return store.read(work)


def suppression_reasons(store: Store, *, now: datetime | None = None) -> tuple[tuple[str, int], ...]:
    """(reason, count) of the suppressions in force, most common first: the filter's choices."""
    now = now or utcnow()
    rows = store.read(lambda s: s.execute(select(Suppression.reason, func.count()).where(*in_force(now))
                                          .group_by(Suppression.reason)).all())
    return tuple(sorted(((r, n) for r, n in rows), key=lambda kv: (-kv[1], kv[0])))


def recent_events(store: Store, *, address: str = "", reason: str = "", fault: str = "", domain: str = "",
                  since: datetime | None = None, limit: int = 50, offset: int = 0) -> EventPage:
    """Events, newest first, filtered by any of address, reason, fault, recipient domain and time."""
    limit, offset = _bounds(limit, offset)
    conds: list[Any] = []
    if address:
        conds.append(Event.address == (normalize(address) or address.lower()))
    for column, value in ((Event.reason, reason), (Event.fault, fault), (Event.domain, domain.lower())):
        if value:
            conds.append(column == value)
    if since is not None:
        conds.append(Event.event_at >= since)

    def work(session: Session) -> EventPage:
        total = session.scalar(select(func.count()).select_from(Event).where(*conds)) or 0
        rows = session.scalars(select(Event).where(*conds).order_by(Event.event_at.desc(), Event.id.desc())
                               .limit(limit).offset(offset)).all()
        return EventPage(tuple(EventView.of(e, "") for e in rows), total, limit, offset)

    return store.read(work)


def event_count(store: Store) -> int:
    return store.read(lambda s: s.scalar(select(func.count(distinct(Event.id)))) or 0)
