"""Series over time: bounces per day by fault, suppressions added per day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..hygiene.report import since_time
from ..knowledge import FAULTS
from ..store import Store, utcnow
from ..store.models import Event, Suppression

MAX_DAYS = 400


@dataclass(frozen=True, slots=True)
class Daily:
    days: tuple[date, ...]
    failures_by_fault: tuple[tuple[str, tuple[int, ...]], ...]  # fault -> count per day (failures only)
    delivered: tuple[int, ...]  # delivery notices and webhook "delivered" events per day
    suppressions_added: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"days": [d.isoformat() for d in self.days],
                "failures_by_fault": {f: list(c) for f, c in self.failures_by_fault},
                "delivered": list(self.delivered), "suppressions_added": list(self.suppressions_added)}


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


NOT_FAILURES = ("delivered", "vacation", "feedback")


def daily(store: Store, *, since: str | datetime = "30d", now: datetime | None = None) -> Daily:
    """Counts per UTC day from ``since`` to ``now`` (both days included, empty days as 0)."""
    now = now or utcnow()
    start = since if isinstance(since, datetime) else since_time(since, now)
    first = max(start.date(), now.date() - timedelta(days=MAX_DAYS - 1))
    days = tuple(first + timedelta(days=n) for n in range((now.date() - first).days + 1))
    index = {d: i for i, d in enumerate(days)}
    lower = datetime.combine(first, datetime.min.time())

    def work(session: Session) -> Daily:
        day = func.date(Event.event_at)
        rows = session.execute(select(day, Event.fault, Event.reason, func.count())
                               .where(Event.event_at >= lower, Event.event_at <= now)
                               .group_by(day, Event.fault, Event.reason)).all()
        by_fault = {f: [0] * len(days) for f in FAULTS}
        delivered = [0] * len(days)
        for d, fault, reason, n in rows:
            i = index.get(_day(d))
            if i is None:
                continue
            if reason == "delivered":
                delivered[i] += n
            elif reason not in NOT_FAILURES:
                by_fault.setdefault(fault, [0] * len(days))[i] += n
        sday = func.date(Suppression.since)
        added = [0] * len(days)
        for d, n in session.execute(select(sday, func.count()).where(Suppression.since >= lower,
                                                                      Suppression.since <= now).group_by(sday)):
            i = index.get(_day(d))
            if i is not None:
                added[i] += n
        faults = tuple((f, tuple(c)) for f, c in by_fault.items() if any(c) or f in FAULTS[:4])
        return Daily(days, faults, tuple(delivered), tuple(added))

    return store.read(work)
