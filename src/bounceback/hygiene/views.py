"""Frozen records the hygiene API returns: suppressions, events, address checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..store.models import Event, Suppression

_CAUSE_TEXT = {
    "hard_bounce": "the address is dead",
    "complaint": "the recipient complained",
    "opt_out": "the recipient opted out",
    "soft_bounces": "repeated soft bounces",
    "soft_bounce_after_expiry": "soft bounce again after a temporary suppression",
    "manual": "added by hand",
}


def why(cause: str, reason: str, note: str) -> str:
    """One line saying what caused a suppression."""
    text = _CAUSE_TEXT.get(cause, cause)
    if reason and reason not in ("manual", "feedback"):
        text += f" ({reason})"
    if note:
        text += f": {note}"
    return text


def iso(when: datetime | None) -> str | None:
    return when.isoformat() + "Z" if when else None


@dataclass(frozen=True, slots=True)
class SuppressionView:
    address: str
    kind: str  # suppressed | unsubscribed
    cause: str
    reason: str
    since: datetime
    until: datetime | None
    ended_at: datetime | None
    ended_by: str
    evidence: tuple[int, ...]
    note: str
    removed_note: str

    @classmethod
    def of(cls, row: Suppression) -> SuppressionView:
        return cls(row.address, row.kind, row.cause, row.reason, row.since, row.until, row.ended_at, row.ended_by,
                   tuple(row.evidence or ()), row.note, row.removed_note)

    def active_at(self, now: datetime) -> bool:
        if self.since > now or (self.ended_at is not None and self.ended_at <= now):
            return False
        return self.until is None or self.until > now

    @property
    def why(self) -> str:
        return why(self.cause, self.reason, self.note)

    def to_dict(self) -> dict[str, Any]:
        return {"address": self.address, "kind": self.kind, "cause": self.cause, "reason": self.reason,
                "why": self.why, "since": iso(self.since), "until": iso(self.until),
                "ended_at": iso(self.ended_at), "ended_by": self.ended_by, "evidence": list(self.evidence),
                "note": self.note, "removed_note": self.removed_note}


@dataclass(frozen=True, slots=True)
class EventView:
    id: int
    at: datetime
    dated_by: str
    address: str
    reason: str
    fault: str
    hard_bounce: bool
    status: str
    reply_code: str
    feedback_type: str
    diagnostic: str
    receiver: str
    source: str
    decoded_by: str
    original_message_id: str
    campaign: str
    list_id: str
    advice: str
    outcome: str  # what the policy did with it, in the address's timeline

    @classmethod
    def of(cls, e: Event, outcome: str) -> EventView:
        return cls(e.id, e.event_at, e.dated_by, e.address, e.reason, e.fault, e.hard_bounce, e.status,
                   e.reply_code, e.feedback_type, e.diagnostic, e.receiver, e.source, e.decoded_by,
                   e.original_message_id, e.campaign, e.list_id, e.advice, outcome)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "at": iso(self.at), "dated_by": self.dated_by, "address": self.address,
                "reason": self.reason, "fault": self.fault, "hard_bounce": self.hard_bounce, "status": self.status,
                "reply_code": self.reply_code, "feedback_type": self.feedback_type, "diagnostic": self.diagnostic,
                "receiver": self.receiver, "source": self.source, "decoded_by": self.decoded_by,
                "original_message_id": self.original_message_id, "campaign": self.campaign,
                "list_id": self.list_id, "advice": self.advice, "outcome": self.outcome}
