"""Sender evidence: what sender-side bounces name about the sender, checked against DNS blocklists.

* ``with_clues`` (during ingest, no network): the sending IP, host and domains of each
  bounce whose policy effect is a sender incident, recorded with its event in the
  message's one transaction (``store.record``).
* ``check_evidence`` (after the messages are committed, never inside a transaction):
  looks the clues up on the DNS blocklists and caches each answer in ``dnsbl_answers``
  for ``cache_hours`` (an unknown answer for ``unknown_minutes``), within a budget of
  ``per_run`` lookups per call and ``per_minute`` per minute across processes. Targets
  over the budget are left for the next run; a timeout or error answer is stored as
  unknown. Offline, nothing is looked up; addresses and names reserved for examples
  (RFC 5737, 2606) only on a resolver named for them.

    summary = ingest(store, paths)
    check_evidence(store, settings, targets=summary.evidence_targets)
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from ..decode.message import Message
from ..errors import InputError
from ..policy import Policy
from ..reputation import dnsbl
from ..reputation.evidence import clues, for_documentation, public_ip
from ..reputation.lists import DnsblList
from ..reputation.resolver import Lookup, parse_server
from ..reputation.settings import Settings
from ..reputation.targets import parse_target
from ..store import Store, utcnow
from ..store.evidence import HOST_ADDRESSES, answers, clue_targets, recent_lookups, write_answers
from ..store.record import Recipient
from .incidents import checks_of, status_of

MINUTE = timedelta(minutes=1)


def with_clues(recipients: list[Recipient], raw: bytes | None, policy: Policy) -> list[Recipient]:
    """The recipients, those whose bounce opens or extends a sender incident with its clues.

    ``raw`` is the whole bounce message; without one (an MTA log line, a webhook event)
    the clues come from the bounce's reply text alone."""
    sender = [policy.effect(reason=r.bounce.reason, fault=r.bounce.fault, hard_bounce=r.bounce.hard_bounce,
                            feedback_type=r.bounce.feedback_type) == "sender_incident" for r in recipients]
    if not any(sender):
        return recipients
    try:
        msg = Message(raw) if raw is not None else None
        return [replace(r, clues=clues(r.bounce, msg)) if s else r for r, s in zip(recipients, sender, strict=True)]
    except (ValueError, LookupError, UnicodeError, RecursionError):
        return recipients  # the bounce is recorded all the same, without evidence


def targets_of(recipients: Sequence[Recipient]) -> tuple[str, ...]:
    """The IPs, hosts and domains the recipients' clues name, once each, in order."""
    return tuple(dict.fromkeys(c.target for r in recipients for c in r.clues))


@dataclass(frozen=True, slots=True)
class EvidenceCheck:
    """What one ``check_evidence`` call did."""

    offline: bool
    targets: int  # IP addresses and domains in scope (a host counts by its addresses)
    cached: int  # answered from the cache
    checked: int  # looked up now
    deferred: int  # not looked up: over the budget, or offline (the next run takes them)
    listed: tuple[str, ...]  # targets some list lists (now or from the cache)
    unknown: tuple[str, ...]  # targets with an unknown answer and no listing
    queries: int  # DNS queries sent
    warnings: tuple[str, ...] = ()
    documentation: tuple[str, ...] = ()  # example addresses and names left alone: no --resolver named

    def to_dict(self) -> dict[str, Any]:
        return {"offline": self.offline, "targets": self.targets, "cached": self.cached, "checked": self.checked,
                "deferred": self.deferred, "listed": list(self.listed), "unknown": list(self.unknown),
                "queries": self.queries, "warnings": list(self.warnings), "documentation": list(self.documentation)}


def _fresh(row: Any, now: datetime) -> bool:
    return row is not None and row.expires_at > now


def _needs(target: str, kind: str, lists: tuple[DnsblList, ...]) -> tuple[str, ...]:
    """The answers a target needs: one per list that covers it (a host: its addresses)."""
    if kind == "host":
        return (HOST_ADDRESSES,)
    return tuple(lst.name for lst in lists if lst.covers(parse_target(target).kind))


def _row(target: str, name: str, listed: bool | None, codes: Sequence[str], meaning: str, advice: str,
         now: datetime, settings: Settings) -> dict[str, Any]:
    keep = timedelta(hours=settings.cache_hours) if listed is not None else timedelta(
        minutes=settings.unknown_minutes)
    return {"target": target, "dnsbl": name, "listed": listed, "codes": list(codes), "meaning": meaning,
            "advice": advice, "checked_at": now, "expires_at": now + keep}


def check_evidence(store: Store, settings: Settings, *, targets: Sequence[str] | None = None,
                   since: datetime | None = None, refresh: bool = False,
                   now: datetime | None = None) -> EvidenceCheck:
    """Look up the clues of the given targets (or of every event since ``since``) on the blocklists.

    ``refresh`` ignores the cache (the budget still applies). A bad list name in the
    settings is an ``InputError``; no resolver, a timeout or an error answer is an unknown answer.
    """
    run = _Run(store, settings, settings.chosen_lists(), now or utcnow(), refresh)
    scope = store.read(lambda s: clue_targets(s, targets=targets, since=since))
    documentation: tuple[str, ...] = ()
    if not settings.resolver and not settings.offline:  # examples: only on a resolver named for them
        documentation = tuple(t for t, _ in scope if for_documentation(t))
        scope = [(t, k) for t, k in scope if t not in documentation]
    run.load([t for t, _ in scope])
    hosts = [t for t, k in scope if k == "host"]
    unresolved = [h for h in hosts if run.stale(h, "host")]
    if not settings.offline:
        run.resolve(unresolved)
    addresses = run.addresses(hosts)
    wanted = list(dict.fromkeys([(t, k) for t, k in scope if k != "host"] + [(a, "ip") for a in addresses]))
    needed = [t for t, k in wanted if run.stale(t, k)]
    allowed = run.allowance()
    run.check(needed[:allowed])
    statuses = {t: status_of(checks_of(run.cache.get(t, {}))) for t, _ in wanted}
    return EvidenceCheck(
        offline=settings.offline, targets=len(wanted), cached=len(wanted) - len(needed),
        checked=len(needed[:allowed]), deferred=len(needed[allowed:]) + (len(unresolved) if settings.offline else 0),
        listed=tuple(t for t, s in statuses.items() if s == "listed"),
        unknown=tuple(t for t, s in statuses.items() if s == "unknown"),
        queries=run.queries, warnings=tuple(dict.fromkeys(run.warnings)), documentation=documentation)


