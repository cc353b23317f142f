"""Recording one ingested message: its fingerprint, its events, and their policy effects, atomically.

``record_message`` is one transaction. Killed at any moment, either all of a
message is in the database (and a rerun skips it by fingerprint) or none of it
is (and a rerun records it), so a crash followed by a rerun equals one clean run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from .. import knowledge
from ..model import Bounce
from ..policy import INCIDENT_KINDS, Policy
from . import Store
from .models import Event, Message, SenderClue
from .sql import insert_ignore_returning_id
from .state import add_to_incident, recompute_address

if TYPE_CHECKING:
    from ..reputation.evidence import Clue


def fingerprint(raw: bytes) -> str:
    """The message's content hash. Line endings and trailing blank lines do not count, so the
    same message read from an mbox (LF), a Maildir file or an .eml saved with CRLF is one."""
    body = raw.replace(b"\r\n", b"\n").rstrip(b"\n")
    return hashlib.sha256(body).hexdigest()


@dataclass(frozen=True, slots=True)
class Recipient:
    """A bounce whose recipient is a valid address, ready to be recorded."""

    address: str  # normalized
    bounce: Bounce
    clues: tuple[Clue, ...] = ()  # the sending IP/host/domains a sender-side bounce names


@dataclass(frozen=True, slots=True)
class Recorded:
    """What recording a message did: one outcome per recipient, in order."""

    duplicate: bool
    outcomes: tuple[tuple[str, str], ...] = ()  # (address, outcome)


_RECORDED = select(Message.id).where(Message.fingerprint == bindparam("fp"))


def is_recorded(store: Store, fp: str) -> bool:
    """A cheap look before decoding; ``record_message`` decides for good, inside its transaction."""
    with store.reader.connect() as conn:
        return conn.execute(_RECORDED, {"fp": fp}).first() is not None


def as_naive_utc(when: datetime | None) -> datetime | None:
    """Bounce dates without a zone are taken as UTC (the zone is lost, not the day)."""
    if when is None:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.replace(microsecond=0)


def receiver_of(b: Bounce, domain: str) -> str:
    """The receiving provider when the knowledge base knows it, else the recipient's domain."""
    return _receiver(b.remote_mta.lower(), domain)


@lru_cache(maxsize=4096)  # a mailing goes to few domains and MX hosts, again and again
def _receiver(remote_mta: str, domain: str) -> str:
    provider = knowledge.provider_for(remote_mta, domain)
    return provider.name if provider is not None else domain


def campaign_of(b: Bounce, policy: Policy) -> str:
    extra = dict(b.original.extra)
    return next((extra[h] for h in policy.campaign_headers if extra.get(h)), "")


# A bounce dated further ahead than this is dated when it was read instead: a wrong clock on the
# reporting server must not schedule a suppression years ahead (and leave the address mailable).
FUTURE_SLACK = timedelta(days=1)


def event_time(b: Bounce, now: datetime) -> datetime | None:
    when = as_naive_utc(b.date)
    return when if when is not None and when <= now + FUTURE_SLACK else None


def event_row(message_id: int, fp: str, position: int, r: Recipient, policy: Policy, now: datetime) -> dict:
    b = r.bounce
    when = event_time(b, now)
    domain = r.address.rpartition("@")[2]
    failed_at = b.recipient.rpartition("@")[2].lower() or domain  # a forwarded address failed at its target
    return {
        "message_id": message_id, "position": position, "order_key": f"{fp[:40]}:{position:05d}",
        "address": r.address, "recipient": b.recipient[:320], "domain": domain,
        "receiver": receiver_of(b, failed_at), "event_at": when or now, "dated_by": "bounce" if when else "ingest",
        "reason": b.reason, "fault": b.fault, "hard_bounce": b.hard_bounce, "permanent": b.permanent,
        "action": b.action[:16], "status": b.status[:16], "reply_code": b.reply_code[:8],
        "feedback_type": b.feedback_type[:32], "diagnostic": b.diagnostic, "diagnostic_type": b.diagnostic_type[:32],
        "remote_mta": b.remote_mta[:255], "reporting_mta": b.reporting_mta[:255], "smtp_command": b.smtp_command[:16],
        "decoded_by": b.decoded_by[:32], "source": b.source, "advice": b.advice, "note": b.note,
        "original_message_id": b.original.message_id, "list_id": b.original.list_id,
        "campaign": campaign_of(b, policy), "original_headers": dict(b.original.extra), "ingested_at": now,
    }


def record_message(store: Store, fp: str, source: str, recipients: Sequence[Recipient],
                   now: datetime) -> Recorded:
    """Record a message and apply the policy, in one transaction."""
    return store.write(lambda session: _record(session, store.policy, fp, source, recipients, now))


def record_messages(store: Store, items: Sequence[tuple[str, str, Sequence[Recipient]]],
                    now: datetime) -> list[Recorded]:
    """Several ``(fingerprint, source, recipients)`` in ONE transaction (log lines come by the thousand):
    all of them are recorded, or none."""
    policy = store.policy
    return store.write(lambda session: [_record(session, policy, fp, source, rs, now) for fp, source, rs in items])



def _record(session: Session, policy: Policy, fp: str, source: str, recipients: Sequence[Recipient],
            now: datetime) -> Recorded:
    """One message inside the caller's transaction."""
    message_id = insert_ignore_returning_id(
        session, Message.__table__,
        {"fingerprint": fp, "source": source, "ingested_at": now, "is_bounce": bool(recipients),
         "event_count": len(recipients)},
        ("fingerprint",))
    if message_id is None:
        return Recorded(duplicate=True)
    rows = [event_row(message_id, fp, n, r, policy, now) for n, r in enumerate(recipients)]
    if not rows:
        return Recorded(duplicate=False)
    events = Event.__table__  # Core, not the ORM bulk path: one INSERT … RETURNING for all rows
    ids = session.execute(insert(events).returning(events.c.id, sort_by_parameter_order=True), rows).scalars().all()
    clues = [{"event_id": event_id, "target": c.target, "kind": c.kind, "found_in": c.found_in}
             for event_id, r in zip(ids, recipients, strict=True) for c in r.clues]
    if clues:
        session.execute(insert(SenderClue.__table__), clues)
    outcomes = []
    states = {}
    for event_id, row in zip(ids, rows, strict=True):
        address = row["address"]
        if address not in states:
            states[address] = recompute_address(session, address, policy)
        effect = policy.effect(reason=row["reason"], fault=row["fault"], hard_bounce=row["hard_bounce"],
                               feedback_type=row["feedback_type"], action=row["action"])
        if effect in INCIDENT_KINDS:
            add_to_incident(session, INCIDENT_KINDS[effect], row["receiver"], row["reason"], row["event_at"],
                            row["advice"], policy)
        outcomes.append((address, states[address].outcomes.get(event_id, "ignored")))
    return Recorded(duplicate=False, outcomes=tuple(outcomes))
