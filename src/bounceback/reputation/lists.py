"""DNS blocklists as data: knowledge/dnsbl.toml plus any --lists-file.

A ``DnsblList`` knows its zone, what it can be asked about (IP addresses, IPv6
too, or domains), how to decode its answers and its RFC 5782 test points.
"""

from __future__ import annotations

import ipaddress
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError


@dataclass(frozen=True, slots=True)
class Code:
    """One documented answer of a list: a listing (with its meaning) or an error answer."""

    code: str
    meaning: str
    advice: str
    error: bool = False


@dataclass(frozen=True, slots=True)
class DnsblList:
    name: str
    title: str
    zone: str
    kind: str  # "ip" | "domain"
    ipv6: bool = False
    default: bool = False
    dqs_zone: str = ""
    codes: tuple[Code, ...] = ()
    error_ranges: tuple[str, ...] = ()
    test_listed: str = ""
    test_unlisted: str = ""
    advice: str = ""
    removal: str = ""

    def code(self, answer: str) -> Code | None:
        return next((c for c in self.codes if c.code == answer), None)

    def is_error_answer(self, answer: str) -> bool:
        """Answers that are never listings: documented errors, error ranges, anything outside 127/8."""
        c = self.code(answer)
        if c is not None:
            return c.error
        try:
            ip = ipaddress.ip_address(answer)
        except ValueError:
            return True
        if ip.version != 4 or ip not in ipaddress.ip_network("127.0.0.0/8"):
            return True
        return any(ip in ipaddress.ip_network(r) for r in self.error_ranges)

    def zone_for(self, dqs_key: str = "") -> str:
        return f"{dqs_key}.{self.dqs_zone}" if dqs_key and self.dqs_zone else self.zone

    def covers(self, kind: str) -> bool:
        """Whether a target of this kind ("ip4", "ip6", "domain") can be asked of this list."""
        if kind == "domain":
            return self.kind == "domain"
        return self.kind == "ip" and (kind == "ip4" or self.ipv6)


@cache
def _builtin() -> dict[str, Any]:
    return tomllib.loads(resources.files("bounceback.knowledge").joinpath("dnsbl.toml").read_text("utf-8"))


def builtin_lists() -> tuple[DnsblList, ...]:
    data = _builtin()
    return tuple(_make(entry, data.get("errors", {}), "dnsbl.toml") for entry in data["list"])


def public_resolvers() -> frozenset[str]:
    return frozenset(str(ipaddress.ip_address(a)) for a in _builtin()["resolvers"]["public"])


def load_lists_file(path: str) -> tuple[DnsblList, ...]:
    """Lists from a TOML file (the dnsbl.toml format) or a text file: one ``ZONE [ip|ip6|domain]`` a line."""
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeError) as exc:
        raise InputError(path, f"cannot read the lists file ({exc.__class__.__name__}: {exc})") from None
    if path.endswith(".toml"):
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(path, f"not valid TOML ({exc})") from None
        errors = {**_builtin().get("errors", {}), **data.get("errors", {})}
        return tuple(_make(entry, errors, path) for entry in data.get("list", []))
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        kind = words[1] if len(words) > 1 else "ip"
        if len(words) > 2 or kind not in ("ip", "ip6", "domain"):
            raise InputError(f"{path}:{n}", "expected 'ZONE [ip|ip6|domain]'")
        entry = {"name": words[0], "zone": words[0], "kind": "domain" if kind == "domain" else "ip",
                 "ipv6": kind == "ip6"}
        out.append(_make(entry, {}, f"{path}:{n}"))
    return tuple(out)


def _make(entry: dict[str, Any], errors: dict[str, list[dict[str, Any]]], where: str) -> DnsblList:
    try:
        name, zone = str(entry["name"]), str(entry["zone"]).strip(".").lower()
    except KeyError as exc:
        raise InputError(where, f"a list needs {exc.args[0]!r}") from None
    kind = entry.get("kind", "ip")
    if kind not in ("ip", "domain") or not zone or " " in zone:
        raise InputError(where, f"list {name!r}: kind must be 'ip' or 'domain' and zone a DNS name")
    own = [(c, bool(c.get("error", False))) for c in entry.get("code", [])]
    shared = [(c, True) for c in errors.get(entry.get("errors", ""), [])]
    codes = [Code(str(value), c.get("meaning", ""), c.get("advice", ""), is_error)
             for c, is_error in own + shared for value in c.get("codes", [c.get("code")]) if value is not None]
    test_listed, test_unlisted = ("127.0.0.2", "127.0.0.1") if kind == "ip" else ("test", "invalid")
    return DnsblList(
        name=name, title=entry.get("title", name), zone=zone, kind=kind, ipv6=bool(entry.get("ipv6", False)),
        default=bool(entry.get("default", False)), dqs_zone=entry.get("dqs_zone", ""), codes=tuple(codes),
        error_ranges=tuple(entry.get("error_ranges", ())),
        test_listed=entry.get("test_listed", test_listed), test_unlisted=entry.get("test_unlisted", test_unlisted),
        advice=entry.get("advice", ""), removal=entry.get("removal", ""),
    )


def select(names: tuple[str, ...], extra: tuple[DnsblList, ...] = ()) -> tuple[DnsblList, ...]:
    """The lists to query: the named ones (built-in or from a lists file), else the defaults plus ``extra``."""
    known = {lst.name: lst for lst in (*builtin_lists(), *extra)}
    if not names:
        chosen = [lst for lst in builtin_lists() if lst.default] + list(extra)
        return tuple({lst.name: lst for lst in chosen}.values())
    missing = [n for n in names if n not in known]
    if missing:
        raise InputError(", ".join(missing), f"unknown list (known: {', '.join(known)})")
    return tuple(known[n] for n in dict.fromkeys(names))
