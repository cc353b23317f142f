"""DNS blocklist checks: is this IP address or domain listed, what it means, what to do.

    from bounceback.reputation import dnsbl
    report = dnsbl.check(["192.0.2.1", "example.com"], resolver="127.0.0.1:5353")
    for r in report.results: print(r.target, r.list, r.listed, r.meaning)

``listed`` is ``True``/``False`` only when the answer can be trusted. Error answers
(Spamhaus 127.255.255.x, DBL 127.0.1.255), answers outside 127.0.0.0/8, timeouts,
SERVFAIL/REFUSED, and resolvers that answer for names no list can contain (the
RFC 5782 test points) give ``None``: unknown, never a listing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from ..errors import InputError
from . import DEFAULT_TIMEOUT
from .lists import DnsblList, public_resolvers, select
from .resolver import Answer, Lookup, Server, parse_server
from .targets import Target, parse_target

NOT_LISTED = "not listed"


@dataclass(frozen=True, slots=True)
class Result:
    """One (target, list) pair."""

    target: str
    list: str
    listed: bool | None  # None: the answer was an error or never came
    codes: tuple[str, ...]  # the A records the list answered
    meaning: str
    advice: str

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["codes"] = list(self.codes)
        return d


@dataclass(frozen=True, slots=True)
class Report:
    results: tuple[Result, ...]
    errors: tuple[InputError, ...] = ()  # targets that could not be read, or not asked of any list
    warnings: tuple[str, ...] = ()

    @property
    def listed(self) -> bool:
        return any(r.listed for r in self.results)

    @property
    def unknown(self) -> bool:
        return any(r.listed is None for r in self.results)

    @property
    def exit_code(self) -> int:
        """0 nowhere listed; 1 listed somewhere; 2 a target was not an IP/domain; 3 some lookup unknown."""
        return 1 if self.listed else 2 if self.errors else 3 if self.unknown else 0


def check(targets: Iterable[str], *, lists: Iterable[str] = (), extra_lists: tuple[DnsblList, ...] = (),
          resolver: str | Server | None = None, dqs_key: str = "", timeout: float = DEFAULT_TIMEOUT) -> Report:
    """Check every target against every list that covers it (IP lists for addresses, domain lists for domains)."""
    chosen = select(tuple(lists), extra_lists)
    server = parse_server(resolver) if isinstance(resolver, str) else resolver
    return asyncio.run(check_async(targets, chosen, servers=(server,) if server else None, dqs_key=dqs_key,
                                   timeout=timeout))


async def check_async(targets: Iterable[str], lists: tuple[DnsblList, ...], *,
                      servers: tuple[Server, ...] | None = None, dqs_key: str = "",
                      timeout: float = DEFAULT_TIMEOUT, lookup: Lookup | None = None) -> Report:
    dqs_key = dqs_key_text(dqs_key)
    lookup = lookup or Lookup(servers, timeout=timeout)
    parsed: list[Target] = []
    errors: list[InputError] = []
    for text in targets:
        try:
            parsed.append(parse_target(text))
        except InputError as exc:
            errors.append(exc)
    pairs = [(t, lst) for t in dict.fromkeys(parsed) for lst in lists if lst.covers(t.kind)]
    for t in dict.fromkeys(parsed):
        if not any(lst.covers(t.kind) for lst in lists):
            what = {"ip4": "IPv4 addresses", "ip6": "IPv6 addresses", "domain": "domains"}[t.kind]
            errors.append(InputError(t.text, f"none of the selected lists covers {what}"))
    used = {lst.name: lst for _, lst in pairs}.values()
    probes = {lst.name: asyncio.gather(*(_probe(lookup, lst, p, dqs_key) for p in (lst.test_listed, lst.test_unlisted)))
              for lst in used}
    answers = await asyncio.gather(*(lookup.query(t.query(lst.zone_for(dqs_key)), "A") for t, lst in pairs))
    checked = {name: await task for name, task in probes.items()}
    results = tuple(decide(t.text, lst, a, *checked[lst.name]) for (t, lst), a in zip(pairs, answers, strict=True))
    return Report(results, tuple(errors), tuple(resolver_warnings(lookup, lists, results, dqs_key)))


def dqs_key_text(key: str) -> str:
    """The key as queried (lower case); an InputError when it cannot be one."""
    key = key.strip().lower()
    if key and not (key.isascii() and key.isalnum() and len(key) <= 63):
        raise InputError("--dqs-key", "a Spamhaus DQS key is letters and digits only")
    return key


async def _probe(lookup: Lookup, lst: DnsblList, point: str, dqs_key: str) -> Answer | None:
    if not point:
        return None
    label = parse_target(point).label if lst.kind == "ip" else point
    return await lookup.query(f"{label}.{lst.zone_for(dqs_key)}", "A")


def decide(target: str, lst: DnsblList, answer: Answer, listed_probe: Answer | None = None,
           unlisted_probe: Answer | None = None) -> Result:
    """The verdict for one target on one list, given the list's answers for its two test points."""

    def unknown(meaning: str, advice: str, codes: tuple[str, ...] = ()) -> Result:
        return Result(target, lst.name, None, codes, meaning, advice)

    if not answer.answered:
        return unknown(f"lookup failed: {answer.error}", "Check the resolver and try again; this is not a listing.")
    codes = answer.records
    bad = [c for c in codes if lst.is_error_answer(c)]
    if bad:
        return unknown(*_error_meaning(lst, bad[0]), codes)
    if codes:
        doubt = _doubt_unlisted(lst, unlisted_probe)
        if doubt:
            return unknown(*doubt, codes)
        found = [lst.code(c) for c in codes]
        meaning = " ".join(dict.fromkeys(c.meaning if c else f"listed on {lst.title} (code {a})"
                                          for c, a in zip(found, codes, strict=True)))
        advice = " ".join(dict.fromkeys((c.advice if c else lst.advice) for c in found if (c.advice if c else lst.advice)))
        return Result(target, lst.name, True, codes, meaning, advice)
    doubt = _doubt_listed(lst, listed_probe)
    if doubt:
        return unknown(*doubt)
    return Result(target, lst.name, False, (), NOT_LISTED, "")


