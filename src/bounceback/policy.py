"""List-hygiene policy as pure functions: what a bounce does to an address.

Nothing here touches the database. The store hands ``fold`` every event and
manual action of one address, sorted or not, and gets back the address's whole
state: suppression periods with their evidence, current strikes, and what each
event did. Because the state is always recomputed from all of an address's
events in EVENT time (the bounce's own date), ingesting in another order, twice,
or after a crash gives the same end state.

The defaults live in ``knowledge/policy.toml``; ``load_policy`` merges a user's
``[policy]`` table over them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from importlib import resources
from types import MappingProxyType
from typing import Any

from .errors import BouncebackError

EFFECTS = frozenset({
    "suppress", "complaint", "unsubscribe", "strike", "sender_incident", "content_incident",
    "delivered", "review", "ignore",
})
INCIDENT_KINDS = MappingProxyType({"sender_incident": "sender", "content_incident": "content"})


class ConfigError(BouncebackError):
    """A policy setting that cannot be used."""


@dataclass(frozen=True, slots=True)
class SoftRule:
    strikes_per_day: int
    strikes: int
    window: timedelta
    suppress_for: timedelta
    permanent_after_expiry: bool


@dataclass(frozen=True, slots=True)
class Policy:
    hard_bounce: str
    delayed: str  # the effect of a deferral that would otherwise be a strike
    by_fault: Mapping[str, str]
    by_reason: Mapping[str, str]
    feedback: Mapping[str, str]
    soft: SoftRule
    incident_gap: timedelta
    campaign_headers: tuple[str, ...]

    def effect(self, *, reason: str, fault: str, hard_bounce: bool, feedback_type: str = "",
               action: str = "") -> str:
        """The effect of one event; the order of the rules is documented in policy.toml."""
        effect = self._effect(reason, fault, hard_bounce, feedback_type)
        if action == "delayed" and effect == "strike":
            return self.delayed  # the MTA is still retrying: no strike until it gives up
        return effect

    def _effect(self, reason: str, fault: str, hard_bounce: bool, feedback_type: str) -> str:
        if reason == "feedback":
            return self.feedback.get(feedback_type.lower(), self.feedback.get("default", "review"))
        if hard_bounce:
            return self.hard_bounce
        if reason in self.by_reason:
            return self.by_reason[reason]
        return self.by_fault.get(fault, "review")


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def default_policy_table() -> dict[str, Any]:
    text = resources.files("bounceback.knowledge").joinpath("policy.toml").read_text("utf-8")
    return tomllib.loads(text)["policy"]


def _effects(table: Mapping[str, Any], name: str) -> Mapping[str, str]:
    for key, value in table.items():
        if value not in EFFECTS:
            raise ConfigError(f"policy.{name}.{key} = {value!r}: not one of {', '.join(sorted(EFFECTS))}")
    return MappingProxyType(dict(table))


def _positive(soft: Mapping[str, Any], key: str) -> int:
    value = soft.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"policy.soft.{key} = {value!r}: must be a whole number of at least 1")
    return value


def load_policy(overrides: Mapping[str, Any] | None = None) -> Policy:
    """The default policy with a user's ``[policy]`` table merged over it."""
    t = _merge(default_policy_table(), overrides or {})
    if t["hard_bounce"] not in EFFECTS:
        raise ConfigError(f"policy.hard_bounce = {t['hard_bounce']!r}: not a known effect")
    if t.get("delayed", "ignore") not in EFFECTS:
        raise ConfigError(f"policy.delayed = {t['delayed']!r}: not a known effect")
    soft = t["soft"]
    gap = t["incidents"].get("gap_days")
    if not isinstance(gap, int | float) or gap <= 0:
        raise ConfigError(f"policy.incidents.gap_days = {gap!r}: must be a positive number")
    return Policy(
        hard_bounce=t["hard_bounce"],
        delayed=t.get("delayed", "ignore"),
        by_fault=_effects(t["by_fault"], "by_fault"),
        by_reason=_effects(t["by_reason"], "by_reason"),
        feedback=_effects({k.lower(): v for k, v in t["feedback"].items()}, "feedback"),
        soft=SoftRule(
            strikes_per_day=_positive(soft, "strikes_per_day"),
            strikes=_positive(soft, "strikes"),
            window=timedelta(days=_positive(soft, "window_days")),
            suppress_for=timedelta(days=_positive(soft, "suppress_days")),
            permanent_after_expiry=bool(soft.get("permanent_after_expiry", True)),
        ),
        incident_gap=timedelta(days=gap),
        campaign_headers=tuple(h.lower() for h in t["record"]["campaign_headers"]),
    )


