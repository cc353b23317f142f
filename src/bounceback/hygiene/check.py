"""``check``: may these addresses be mailed now? If not, why, and since when."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..address import normalize
from ..store import Store, utcnow
from ..store.models import AddressRow, Suppression
from .views import SuppressionView, iso

CHUNK = 500  # addresses per IN (...) query; far below every database's parameter limit
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class AddressCheck:
    query: str  # as given
    address: str  # normalized ("" when invalid)
    status: str  # suppressed | unsubscribed | active (known, may be mailed) | unknown | invalid
    suppression: SuppressionView | None = None
    strikes: int = 0
    last_strike_at: datetime | None = None
    last_event_at: datetime | None = None

    @property
    def mailable(self) -> bool:
        return self.status in ("active", "unknown")

    def to_dict(self) -> dict[str, Any]:
        return {"address": self.address or self.query, "status": self.status, "mailable": self.mailable,
                "suppression": self.suppression.to_dict() if self.suppression else None,
                "strikes": self.strikes, "last_strike_at": iso(self.last_strike_at),
                "last_event_at": iso(self.last_event_at)}


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def in_force(now: datetime) -> tuple:
    """SQL conditions for "this suppression applies at ``now``" (``SuppressionView.active_at``)."""
    return (Suppression.since <= now,
            or_(Suppression.ended_at.is_(None), Suppression.ended_at > now),
            or_(Suppression.until.is_(None), Suppression.until > now))


def active_suppressions(session: Session, addresses: Sequence[str], now: datetime) -> dict[str, SuppressionView]:
    """The suppression in force at ``now`` for each of the addresses that has one."""
    out: dict[str, SuppressionView] = {}
    for part in chunks(addresses):
        # Core rows (attribute access like ORM objects, without the ORM's cost per row)
        rows = session.execute(select(Suppression.__table__).where(Suppression.address.in_(part),
                                                                  *in_force(now))).all()
        for row in rows:
            view = SuppressionView.of(row)
            if view.active_at(now) and (row.address not in out or out[row.address].since < view.since):
                out[row.address] = view
    return out


def check(store: Store, addresses: Iterable[str], *, now: datetime | None = None) -> tuple[AddressCheck, ...]:
    """One ``AddressCheck`` per given address, in order."""
    now = now or utcnow()
    queries = list(addresses)
    normal = [normalize(q) for q in queries]
    valid = sorted({a for a in normal if a})

    def work(session: Session) -> tuple[dict[str, SuppressionView], dict[str, Any]]:
        states: dict[str, Any] = {}
        for part in chunks(valid):
            states.update((r.address, r) for r in session.execute(
                select(AddressRow.__table__).where(AddressRow.address.in_(part))))
        return active_suppressions(session, valid, now), states

    active, states = store.read(work)
    out = []
    for query, address in zip(queries, normal, strict=True):
        if address is None:
            out.append(AddressCheck(query, "", "invalid"))
            continue
        state = states.get(address)
        suppression = active.get(address)
        status = suppression.kind if suppression else ("active" if state else "unknown")
        out.append(AddressCheck(query, address, status, suppression,
                                state.strikes if state else 0, state.last_strike_at if state else None,
                                state.last_event_at if state else None))
    return tuple(out)


def suppressed_kinds(store: Store, addresses: Sequence[str], *, now: datetime | None = None) -> dict[str, str]:
    """{address: "suppressed" | "unsubscribed"} for the normalized addresses suppressed now (batched)."""
    now = now or utcnow()
    found = store.read(lambda s: active_suppressions(s, sorted(set(addresses)), now))
    return {address: view.kind for address, view in found.items()}
