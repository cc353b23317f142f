"""Derived tables: an address's state and suppressions, and incidents, kept in step with the events.

Both are recomputed inside the transaction that adds the event, so they can
never disagree with the events table, and both are order-independent: the
address fold sorts by event time, incident spans merge associatively.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..address import domain_of
from ..policy import (
    AddressState,
    EventItem,
    IncidentSpan,
    ManualItem,
    Period,
    Policy,
    fold,
    merge_incident,
    touching,
)
from .models import AddressRow, Event, Incident, ManualAction, Suppression
from .sql import upsert

_EVENT_COLUMNS = (Event.id, Event.event_at, Event.order_key, Event.reason, Event.fault, Event.hard_bounce,
                  Event.feedback_type, Event.action)


def timeline(session: Session, address: str, policy: Policy) -> list[EventItem | ManualItem]:
    """Every event and manual change of one address, as the fold takes them."""
    items: list[EventItem | ManualItem] = []
    for eid, at, order, reason, fault, hard, ftype, action in session.execute(
            select(*_EVENT_COLUMNS).where(Event.address == address)):
        effect = policy.effect(reason=reason, fault=fault, hard_bounce=hard, feedback_type=ftype, action=action)
        items.append(EventItem(at, order, eid, effect, reason))
    for mid, at, action, note, kind, until, reason in session.execute(
            select(ManualAction.id, ManualAction.at, ManualAction.action, ManualAction.note, ManualAction.kind,
                   ManualAction.until, ManualAction.reason).where(ManualAction.address == address)):
        # manual changes sort after events of the same second: a person acts on what they saw
        items.append(ManualItem(at, f"~manual:{mid:012d}", mid, action, note, kind, until, reason))
    return items


def recompute_address(session: Session, address: str, policy: Policy) -> AddressState:
    """Fold the address's timeline and rewrite its state row and suppression periods."""
    state = fold(timeline(session, address, policy), policy.soft)
    write_state(session, address, state)
    return state


def write_state(session: Session, address: str, state: AddressState) -> None:
    session.execute(delete(Suppression.__table__).where(Suppression.__table__.c.address == address))
    if state.periods:
        session.execute(insert(Suppression.__table__), [period_row(address, p) for p in state.periods])
    upsert(session, AddressRow.__table__, state_row(address, state), ("address",))


def period_row(address: str, p: Period) -> dict:
    return {
        "address": address, "kind": p.kind, "cause": p.cause, "reason": p.reason, "since": p.since,
        "until": p.until, "ended_at": p.ended_at, "ended_by": p.ended_by, "evidence": list(p.evidence),
        "note": p.note, "removed_note": p.removed_note,
    }


def state_row(address: str, state: AddressState) -> dict:
    return {
        "address": address,
        "domain": domain_of(address),
        "status": state.final_status,
        "strikes": len(state.strikes),
        "last_strike_at": state.strikes[-1] if state.strikes else None,
        "second_chance_used": state.second_chance_used,
        "review_count": state.review,
        "event_count": state.events,
        "last_event_at": state.last_event_at,
        "last_delivered_at": state.last_delivered_at,
    }


def add_to_incident(session: Session, kind: str, receiver: str, reason: str, at: datetime, advice: str,
                    policy: Policy) -> None:
    """Open or extend the incident an event belongs to, merging spans it bridges."""
    gap = policy.incident_gap
    rows = session.scalars(
        select(Incident).where(Incident.kind == kind, Incident.receiver == receiver, Incident.reason == reason,
                               Incident.first_seen <= at + gap, Incident.last_seen >= at - gap)
    ).all()
    spans = [_span(r) for r in rows]
    merged = merge_incident((s for s in spans if touching(s, at, gap)), at, advice)
    if rows:
        session.execute(delete(Incident).where(Incident.id.in_([r.id for r in rows])))
    session.add(Incident(kind=kind, receiver=receiver, reason=reason, first_seen=merged.first_seen,
                         last_seen=merged.last_seen, event_count=merged.count, advice=merged.advice,
                         advice_at=merged.advice_at))


def _span(row: Incident) -> IncidentSpan:
    return IncidentSpan(row.first_seen, row.last_seen, row.event_count, row.advice, row.advice_at)


def incident_spans(events: Iterable[tuple[str, str, str, datetime, str]], gap) -> list[tuple[tuple, IncidentSpan]]:
    """Every incident from ``(kind, receiver, reason, at, advice)`` tuples, in memory (for a rebuild)."""
    groups: dict[tuple[str, str, str], list[tuple[datetime, str]]] = {}
    for kind, receiver, reason, at, advice in events:
        groups.setdefault((kind, receiver, reason), []).append((at, advice))
    out = []
    for key, items in groups.items():
        current: IncidentSpan | None = None
        for at, advice in sorted(items):
            if current is not None and touching(current, at, gap):
                current = merge_incident([current], at, advice)
                continue
            if current is not None:
                out.append((key, current))
            current = merge_incident([], at, advice)
        if current is not None:
            out.append((key, current))
    return out
