"""Where a sender-side bounce says the mail came from: the sending IP address, host and domains.

    from bounceback.reputation.evidence import clues
    for c in clues(bounce, Message(raw)):      # Clue: target, kind (ip | host | domain), found_in
        print(c.target, c.kind, c.found_in)

Pure: no DNS, no database. The sources and their order are described in
``knowledge/evidence.toml``; the reply-text patterns and the address ranges that
are never a sending server's public address are data there too.
"""

from __future__ import annotations

import ipaddress
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import getaddresses
from functools import cache
from importlib import resources
from typing import Any

from .. import knowledge, patterns
from ..decode.message import Message, Part, parse_headers
from ..decode.original import original_part, original_text_headers
from ..errors import InputError
from ..model import Bounce
from .targets import parse_target

# an IPv4 address, or something shaped like an IPv6 one (ipaddress decides)
IP = r"(?P<ip>\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})"
_ANY_IP = patterns.compile(IP)
_BY = patterns.compile(r"(?:^|\s)by\s+([^\s;()\[\]]+)")
MAX_RECEIVED = 30  # Received headers read, from the top
MAX_DOMAINS = 3

# the sending IP's sources, in tiers: the first tier that names a public address wins
IP_TIERS = (("reply", "feedback"), ("received",), ("received_top",), ("reporting_mta", "received_from_mta"))


@dataclass(frozen=True, slots=True)
class Clue:
    """One thing a bounce names about the sender, and where it was found."""

    target: str  # normalised: canonical IP, or lower-case ASCII host/domain name
    kind: str  # ip | host (a server name, resolved when checked) | domain
    found_in: str  # a key of [found_in] in evidence.toml


@cache
def _data() -> dict[str, Any]:
    return tomllib.loads(resources.files("bounceback.knowledge").joinpath("evidence.toml").read_text("utf-8"))


@cache
def _reply_patterns() -> tuple:
    return tuple(patterns.compile(p.replace("{ip}", IP)) for p in _data()["reply"]["ip"])


@cache
def _not_public() -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(n) for n in _data()["addresses"]["not_public"])


@cache
def _documentation() -> tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...], tuple[str, ...]]:
    doc = _data()["documentation"]
    return tuple(ipaddress.ip_network(n) for n in doc["networks"]), tuple(doc["domains"])


def for_documentation(target: str) -> bool:
    """An IP address or name reserved for examples (evidence.toml [documentation])."""
    networks, domains = _documentation()
    try:
        ip = ipaddress.ip_address(target)
    except ValueError:
        name = target.lower().rstrip(".")
        return any(name == d or name.endswith("." + d) for d in domains)
    return any(ip.version == n.version and ip in n for n in networks)


def found_in_words(key: str) -> str:
    return _data()["found_in"].get(key, key)


def found_in_order(keys: Iterable[str]) -> tuple[str, ...]:
    """Where-found keys in the order of evidence.toml's [found_in] (the best source first)."""
    order = list(_data()["found_in"])
    return tuple(sorted(set(keys), key=lambda k: (order.index(k) if k in order else len(order), k)))


def public_ip(text: str) -> str:
    """The canonical form of a public IP address (see evidence.toml), else ""."""
    try:
        target = parse_target(text)
    except InputError:
        return ""
    if target.kind == "domain":
        return ""
    ip = ipaddress.ip_address(target.text)
    return "" if any(ip.version == n.version and ip in n for n in _not_public()) else target.text


def reply_ips(text: str) -> list[str]:
    """Public IP addresses the reply text names as the sender's, in order of appearance."""
    lowered = patterns.normalize(text)
    found: dict[int, str] = {}
    for pattern in _reply_patterns():
        group = pattern.groupindex["ip"]
        for m in pattern.finditer(lowered):
            ip = public_ip(m.group(group))
            if ip and ip not in found.values():
                found.setdefault(m.start(group), ip)
    return [ip for _, ip in sorted(found.items())]