def _error_meaning(lst: DnsblList, code: str) -> tuple[str, str]:
    c = lst.code(code)
    if c is not None:
        return c.meaning, c.advice
    if not code.startswith("127."):
        return (f"answer {code} is outside 127.0.0.0/8, so it is no blocklist answer: the resolver rewrites "
                "unknown names (NXDOMAIN) to its own address.",
                "Use a resolver that does not rewrite NXDOMAIN answers; this is not a listing.")
    return (f"{lst.title} error answer {code}: the list refused or could not answer the query.",
            "This is not a listing; check the list's usage terms and the resolver.")


def _doubt_unlisted(lst: DnsblList, probe: Answer | None) -> tuple[str, str] | None:
    """Why a listing cannot be trusted: the resolver also 'lists' the name that is never listed."""
    if probe is None or probe.status in ("nxdomain", "nodata"):
        return None
    if not probe.answered:
        return (f"cannot trust the answer: the check that {lst.test_unlisted} is not listed failed ({probe.error}).",
                "Try again; this is not a listing.")
    return (f"the resolver answers even for {lst.test_unlisted}, which {lst.title} never lists "
            f"(answered {', '.join(probe.records)}): it answers for everything, so its answers mean nothing.",
            "Use a resolver that passes DNS blocklist answers through unchanged; this is not a listing.")


def _doubt_listed(lst: DnsblList, probe: Answer | None) -> tuple[str, str] | None:
    """Why silence cannot be trusted: the list does not even list its own test entry."""
    if probe is None:
        return None
    if not probe.answered:
        return (f"cannot trust the answer: the check that the test entry {lst.test_listed} is listed failed "
                f"({probe.error}).", "Try again.")
    bad = [c for c in probe.records if lst.is_error_answer(c)]
    if bad:
        meaning, advice = _error_meaning(lst, bad[0])
        return f"the list's test entry {lst.test_listed} got an error answer: {meaning}", advice
    if not probe.records:
        return (f"{lst.title} does not list its own test entry {lst.test_listed}: the list is dead, or it "
                "refuses this resolver (some lists answer only registered resolvers).",
                "Check the list's usage terms or use another resolver; a 'not listed' here means nothing.")
    return None


def resolver_warnings(lookup: Lookup, lists: tuple[DnsblList, ...], results: tuple[Result, ...], dqs_key: str) -> list[str]:
    out = []
    public = [str(s) for s in lookup.servers if s.host in public_resolvers()]
    spamhaus = [lst for lst in lists if lst.dqs_zone]
    if public and spamhaus and not dqs_key:
        out.append(f"resolver {', '.join(public)} is a public resolver: Spamhaus refuses queries through it "
                   "(use your own resolver or --dqs-key)")
    elif any("127.255.255.254" in r.codes for r in results):
        out.append(f"Spamhaus says resolver {lookup.describe()} is public or open: its Spamhaus answers are refused "
                   "(use your own resolver or --dqs-key)")
    return out
