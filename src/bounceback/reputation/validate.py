"""Address pre-checks before an address goes on a list: syntax, a domain that takes mail, role accounts.

    from bounceback.reputation import validate
    for c in validate.check_addresses(["jane@example.com", "info@nullmx.example"], resolver="127.0.0.1"):
        print(c.address, c.result, c.reason, c.role)

``result`` is ``ok``, ``invalid`` (not an address), ``undeliverable`` (the domain
does not exist, publishes a null MX (RFC 7505) or has neither MX nor A/AAAA) or
``unknown`` (DNS did not answer). Syntax is checked by email-validator without
its own DNS; the domains are looked up once each, concurrently.
"""

from __future__ import annotations

import asyncio
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

from email_validator import EmailNotValidError, validate_email

from .. import knowledge
from . import DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT
from .resolver import Lookup, Server, parse_server

RESULTS = ("ok", "invalid", "undeliverable", "unknown")
Progress = Callable[[int, int], None]  # (domains done, domains in all)


@dataclass(frozen=True, slots=True)
class MailDomain:
    """Whether a domain accepts mail, from its MX records or else its A/AAAA records (RFC 5321 5.1)."""

    domain: str
    accepts: bool | None  # None: DNS did not answer
    reason: str  # mx | a | null_mx | no_domain | no_mail_host | dns_error
    hosts: tuple[str, ...]  # MX hosts by preference, or the addresses for the A/AAAA fallback
    detail: str


@dataclass(frozen=True, slots=True)
class AddressCheck:
    address: str  # as given
    result: str  # ok | invalid | undeliverable | unknown
    reason: str  # "" for ok; empty | syntax | no_domain | null_mx | no_mail_host | dns_error
    role: bool  # a role account (postmaster@, noreply@ ...), see knowledge/roles.toml
    normalized: str  # the address as email-validator normalises it ("" when invalid)
    detail: str  # one sentence for people

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


async def mail_domain(lookup: Lookup, domain: str) -> MailDomain:
    mx = await lookup.query(domain, "MX")
    if mx.status == "error":
        return MailDomain(domain, None, "dns_error", (), f"MX lookup for {domain} failed: {mx.error}")
    if mx.status == "nxdomain":
        return MailDomain(domain, False, "no_domain", (), f"the domain {domain} does not exist")
    if mx.records:
        ranked = sorted((int(pref), host) for pref, host in (r.split(None, 1) for r in mx.records))
        hosts = tuple(h.rstrip(".") for _, h in ranked if h != ".")
        if not hosts:
            return MailDomain(domain, False, "null_mx", (),
                              f"{domain} publishes a null MX (RFC 7505): it never accepts mail")
        return MailDomain(domain, True, "mx", hosts, f"mail for {domain} goes to {hosts[0]}")
    a, aaaa = await asyncio.gather(lookup.query(domain, "A"), lookup.query(domain, "AAAA"))
    addresses = a.records + aaaa.records
    if addresses:
        return MailDomain(domain, True, "a", addresses, f"{domain} has no MX; mail goes to its address {addresses[0]}")
    failed = next((x for x in (a, aaaa) if x.status == "error"), None)
    if failed is not None:
        return MailDomain(domain, None, "dns_error", (), f"address lookup for {domain} failed: {failed.error}")
    return MailDomain(domain, False, "no_mail_host", (), f"{domain} has neither MX nor A/AAAA records")


@cache
def _roles() -> tuple[frozenset[str], tuple[str, ...]]:
    data = tomllib.loads(resources.files("bounceback.knowledge").joinpath("roles.toml").read_text("utf-8"))
    return frozenset(data["names"]), tuple(data["prefixes"])


def is_role(local_part: str) -> bool:
    """postmaster, abuse, noreply ... (knowledge/roles.toml), ignoring case and a +tag."""
    names, prefixes = _roles()
    local = local_part.lower().split("+", 1)[0]
    if local in names:
        return True
    return any(local.startswith(p) and (len(local) == len(p) or not local[len(p)].isalpha()) for p in prefixes)


@dataclass(frozen=True, slots=True)
class Syntax:
    normalized: str
    domain: str  # ASCII (IDNA) form, for DNS
    role: bool
    error: str = ""


def syntax(address: str) -> Syntax:
    """Syntax only, no DNS (email-validator with deliverability checks off)."""
    text = address.strip()
    if not text:
        return Syntax("", "", False, "empty")
    try:
        v = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        return _dotted(text) or Syntax("", "", False, str(exc))
    return Syntax(v.normalized, v.ascii_domain.lower(), is_role(v.local_part))


def _dotted(text: str) -> Syntax | None:
    """A local part with ".." or a trailing "." at a provider that delivers to them
    (docomo, au, SoftBank: knowledge/providers.toml): valid once quoted (RFC 5321 §4.1.2)."""
    local, _, domain = text.rpartition("@")
    provider = knowledge.provider_for(domain) if ".." in local or local[-1:] == "." else None
    if provider is None or not provider.dotted_local_parts or '"' in local:
        return None
    try:
        v = validate_email(f'"{local}"@{domain}', check_deliverability=False, allow_quoted_local=True)
    except EmailNotValidError:
        return None
    return Syntax(f"{local}@{v.domain}", v.ascii_domain.lower(), is_role(local))


def verdict(address: str, s: Syntax, domain: MailDomain | None) -> AddressCheck:
    if s.error:
        reason = "empty" if s.error == "empty" else "syntax"
        detail = "no address" if reason == "empty" else f"not a valid address: {s.error}"
        return AddressCheck(address, "invalid", reason, False, "", detail)
    assert domain is not None
    result = "ok" if domain.accepts else "unknown" if domain.accepts is None else "undeliverable"
    reason = "" if result == "ok" else domain.reason
    return AddressCheck(address, result, reason, s.role, s.normalized, domain.detail)


async def check_addresses_async(addresses: list[str], lookup: Lookup, progress: Progress | None = None
                                ) -> list[AddressCheck]:
    checked = [syntax(a) for a in addresses]
    domains = sorted({s.domain for s in checked if not s.error})
    found: dict[str, MailDomain] = {}
    done = 0
    if progress:
        progress(0, len(domains))

    async def one(d: str) -> None:
        nonlocal done
        found[d] = await mail_domain(lookup, d)
        done += 1
        if progress:
            progress(done, len(domains))

    await asyncio.gather(*(one(d) for d in domains))
    return [verdict(a, s, found.get(s.domain)) for a, s in zip(addresses, checked, strict=True)]


def check_addresses(addresses: Iterable[str], *, resolver: str | Server | None = None,
                    timeout: float = DEFAULT_TIMEOUT, concurrency: int = DEFAULT_CONCURRENCY,
                    progress: Progress | None = None) -> list[AddressCheck]:
    """One ``AddressCheck`` per address, in order. ``resolver``: HOST[:PORT], else the system's."""
    server = parse_server(resolver) if isinstance(resolver, str) else resolver

    async def run() -> list[AddressCheck]:
        lookup = Lookup((server,) if server else None, timeout=timeout, concurrency=concurrency)
        return await check_addresses_async(list(addresses), lookup, progress)

    return asyncio.run(run())