# --- Received headers -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Hop:
    """One Received header: the connecting client's public IP ("" if none) and the receiving host."""

    from_ip: str
    by_host: str


def hop(value: str) -> Hop:
    """Read ``from X (rdns [IP]) by HOST ...``: the client IP comes from the TCP-info comment,
    not from the client's own HELO name (which may be any literal it likes)."""
    text = value.lower().rsplit(";", 1)[0] if ";" in value else value.lower()
    by = _BY.search(text)
    by_host = by.group(1).rstrip(".") if by else ""
    head = text[: by.start()] if by else text
    if not head.lstrip().startswith("from"):
        return Hop("", by_host)
    comments, outside = _comments(head.lstrip()[4:])
    for words in (*comments, outside):
        if words and words[0] in ("helo", "ehlo"):
            continue  # qmail: "(HELO name)"
        for word in words:
            if word.startswith(("helo=", "ehlo=")):
                continue  # Exim: "([192.0.2.1] helo=[10.0.0.1])"
            for m in _ANY_IP.finditer(word):
                ip = public_ip(m.group(1))
                if ip:
                    return Hop(ip, by_host)
    return Hop("", by_host)


def _comments(text: str) -> tuple[list[list[str]], list[str]]:
    """The words of each top-level ``( ... )`` comment, and the words outside them."""
    comments: list[list[str]] = []
    outside: list[str] = []
    depth, current = 0, []
    for ch in text:
        if ch == "(":
            if depth == 0:
                current = []
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                comments.append("".join(current).split())
        elif depth:
            current.append(ch)
        else:
            outside.append(ch)
    return comments, "".join(outside).split()


# --- who is the receiver ----------------------------------------------------------------------

def _host(value: str) -> str:
    """A DSN MTA field as a bare name: ``dns; mx.example.net. (...)`` -> ``mx.example.net``."""
    v = value.split(";", 1)[1] if ";" in value else value
    words = v.strip().split()
    return words[0].strip("[]<>").rstrip(".").lower() if words else ""


def _is_name(text: str) -> bool:
    try:
        return parse_target(text).kind == "domain"
    except InputError:
        return False


