"""A small asynchronous DNS client for the reputation checks: one resolver, cached answers.

It asks the given recursive resolver (``--resolver HOST[:PORT]``) or the machine's
own (``/etc/resolv.conf``), never anything else. Every lookup ends in an
``Answer``: records, NXDOMAIN, no data, or an error (timeout, SERVFAIL, REFUSED ...)
in words; no exception escapes for what the network does. Identical lookups in
one run are asked once (the cache holds the in-flight task).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from typing import Literal

import dns.asyncquery
import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import dns.resolver

from ..errors import InputError
from . import DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT


@dataclass(frozen=True, slots=True)
class Server:
    """A recursive resolver to ask: an IP address and a port."""

    host: str
    port: int = 53

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


@dataclass(frozen=True, slots=True)
class Answer:
    """What the resolver said. ``records`` are presentation text (A: address, MX: "pref host")."""

    status: Literal["ok", "nxdomain", "nodata", "error"]
    records: tuple[str, ...] = ()
    error: str = ""

    @property
    def answered(self) -> bool:
        return self.status != "error"


def parse_server(text: str) -> Server:
    """``HOST``, ``HOST:PORT``, ``[V6]:PORT`` or a bare IPv6 address; a host name is looked up once."""
    raw = text.strip()
    host, port = raw, "53"
    if raw.startswith("["):
        host, sep, rest = raw[1:].partition("]")
        if not sep or (rest and not rest.startswith(":")):
            raise InputError(text, "not a resolver address (expected HOST, HOST:PORT or [IPv6]:PORT)")
        port = rest[1:] or "53"
    elif raw.count(":") == 1:
        host, port = raw.split(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise InputError(text, f"bad resolver port {port!r}")
    if not host:
        raise InputError(text, "not a resolver address (empty host)")
    try:
        ip = str(ipaddress.ip_address(host))
    except ValueError:
        try:
            ip = socket.getaddrinfo(host, None, type=socket.SOCK_DGRAM)[0][4][0]
        except (OSError, UnicodeError) as exc:
            raise InputError(text, f"cannot find the resolver's address ({exc})") from None
    return Server(ip, int(port))


def system_servers() -> tuple[Server, ...]:
    """The machine's own resolvers, from /etc/resolv.conf."""
    try:
        conf = dns.resolver.Resolver(configure=True)
    except dns.exception.DNSException as exc:
        raise InputError("/etc/resolv.conf", f"no usable resolver configured ({exc}); use --resolver") from None
    servers = tuple(Server(str(ns)) for ns in conf.nameservers if _is_ip(str(ns)))
    if not servers:
        raise InputError("/etc/resolv.conf", "no usable resolver configured; use --resolver")
    return servers


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class Lookup:
    """Cached, concurrency-limited DNS lookups against one set of resolvers."""

    def __init__(self, servers: tuple[Server, ...] | None = None, *, timeout: float = DEFAULT_TIMEOUT,
                 concurrency: int = DEFAULT_CONCURRENCY, tries: int = 2) -> None:
        self.servers = servers or system_servers()
        self.timeout = timeout
        self.tries = max(1, tries)
        self.queries = 0  # sent to the network (cache hits not counted)
        self._limit = asyncio.Semaphore(max(1, concurrency))
        self._cache: dict[tuple[str, str], asyncio.Task[Answer]] = {}

    async def query(self, name: str, rdtype: str) -> Answer:
        """The answer for an absolute or relative name (always queried as absolute)."""
        key = (name.lower().rstrip("."), rdtype)
        task = self._cache.get(key)
        if task is None:
            task = asyncio.ensure_future(self._query(key[0], rdtype))
            self._cache[key] = task
        return await task

    async def _query(self, name: str, rdtype: str) -> Answer:
        try:
            qname = dns.name.from_text(name, origin=dns.name.root)
        except dns.exception.DNSException as exc:
            return Answer("error", error=f"bad query name {name!r} ({exc})")
        per_try = self.timeout / (self.tries * len(self.servers))
        last = Answer("error", error="no resolver")
        async with self._limit:
            for _ in range(self.tries):
                for server in self.servers:
                    last = await self._ask(server, qname, rdtype, per_try)
                    if last.answered:
                        return last
        if last.error.startswith("no answer within"):
            return Answer("error", error=f"no answer within {self.timeout:g}s from {self.describe()}")
        return last

    async def _ask(self, server: Server, qname: dns.name.Name, rdtype: str, timeout: float) -> Answer:
        request = dns.message.make_query(qname, rdtype)  # recursion desired: we talk to a resolver
        self.queries += 1
        try:
            response, _ = await dns.asyncquery.udp_with_fallback(request, server.host, timeout=timeout,
                                                                 port=server.port)
        except dns.exception.Timeout:
            return Answer("error", error=f"no answer within {timeout:g}s from {server}")
        except (OSError, dns.exception.DNSException, ValueError, EOFError) as exc:
            return Answer("error", error=f"{server} failed: {type(exc).__name__}: {exc}")
        rcode = response.rcode()
        if rcode == dns.rcode.NXDOMAIN:
            return Answer("nxdomain")
        if rcode != dns.rcode.NOERROR:
            return Answer("error", error=f"{server} answered {dns.rcode.to_text(rcode)}")
        wanted = dns.rdatatype.from_text(rdtype)
        records = tuple(rd.to_text() for rrset in response.answer if rrset.rdtype == wanted for rd in rrset)
        return Answer("ok", records) if records else Answer("nodata")

    def describe(self) -> str:
        return ", ".join(str(s) for s in self.servers)
