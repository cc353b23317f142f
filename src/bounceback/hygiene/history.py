"""``history``: the evidence chain of one address — every event, every change, every suppression."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..address import normalize
from ..errors import InputError
from ..policy import fold
from ..store import Store, utcnow
from ..store.models import Event, ManualAction, Suppression
from ..store.state import timeline
from .views import EventView, SuppressionView, iso


@dataclass(frozen=True, slots=True)
class ManualView:
    id: int
    at: datetime
    action: str  # suppress | unsuppress
    kind: str
    reason: str
    until: datetime | None
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "at": iso(self.at), "action": self.action, "kind": self.kind,
                "reason": self.reason, "until": iso(self.until), "note": self.note}


@dataclass(frozen=True, slots=True)
class AddressHistory:
    address: str
    status: str  # now: suppressed | unsubscribed | active | unknown
    events: tuple[EventView, ...]  # by event time
    manual: tuple[ManualView, ...]
    suppressions: tuple[SuppressionView, ...]  # every period, ended ones too
    strikes: int  # counted and not yet consumed by a suppression
    second_chance_used: bool
    current: SuppressionView | None  # the suppression in force now

    def to_dict(self) -> dict[str, Any]:
        return {"address": self.address, "status": self.status,
                "current": self.current.to_dict() if self.current else None, "strikes": self.strikes,
                "second_chance_used": self.second_chance_used,
                "suppressions": [s.to_dict() for s in self.suppressions],
                "events": [e.to_dict() for e in self.events], "manual": [m.to_dict() for m in self.manual]}


def history(store: Store, address: str, *, now: datetime | None = None) -> AddressHistory:
    """Everything the store knows about one address and what each thing did."""
    normal = normalize(address)
    if normal is None:
        raise InputError(address, "not an email address")
    now = now or utcnow()

    def work(session: Session) -> AddressHistory:
        state = fold(timeline(session, normal, store.policy), store.policy.soft)
        events = session.scalars(select(Event).where(Event.address == normal)
                                 .order_by(Event.event_at, Event.order_key)).all()
        manual = session.scalars(select(ManualAction).where(ManualAction.address == normal)
                                 .order_by(ManualAction.at, ManualAction.id)).all()
        periods = session.scalars(select(Suppression).where(Suppression.address == normal)
                                  .order_by(Suppression.since, Suppression.id)).all()
        views = tuple(SuppressionView.of(p) for p in periods)
        active = next((s for s in reversed(views) if s.active_at(now)), None)
        status = active.kind if active else ("active" if events or manual else "unknown")
        return AddressHistory(
            address=normal, status=status,
            events=tuple(EventView.of(e, state.outcomes.get(e.id, "")) for e in events),
            manual=tuple(ManualView(m.id, m.at, m.action, m.kind, m.reason, m.until, m.note) for m in manual),
            suppressions=views, strikes=len(state.strikes), second_chance_used=state.second_chance_used,
            current=active)

    return store.read(work)
