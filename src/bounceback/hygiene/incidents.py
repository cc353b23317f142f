"""Sender and content incidents, with the evidence behind sender incidents.

    from bounceback.hygiene import incidents
    for i in incidents(store, since="30d"):          # IncidentView, open ones first
        for e in i.evidence:                         # Evidence: the sending IP / domain and its DNSBL answers
            print(e.target, e.status, [(c.list, c.listed, c.meaning) for c in e.checks])

The evidence of a sender incident is what its bounces named about the sender
(``reputation.evidence``: the IP in the reply text, the Received headers, the
From: and DKIM domains ...) with the DNS blocklist answers cached for each
(``hygiene.evidence.check_evidence`` looks them up).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..reputation.evidence import found_in_words
from ..store import Store, utcnow
from ..store.evidence import HOST_ADDRESSES, answers, incident_clues
from ..store.models import Event, Incident
from .views import iso

# an evidence item's status, from its answers; the order is the report's
STATUSES = ("listed", "unknown", "unchecked", "not listed")


@dataclass(frozen=True, slots=True)
class ListCheck:
    """One DNS blocklist's answer about one target, as cached."""

    list: str
    listed: bool | None  # None: unknown (error answer, timeout)
    codes: tuple[str, ...]
    meaning: str
    advice: str
    checked_at: datetime
    expires_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"list": self.list, "listed": self.listed, "codes": list(self.codes), "meaning": self.meaning,
                "advice": self.advice, "checked_at": iso(self.checked_at), "expires_at": iso(self.expires_at)}


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sending IP address, host or domain the incident's bounces named, and what the blocklists say."""

    target: str
    kind: str  # ip | host | domain
    found_in: tuple[str, ...]  # where the bounces named it (reply, received, from, dkim ...)
    bounces: int  # how many of the incident's bounces named it
    checks: tuple[ListCheck, ...]  # one per list; empty: not looked up yet
    via: str = ""  # for an address found by resolving a host name: that name
    note: str = ""  # for a host that could not be resolved: why

    @property
    def status(self) -> str:
        """listed | unknown | unchecked | not listed"""
        return status_of(self.checks)

    @property
    def where(self) -> str:
        words = ", ".join(found_in_words(f) for f in self.found_in)
        return f"{words} {self.via}" if self.via else words

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "kind": self.kind, "found_in": list(self.found_in), "via": self.via,
                "bounces": self.bounces, "status": self.status, "note": self.note,
                "checks": [c.to_dict() for c in self.checks]}


def status_of(checks: Iterable[ListCheck]) -> str:
    checks = tuple(checks)
    if any(c.listed for c in checks):
        return "listed"
    if not checks:
        return "unchecked"
    return "unknown" if any(c.listed is None for c in checks) else "not listed"


@dataclass(frozen=True, slots=True)
class IncidentView:
    kind: str  # sender | content
    receiver: str
    reason: str
    first_seen: datetime
    last_seen: datetime
    events: int
    recipients: int  # distinct addresses refused, none of them punished
    advice: str
    open: bool
    evidence: tuple[Evidence, ...] = ()  # sender incidents: listed first

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "receiver": self.receiver, "reason": self.reason, "open": self.open,
                "first_seen": iso(self.first_seen), "last_seen": iso(self.last_seen), "events": self.events,
                "recipients": self.recipients, "advice": self.advice,
                "evidence": [e.to_dict() for e in self.evidence]}


def incidents(store: Store, *, since: str | datetime = "30d", now: datetime | None = None,
              open_only: bool = False) -> tuple[IncidentView, ...]:
    """Incidents that overlap [since, now]: open first, sender before content, then the latest."""
    from .report import since_time

    now = now or utcnow()
    start = since if isinstance(since, datetime) else since_time(since, now)
    found = store.read(lambda s: incident_views(s, start, now, store.policy.incident_gap))
    return tuple(i for i in found if i.open or not open_only)


def incident_views(session: Session, start: datetime, now: datetime, gap: timedelta) -> tuple[IncidentView, ...]:
    rows = session.scalars(select(Incident).where(Incident.last_seen >= start, Incident.first_seen <= now)).all()
    views = []
    for r in rows:
        recipients = session.scalar(select(func.count(func.distinct(Event.address))).where(
            Event.receiver == r.receiver, Event.reason == r.reason,
            Event.event_at >= r.first_seen, Event.event_at <= r.last_seen)) or 0
        evidence = _evidence(session, r) if r.kind == "sender" else ()
        views.append(IncidentView(r.kind, r.receiver, r.reason, r.first_seen, r.last_seen, r.event_count,
                                  recipients, r.advice, r.last_seen + gap > now, evidence))
    views.sort(key=lambda v: (not v.open, v.kind != "sender", -v.last_seen.timestamp(), v.receiver, v.reason))
    return tuple(views)


_ANSWER_ORDER = (True, None, False)  # listings first, then unknown answers, then "not listed"


def checks_of(rows: dict[str, Any]) -> tuple[ListCheck, ...]:
    """The cached answers of one target (rows by list name), listings first."""
    checks = [ListCheck(name, r.listed, tuple(r.codes or ()), r.meaning, r.advice, r.checked_at, r.expires_at)
              for name, r in rows.items() if name != HOST_ADDRESSES]
    return tuple(sorted(checks, key=lambda c: (_ANSWER_ORDER.index(c.listed), c.list)))


def _evidence(session: Session, incident: Incident) -> tuple[Evidence, ...]:
    found = {(t, k): (places, n) for t, k, places, n in
             incident_clues(session, incident.receiver, incident.reason, incident.first_seen, incident.last_seen)}
    cached = answers(session, [t for t, _ in found])
    hosts = {t: tuple(cached.get(t, {}).get(HOST_ADDRESSES).codes or ())
             for t, k in found if k == "host" and HOST_ADDRESSES in cached.get(t, {})}
    cached.update(answers(session, [a for addresses in hosts.values() for a in addresses]))
    out = []
    for (target, kind), (places, n) in found.items():
        if kind != "host":
            out.append(Evidence(target, kind, places, n, checks_of(cached.get(target, {}))))
            continue
        addresses = hosts.get(target, ())
        for address in addresses:
            out.append(Evidence(address, "ip", places, n, checks_of(cached.get(address, {})), via=target))
        if not addresses:
            row = cached.get(target, {}).get(HOST_ADDRESSES)
            out.append(Evidence(target, "host", places, n, (), note=row.meaning if row else ""))
    out.sort(key=lambda e: (STATUSES.index(e.status), e.kind == "domain", -e.bounces, e.target))
    return tuple(out)
