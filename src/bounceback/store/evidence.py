"""Sender evidence in the database: the clues events name, and the cached DNS blocklist answers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..reputation.evidence import found_in_order
from .models import DnsblAnswer, Event, SenderClue
from .sql import upsert

CHUNK = 500  # targets per IN (...) query
HOST_ADDRESSES = "dns"  # the dnsbl_answers "list" under which a host name's addresses are kept


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def clue_targets(session: Session, *, targets: Sequence[str] | None = None, since: datetime | None = None,
                 until: datetime | None = None) -> list[tuple[str, str]]:
    """(target, kind) of the clues of the given targets, or of events in [since, until]; the
    targets of the most recent events first."""
    last = func.max(Event.event_at)
    query = (select(SenderClue.target, SenderClue.kind, last).join(Event, Event.id == SenderClue.event_id)
             .group_by(SenderClue.target, SenderClue.kind))
    if since is not None:
        query = query.where(Event.event_at >= since)
    if until is not None:
        query = query.where(Event.event_at <= until)
    if targets is None:
        rows = session.execute(query).all()
    else:
        rows = [r for part in _chunks(list(dict.fromkeys(targets)))
                for r in session.execute(query.where(SenderClue.target.in_(part))).all()]
    rows.sort(key=lambda r: (-r[2].timestamp(), r[0]))
    return [(target, kind) for target, kind, _ in rows]


def answers(session: Session, targets: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Every cached answer (fresh or expired) of the targets: {target: {list: row}}."""
    out: dict[str, dict[str, Any]] = {}
    for part in _chunks(list(dict.fromkeys(targets))):
        for row in session.execute(select(DnsblAnswer.__table__).where(DnsblAnswer.target.in_(part))):
            out.setdefault(row.target, {})[row.dnsbl] = row
    return out


def write_answers(session: Session, rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        upsert(session, DnsblAnswer.__table__, row, ("target", "dnsbl"))


def recent_lookups(session: Session, since: datetime) -> int:
    """Blocklist targets looked up since then, by any process (the per-minute budget)."""
    return session.scalar(select(func.count(func.distinct(DnsblAnswer.target))).where(
        DnsblAnswer.checked_at >= since, DnsblAnswer.dnsbl != HOST_ADDRESSES)) or 0


def incident_clues(session: Session, receiver: str, reason: str, first: datetime,
                   last: datetime) -> list[tuple[str, str, tuple[str, ...], int]]:
    """(target, kind, where it was found, how many events named it) for the events of one incident's span."""
    in_span = (Event.receiver == receiver, Event.reason == reason, Event.event_at >= first, Event.event_at <= last)
    places: dict[tuple[str, str], list[str]] = {}
    for target, kind, found_in in session.execute(
            select(SenderClue.target, SenderClue.kind, SenderClue.found_in).distinct()
            .join(Event, Event.id == SenderClue.event_id).where(*in_span)
            .order_by(SenderClue.target, SenderClue.found_in)):
        places.setdefault((target, kind), []).append(found_in)
    counts = dict(((t, k), n) for t, k, n in session.execute(
        select(SenderClue.target, SenderClue.kind, func.count(func.distinct(Event.id)))
        .join(Event, Event.id == SenderClue.event_id).where(*in_span).group_by(SenderClue.target, SenderClue.kind)))
    return [(t, k, found_in_order(where), counts.get((t, k), 0)) for (t, k), where in places.items()]
