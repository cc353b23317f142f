"""``report``: what happened over a period — open sender incidents first (with their evidence), then the counts."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import InputError
from ..store import Store, utcnow
from ..store.models import Event, Suppression
from .importer import parse_time
from .incidents import IncidentView, incident_views
from .views import iso

TOP_DOMAINS = 20
_DURATION = re.compile(r"(\d+)\s*([hdw])")  # our own option text, not bounce text: plain re is fine
_UNIT = {"h": "hours", "d": "days", "w": "weeks"}

Counts = tuple[tuple[str, int], ...]


def since_time(text: str, now: datetime) -> datetime:
    """``30d``, ``12h``, ``2w`` before ``now``, or an ISO date."""
    m = _DURATION.fullmatch(text.strip().lower())
    if m:
        return now - timedelta(**{_UNIT[m.group(2)]: int(m.group(1))})
    try:
        when = parse_time(text)
    except ValueError:
        when = None
    if when is None:
        raise InputError(text, "not a period (30d, 12h, 2w) or a date (2026-11-01)")
    return when


@dataclass(frozen=True, slots=True)
class Report:
    since: datetime
    until: datetime
    incidents: tuple[IncidentView, ...]  # open first, then the latest
    events: int
    by_effect: Counts
    by_reason: Counts
    by_fault: Counts
    by_domain: Counts  # receiving domain, the busiest TOP_DOMAINS
    suppressions_added: Counts  # by cause
    suppressions_removed: int
    by_mailing: Counts = ()  # failures per mailing (campaign header, else List-Id), the busiest TOP_DOMAINS

    def to_dict(self) -> dict[str, Any]:
        return {"since": iso(self.since), "until": iso(self.until),
                "incidents": [i.to_dict() for i in self.incidents], "events": self.events,
                "by_effect": dict(self.by_effect), "by_reason": dict(self.by_reason), "by_fault": dict(self.by_fault),
                "by_domain": dict(self.by_domain), "suppressions_added": dict(self.suppressions_added),
                "suppressions_removed": self.suppressions_removed, "by_mailing": dict(self.by_mailing)}


def _sorted(counter: Counter, top: int | None = None) -> Counts:
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top])


def report(store: Store, *, since: str | datetime = "30d", now: datetime | None = None) -> Report:
    now = now or utcnow()
    start = since if isinstance(since, datetime) else since_time(since, now)
    policy = store.policy

    def work(session: Session) -> Report:
        in_window = (Event.event_at >= start, Event.event_at <= now)
        grouped = session.execute(
            select(Event.reason, Event.fault, Event.hard_bounce, Event.feedback_type, Event.action, func.count())
            .where(*in_window).group_by(Event.reason, Event.fault, Event.hard_bounce, Event.feedback_type,
                                        Event.action)).all()
        by_effect, by_reason, by_fault = Counter(), Counter(), Counter()
        for reason, fault, hard, ftype, action, n in grouped:
            by_effect[policy.effect(reason=reason, fault=fault, hard_bounce=hard, feedback_type=ftype,
                                    action=action)] += n
            by_reason[reason] += n
            by_fault[fault] += n
        by_domain = Counter(dict(session.execute(
            select(Event.domain, func.count()).where(*in_window).group_by(Event.domain)).all()))
        added = Counter(dict(session.execute(
            select(Suppression.cause, func.count()).where(Suppression.since >= start, Suppression.since <= now)
            .group_by(Suppression.cause)).all()))
        removed = session.scalar(select(func.count()).select_from(Suppression).where(
            Suppression.ended_by == "removed", Suppression.ended_at >= start, Suppression.ended_at <= now)) or 0
        return Report(start, now, incident_views(session, start, now, policy.incident_gap), sum(by_reason.values()),
                      _sorted(by_effect), _sorted(by_reason), _sorted(by_fault), _sorted(by_domain, TOP_DOMAINS),
                      _sorted(added), removed, _sorted(_by_mailing(session, in_window), TOP_DOMAINS))

    return store.read(work)


def _by_mailing(session: Session, in_window) -> Counter:
    """Failures per mailing: the returned original's campaign header (``[policy.record]
    campaign_headers``), else its List-Id. Deliveries and auto-replies are no failures."""
    rows = session.execute(
        select(Event.campaign, Event.list_id, func.count())
        .where(*in_window, Event.reason.not_in(("delivered", "vacation")), Event.action != "delivered",
               (Event.campaign != "") | (Event.list_id != ""))
        .group_by(Event.campaign, Event.list_id)).all()
    out: Counter = Counter()
    for campaign, list_id, n in rows:
        out[f"campaign {campaign}" if campaign else f"list {_list_id(list_id)}"] += n
    return out


def _list_id(value: str) -> str:
    """``Example News <news.example.com>`` -> ``news.example.com`` (RFC 2919: the id is in the brackets)."""
    start, end = value.rfind("<"), value.rfind(">")
    return value[start + 1 : end].strip() if 0 <= start < end else value.strip()