# --- one address's timeline -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EventItem:
    """A recorded bounce event as the fold sees it."""

    at: datetime  # event time, naive UTC
    order: str  # content-derived tie-break, the same in every database
    event_id: int
    effect: str
    reason: str


@dataclass(frozen=True, slots=True)
class ManualItem:
    """A person's change: ``suppress`` (until a date or for good) or ``unsuppress``."""

    at: datetime
    order: str
    action_id: int
    action: str  # suppress | unsuppress
    note: str
    kind: str = "suppressed"  # suppressed | unsubscribed
    until: datetime | None = None
    reason: str = "manual"


@dataclass(frozen=True, slots=True)
class Period:
    """One stretch of time in which the address must not be mailed."""

    kind: str  # suppressed | unsubscribed
    cause: str  # hard_bounce | complaint | opt_out | soft_bounces | soft_bounce_after_expiry | manual
    reason: str  # the bounce reason that decided it ("manual" or an imported reason for manual ones)
    since: datetime
    until: datetime | None  # None: permanent
    ended_at: datetime | None = None  # removed or superseded before ``until``
    ended_by: str = ""  # removed | superseded
    evidence: tuple[int, ...] = ()  # event ids
    note: str = ""  # a person's note when added by hand
    removed_note: str = ""

    @property
    def permanent(self) -> bool:
        return self.until is None

    def active_at(self, now: datetime) -> bool:
        if self.since > now:
            return False
        if self.ended_at is not None and self.ended_at <= now:
            return False
        return self.until is None or self.until > now


@dataclass(frozen=True, slots=True)
class AddressState:
    periods: tuple[Period, ...]
    strikes: tuple[datetime, ...]  # counted strikes not yet consumed by a suppression
    second_chance_used: bool  # a temporary suppression expired: the next strike is final
    review: int  # events kept for a person to read
    events: int
    last_event_at: datetime | None
    last_delivered_at: datetime | None
    outcomes: Mapping[int, str] = field(default_factory=dict)  # event id -> what it did

    def active(self, now: datetime) -> Period | None:
        return next((p for p in reversed(self.periods) if p.active_at(now)), None)

    @property
    def final_status(self) -> str:
        """Status after the last item, ignoring the clock (a temporary suppression may lapse)."""
        if self.periods and self.periods[-1].ended_at is None:
            return self.periods[-1].kind
        return "active"


_PERMANENT_CAUSE = MappingProxyType({"suppress": "hard_bounce", "complaint": "complaint",
                                     "unsubscribe": "opt_out"})