class _Run:
    """One ``check_evidence`` call: the cached answers it knows, and what it sent."""

    def __init__(self, store: Store, settings: Settings, lists: tuple[DnsblList, ...], now: datetime,
                 refresh: bool) -> None:
        self.store, self.settings, self.lists, self.now, self.refresh = store, settings, lists, now, refresh
        self.cache: dict[str, dict[str, Any]] = {}
        self.queries = 0
        self.warnings: list[str] = []

    def load(self, targets: Sequence[str]) -> None:
        missing = [t for t in targets if t not in self.cache]
        if missing:
            self.cache.update(self.store.read(lambda s: answers(s, missing)))

    def stale(self, target: str, kind: str) -> bool:
        rows = self.cache.get(target, {})
        return self.refresh or not all(_fresh(rows.get(n), self.now) for n in _needs(target, kind, self.lists))

    def addresses(self, hosts: Sequence[str]) -> list[str]:
        """The cached addresses of the hosts (their own answers loaded too)."""
        found = [a for h in hosts if (row := self.cache.get(h, {}).get(HOST_ADDRESSES)) for a in row.codes or ()]
        self.load(found)
        return found

    def allowance(self) -> int:
        """Lookups this call may make: the per-run budget, less what the last minute used (any process)."""
        if self.settings.offline:
            return 0
        recent = self.store.read(lambda s: recent_lookups(s, self.now - MINUTE))
        return min(self.settings.per_run, max(0, self.settings.per_minute - recent))

    def resolve(self, hosts: list[str]) -> None:
        if hosts:
            self._save(hosts, *_resolve(hosts, self.settings, self.now))

    def check(self, targets: list[str]) -> None:
        if targets:
            self._save(targets, *_check(targets, self.lists, self.settings, self.now))

    def _save(self, targets: list[str], rows: list[dict[str, Any]], sent: int, warnings: list[str]) -> None:
        self.store.write(lambda s: write_answers(s, rows))
        self.queries += sent
        self.warnings += warnings
        self.cache.update(self.store.read(lambda s: answers(s, targets)))


def _lookup(settings: Settings) -> Lookup:
    """The resolver to ask: ``settings.resolver``, else the system's (an InputError when there is none)."""
    servers = (parse_server(settings.resolver),) if settings.resolver else None
    return Lookup(servers, timeout=settings.timeout)


def _resolve(hosts: list[str], settings: Settings, now: datetime) -> tuple[list[dict[str, Any]], int, list[str]]:
    """A host name's public addresses (A and AAAA), as ``dns`` answers."""
    async def run(lookup: Lookup) -> list[dict[str, Any]]:
        found = await asyncio.gather(*(asyncio.gather(lookup.query(h, "A"), lookup.query(h, "AAAA"))
                                       for h in hosts))
        rows = []
        for host, (a, aaaa) in zip(hosts, found, strict=True):
            addresses = [ip for r in a.records + aaaa.records if (ip := public_ip(r))]
            failed = next((x.error for x in (a, aaaa) if not x.answered), "")
            if addresses:
                meaning = f"{host} has the address{'es' if len(addresses) > 1 else ''} {', '.join(addresses)}"
            else:
                meaning = f"{host}: lookup failed: {failed}" if failed else f"{host} has no public address"
            # "listed" of a host's row: None when the lookup failed (kept as briefly as an unknown answer)
            answered = bool(addresses) or not failed
            rows.append(_row(host, HOST_ADDRESSES, False if answered else None, addresses, meaning, "", now,
                             settings))
        return rows

    try:
        lookup = _lookup(settings)
    except InputError as exc:
        return [_row(h, HOST_ADDRESSES, None, (), f"{h}: lookup failed: {exc.problem}", "", now, settings)
                for h in hosts], 0, [str(exc)]
    return asyncio.run(run(lookup)), lookup.queries, []


def _check(targets: list[str], lists: tuple[DnsblList, ...], settings: Settings,
           now: datetime) -> tuple[list[dict[str, Any]], int, list[str]]:
    """Every target on every list that covers it; each answer (or failure) as a row to cache."""
    try:
        lookup = _lookup(settings)
    except InputError as exc:
        failed = f"lookup failed: {exc.problem}"
        return [_row(t, lst.name, None, (), failed, "Check the resolver; this is not a listing.", now, settings)
                for t in targets for lst in lists if lst.covers(parse_target(t).kind)], 0, [str(exc)]
    report = asyncio.run(dnsbl.check_async(targets, lists, lookup=lookup, dqs_key=settings.dqs_key))
    rows = [_row(r.target, r.list, r.listed, r.codes, r.meaning, r.advice, now, settings) for r in report.results]
    return rows, lookup.queries, list(report.warnings)