@dataclass(frozen=True, slots=True)
class Receiver:
    """Recognises the receiving side's host names: the recipient's domain, the remote MTA's
    domain, and the hosts of the provider that serves them (knowledge/providers.toml)."""

    suffixes: tuple[str, ...]
    provider: knowledge.Provider | None

    @classmethod
    def of(cls, b: Bounce) -> Receiver:
        remote = _host(b.remote_mta)
        domain = b.recipient.rpartition("@")[2].lower()
        labels = remote.split(".")
        parent = ".".join(labels[1:]) if len(labels) > 2 else remote
        suffixes = tuple(s for s in (domain, parent) if _is_name(s))
        return cls(suffixes, knowledge.provider_for(remote, domain))

    def owns(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        if not host:
            return False
        if any(host == s or host.endswith("." + s) for s in self.suffixes):
            return True
        return self.provider is not None and self.provider.serves(host)


# --- the clues --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Parts:
    """The header blocks of a bounce that name the sender (empty when there is no message)."""

    report: dict[str, list[str]]  # message/delivery-status fields
    feedback: dict[str, list[str]]  # message/feedback-report fields
    original: dict[str, list[str]]  # the returned original's headers
    to: tuple[str, ...]  # the bounce's own To: (where bounces go: the envelope sender)

    @classmethod
    def of(cls, msg: Message | None) -> Parts:
        if msg is None:
            return cls({}, {}, {}, ())
        part: Part | None = original_part(msg)
        original = part.headers if part is not None and part.headers else original_text_headers(msg.body_text)
        return cls(_fields(msg, "message/delivery-status", "message/global-delivery-status"),
                   _fields(msg, "message/feedback-report"), original, tuple(msg.get_all("to")))


def _fields(msg: Message, *ctypes: str) -> dict[str, list[str]]:
    part = msg.first(*ctypes)
    return parse_headers(part.body_bytes) if part is not None else {}


def _first(headers: dict[str, list[str]], name: str) -> str:
    values = headers.get(name)
    return values[0] if values else ""


def _ips(b: Bounce, p: Parts, receiver: Receiver) -> list[Clue]:
    hops = [hop(v) for v in p.original.get("received", [])[:MAX_RECEIVED]]
    # the receiver's own hops are on top; the lowest of them is where the sending server connected
    theirs = [h for h in _leading(hops, receiver) if h.from_ip]
    reporting = _host(b.reporting_mta or _first(p.report, "reporting-mta"))
    # our own server wrote the bounce (refused while sending): it is the sending host;
    # the receiver wrote it (refused after accepting): it names the sending host as Received-From-MTA
    if reporting and not receiver.owns(reporting):
        host_source, host = "reporting_mta", reporting
    else:
        host_source, host = "received_from_mta", _host(_first(p.report, "received-from-mta"))
    found = {
        "reply": reply_ips(b.diagnostic),
        "feedback": [v.strip() for v in p.feedback.get("source-ip", [])],
        "received": [theirs[-1].from_ip] if theirs else [],
        "received_top": [hops[0].from_ip] if hops and hops[0].from_ip else [],
        host_source: [host] if host else [],
    }
    for tier in IP_TIERS:
        clues = [c for source in tier for value in found.get(source, ()) if (c := _ip_or_host(value, source))]
        if clues:
            return clues
    return []


def _leading(hops: list[Hop], receiver: Receiver) -> list[Hop]:
    out = []
    for h in hops:
        if not receiver.owns(h.by_host):
            break
        out.append(h)
    return out


def _ip_or_host(value: str, source: str) -> Clue | None:
    ip = public_ip(value)
    if ip:
        return Clue(ip, "ip", source)
    try:
        target = parse_target(value)
    except InputError:
        return None
    return Clue(target.text, "host", source) if target.kind == "domain" else None


def _address_domain(value: str) -> str:
    for _, address in getaddresses([value]):
        domain = address.rpartition("@")[2].strip().rstrip(".")
        if domain:
            return domain
    return ""


def _dkim_domains(values: list[str]) -> list[str]:
    out = []
    for v in values:
        for tag in v.split(";"):
            name, _, value = tag.partition("=")
            if name.strip().lower() == "d" and value.strip():
                out.append(value.strip())
    return out


def _domains(b: Bounce, p: Parts) -> list[Clue]:
    sender = _first(p.original, "from") or b.original.sender
    # a bounce goes to the envelope sender, so its To: is one when the original lacks Return-Path
    # (a feedback report goes to the feedback address instead, and says Original-Mail-From)
    envelope = (_first(p.original, "return-path") or _first(p.feedback, "original-mail-from")
                or ("" if p.feedback else next(iter(p.to), "")))
    found = (("from", [_address_domain(sender)]), ("envelope", [_address_domain(envelope)]),
             ("dkim", _dkim_domains(p.original.get("dkim-signature", []))))
    out: list[Clue] = []
    for source, values in found:
        for value in values:
            try:
                target = parse_target(value) if value else None
            except InputError:
                continue
            if target is not None and target.kind == "domain":
                out.append(Clue(target.text, "domain", source))
    names = list(dict.fromkeys(c.target for c in out))[:MAX_DOMAINS]
    return [c for c in out if c.target in names]


def clues(b: Bounce, msg: Message | None = None) -> tuple[Clue, ...]:
    """The sending IP (or host) and domains a bounce names; ``msg`` is the whole bounce message,
    when there is one (a log line has only its reply text)."""
    p = Parts.of(msg)
    return tuple(dict.fromkeys(_ips(b, p, Receiver.of(b)) + _domains(b, p)))