class _Fold:
    """The mutable walk behind ``fold``; kept private so callers only see frozen results."""

    def __init__(self, soft: SoftRule) -> None:
        self.soft = soft
        self.periods: list[Period] = []
        self.open: Period | None = None
        self.strikes: list[tuple[datetime, int]] = []
        self.second_chance_used = False
        self.review = 0
        self.events = 0
        self.last_event_at: datetime | None = None
        self.last_delivered_at: datetime | None = None
        self.outcomes: dict[int, str] = {}

    def _close(self, at: datetime, by: str, note: str = "") -> None:
        assert self.open is not None
        self.periods.append(replace(self.open, ended_at=at, ended_by=by, removed_note=note))
        self.open = None

    def _start(self, period: Period) -> None:
        if self.open is not None:
            self._close(period.since, "superseded")
        self.open = period
        self.strikes.clear()

    def _lapse(self, at: datetime) -> None:
        """A temporary suppression whose end has passed is history; the next strike is final."""
        if self.open is not None and self.open.until is not None and at >= self.open.until:
            if self.open.cause == "soft_bounces" and self.soft.permanent_after_expiry:
                self.second_chance_used = True
            self.periods.append(self.open)
            self.open = None

    def manual(self, m: ManualItem) -> None:
        self._lapse(m.at)
        if m.action == "unsuppress":
            if self.open is not None:
                self._close(m.at, "removed", m.note)
            self.strikes.clear()
            self.second_chance_used = False
            return
        self._start(Period(m.kind, "manual", m.reason, m.at, m.until, note=m.note))

    def event(self, e: EventItem) -> None:
        self._lapse(e.at)
        self.events += 1
        self.last_event_at = e.at
        outcome = self._apply(e)
        self.outcomes[e.event_id] = outcome

    def _apply(self, e: EventItem) -> str:
        if e.effect in _PERMANENT_CAUSE:
            if self.open is not None and self.open.permanent:
                self.open = replace(self.open, evidence=self.open.evidence + (e.event_id,))
                return "already suppressed" if self.open.kind == "suppressed" else "already unsubscribed"
            kind = "unsubscribed" if e.effect == "unsubscribe" else "suppressed"
            self._start(Period(kind, _PERMANENT_CAUSE[e.effect], e.reason, e.at, None, evidence=(e.event_id,)))
            return kind
        if e.effect == "strike":
            return self._strike(e)
        if e.effect == "delivered":
            self.last_delivered_at = e.at
            self.strikes.clear()
            self.second_chance_used = False
            return "delivered"
        if e.effect == "review":
            self.review += 1
            return "review"
        if e.effect in INCIDENT_KINDS:
            return INCIDENT_KINDS[e.effect] + " incident"
        return "ignored"

    def _strike(self, e: EventItem) -> str:
        soft = self.soft
        if self.open is not None:
            return "not counted (already suppressed)"
        day = e.at.date()
        if sum(1 for at, _ in self.strikes if at.date() == day) >= soft.strikes_per_day:
            return "not counted (same day)"
        if self.second_chance_used:
            self._start(Period("suppressed", "soft_bounce_after_expiry", e.reason, e.at, None,
                               evidence=(e.event_id,)))
            return "suppressed"
        self.strikes = [(at, i) for at, i in self.strikes if e.at - at < soft.window]
        self.strikes.append((e.at, e.event_id))
        if len(self.strikes) < soft.strikes:
            return "strike"
        evidence = tuple(i for _, i in self.strikes)
        self._start(Period("suppressed", "soft_bounces", e.reason, e.at, e.at + soft.suppress_for,
                           evidence=evidence))
        return "suppressed for a while"

    def result(self) -> AddressState:
        periods = self.periods + ([self.open] if self.open is not None else [])
        return AddressState(
            periods=tuple(periods),
            strikes=tuple(at for at, _ in self.strikes),
            second_chance_used=self.second_chance_used,
            review=self.review,
            events=self.events,
            last_event_at=self.last_event_at,
            last_delivered_at=self.last_delivered_at,
            outcomes=MappingProxyType(self.outcomes),
        )


def fold(items: Iterable[EventItem | ManualItem], soft: SoftRule) -> AddressState:
    """An address's state from all its events and manual changes, in event time."""
    walk = _Fold(soft)
    for item in sorted(items, key=lambda i: (i.at, i.order)):
        if isinstance(item, ManualItem):
            walk.manual(item)
        else:
            walk.event(item)
    return walk.result()


# --- incidents ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class IncidentSpan:
    """Events of one (kind, receiver, reason) group whose dates lie within the gap of each other."""

    first_seen: datetime
    last_seen: datetime
    count: int
    advice: str
    advice_at: datetime  # date of the event the advice came from (the latest one)

    def open_at(self, now: datetime, gap: timedelta) -> bool:
        return self.last_seen + gap > now


def touching(span: IncidentSpan, at: datetime, gap: timedelta) -> bool:
    """True when an event at ``at`` belongs to (or bridges into) this span."""
    return span.first_seen - gap <= at <= span.last_seen + gap


def merge_incident(spans: Iterable[IncidentSpan], at: datetime, advice: str) -> IncidentSpan:
    """One span from the spans an event touches and the event itself.

    Grouping events whose gaps are at most ``gap`` is associative, so merging the
    touching spans with each new event gives the same spans in any ingest order.
    """
    merged = IncidentSpan(at, at, 1, advice, at)
    for s in spans:
        newer = (s.advice_at, s.advice) > (merged.advice_at, merged.advice)
        merged = IncidentSpan(
            min(merged.first_seen, s.first_seen),
            max(merged.last_seen, s.last_seen),
            merged.count + s.count,
            s.advice if newer else merged.advice,
            s.advice_at if newer else merged.advice_at,
        )
    return merged
