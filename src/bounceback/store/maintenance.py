"""Whole-database chores: what it holds, and re-applying a changed policy to everything."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select, union
from sqlalchemy.orm import Session

from ..policy import INCIDENT_KINDS
from . import Store, migrate
from .models import AddressRow, DnsblAnswer, Event, Incident, ManualAction, Message, SenderClue, Suppression
from .state import incident_spans, recompute_address

ADDRESSES_PER_TRANSACTION = 500


def info(store: Store) -> dict[str, Any]:
    def work(session: Session) -> dict[str, Any]:
        def count(model) -> int:
            return session.scalar(select(func.count()).select_from(model)) or 0

        return {"db": store.label, "revision": migrate.current_revision(store.reader),
                "messages": count(Message), "events": count(Event), "addresses": count(AddressRow),
                "suppressions": count(Suppression), "incidents": count(Incident),
                "manual_actions": count(ManualAction), "sender_clues": count(SenderClue),
                "dnsbl_answers": count(DnsblAnswer)}

    return store.read(work)


def recompute(store: Store) -> tuple[int, int]:
    """Fold every address again and rebuild every incident under the store's policy."""
    addresses = store.read(lambda s: sorted(s.scalars(union(select(Event.address), select(ManualAction.address)))))
    for i in range(0, len(addresses), ADDRESSES_PER_TRANSACTION):
        part = addresses[i:i + ADDRESSES_PER_TRANSACTION]
        store.write(lambda s, part=part: [recompute_address(s, a, store.policy) for a in part])
    return len(addresses), store.write(lambda s: _rebuild_incidents(s, store))


def _rebuild_incidents(session: Session, store: Store) -> int:
    policy = store.policy
    rows = session.execute(select(Event.receiver, Event.reason, Event.fault, Event.hard_bounce, Event.feedback_type,
                                  Event.event_at, Event.advice, Event.action))
    events = []
    for receiver, reason, fault, hard, ftype, at, advice, action in rows:
        effect = policy.effect(reason=reason, fault=fault, hard_bounce=hard, feedback_type=ftype, action=action)
        if effect in INCIDENT_KINDS:
            events.append((INCIDENT_KINDS[effect], receiver, reason, at, advice))
    spans = incident_spans(events, policy.incident_gap)
    session.execute(delete(Incident))
    if spans:
        session.execute(insert(Incident), [
            {"kind": k, "receiver": r, "reason": why, "first_seen": s.first_seen, "last_seen": s.last_seen,
             "event_count": s.count, "advice": s.advice, "advice_at": s.advice_at} for (k, r, why), s in spans])
    return len(spans)
