"""The end state of a store, in terms that do not depend on row ids or ingest order."""

from __future__ import annotations

from sqlalchemy import select

from bounceback.store import Store
from bounceback.store.models import AddressRow, Event, Incident, Message, SenderClue, Suppression


def snapshot(store: Store) -> dict:
    def work(session):
        order_of = dict(session.execute(select(Event.id, Event.order_key)).all())
        return {
            "messages": sorted(session.scalars(select(Message.fingerprint))),
            "events": sorted(session.execute(select(Event.order_key, Event.address, Event.reason, Event.event_at))
                             .all()),
            "addresses": sorted(
                (r.address, r.status, r.strikes, r.last_strike_at, r.second_chance_used, r.review_count,
                 r.event_count, r.last_event_at, r.last_delivered_at)
                for r in session.scalars(select(AddressRow))),
            "suppressions": sorted(
                (r.address, r.kind, r.cause, r.reason, r.since, r.until, r.ended_at, r.ended_by,
                 tuple(order_of[i] for i in r.evidence))
                for r in session.scalars(select(Suppression))),
            "incidents": sorted(
                (r.kind, r.receiver, r.reason, r.first_seen, r.last_seen, r.event_count, r.advice)
                for r in session.scalars(select(Incident))),
            "sender_clues": sorted(
                (order_of[r.event_id], r.target, r.kind, r.found_in) for r in session.scalars(select(SenderClue))),
        }

    return store.read(work)
