"""The knowledge base: codes, reasons, phrase tables and provider rules, as data files.

Everything bounceback knows about SMTP lives in the TOML files next to this
module; this loader reads them once, on first use, and compiles the phrase
tables into RE2 sets. Nothing here decides anything: ``classify`` and
``explain`` do, from the same tables.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from ..patterns import PhraseTable, lower_pattern, reads_ascii, remember_reads_ascii

FAULTS = ("recipient", "sender", "content", "remote", "network", "unknown", "none")


_HERE = os.path.dirname(os.path.realpath(__file__))


def _sources() -> list[str]:
    """The knowledge files, as names relative to this folder ("reasons/x.toml")."""
    names = [n for n in os.listdir(_HERE) if n.endswith(".toml")]
    names += [f"reasons/{n}" for n in os.listdir(os.path.join(_HERE, "reasons")) if n.endswith(".toml")]
    return sorted(names)


def _cache_dir() -> str:
    return os.environ.get("BOUNCEBACK_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "bounceback")


@cache
def _all() -> dict[str, Any]:
    """Every knowledge file, parsed. TOML parsing costs ~50 ms per process, so the parsed
    form is kept as JSON in the user cache, keyed by the files' names, sizes and mtimes,
    together with which non-ASCII phrases can match ASCII text (``patterns.reads_ascii``,
    ~10 ms to work out)."""
    names = _sources()
    stats = [os.stat(os.path.join(_HERE, n)) for n in names]
    listing = repr(["v2"] + [(n, st.st_size, st.st_mtime_ns) for n, st in zip(names, stats, strict=True)])
    stamp = f"{zlib.crc32(listing.encode()):08x}"
    cached = os.path.join(_cache_dir(), f"knowledge-{stamp}.json")
    try:
        with open(cached, encoding="utf-8") as fh:
            kept = json.load(fh)
        remember_reads_ascii(kept["reads_ascii"])
        return kept["files"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    import tomllib  # only when the cache is cold

    data = {}
    for n in names:
        with open(os.path.join(_HERE, n), "rb") as fh:
            data[n] = tomllib.load(fh)
    answers = {low: reads_ascii(low) for low in map(lower_pattern, _patterns_in(data)) if not low.isascii()}
    try:
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        tmp = f"{cached}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({"files": data, "reads_ascii": answers}, fh)
        os.replace(tmp, cached)
    except OSError:
        pass  # a read-only home: parse each time
    return data


def _patterns_in(value: Any):
    """The strings in lists (phrase patterns, and some host names that do no harm) in the parsed files."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                yield item
            else:
                yield from _patterns_in(item)


def _load(name: str) -> dict[str, Any]:
    try:
        return _all()[name]
    except KeyError:
        raise FileNotFoundError(name) from None


@cache
def reply_codes() -> dict[str, dict[str, Any]]:
    return _load("reply_codes.toml")


@cache
def status_codes() -> dict[str, dict[str, Any]]:
    return _load("status_codes.toml")


@cache
def _reasons_file() -> dict[str, Any]:
    return _load("reasons.toml")


def reasons() -> dict[str, dict[str, Any]]:
    return _reasons_file()["reason"]


def classify_order() -> list[str]:
    return _reasons_file()["classify"]["order"]


def classify_rules() -> dict[str, Any]:
    return _reasons_file()["classify"]


def reply_entry(code: str) -> dict[str, Any] | None:
    return reply_codes().get(code) if code else None


def status_entry(status: str) -> dict[str, Any] | None:
    """The registry entry for an enhanced code: exact class, then X.y.z, then the class alone."""
    if not status or len(status) < 5:
        return None
    table = status_codes()
    generic = table.get("X" + status[1:])
    exact = table.get(status)
    if exact is not None and generic is not None:
        return {**generic, **exact}  # a class-specific reading refines the registry entry
    return exact or generic or table.get(status[0] + ".X.X")


@cache
def reason_phrases() -> dict[str, list[str]]:
    """{reason: [patterns]} from knowledge/reasons/*.toml."""
    out: dict[str, list[str]] = {}
    for name, data in sorted(_all().items()):
        if name.startswith("reasons/"):
            out.setdefault(data["reason"], []).extend(data.get("patterns", []))
    return out


_reason_tables: dict[str, PhraseTable] = {}


def reason_table(reason: str) -> PhraseTable:
    """The phrases of one reason as an RE2 set, compiled on first use.

    One set per reason, matched only when the classifier asks about that reason:
    RE2 builds its DFA lazily, and a DFA over all ~1,500 phrases costs far more to
    build per process than the few small ones a typical bounce needs.
    """
    table = _reason_tables.get(reason)
    if table is None:
        table = _reason_tables[reason] = PhraseTable((reason, p) for p in reason_phrases().get(reason, ()))
    return table


def warm() -> None:
    """Compile every phrase table now (before forking workers, so they share them)."""
    for reason in reason_phrases():
        reason_table(reason)
    for name in _load("formats.toml"):
        format_reason(name, "")
    specific_advice("")


def sisimai_name(decoded_by: str) -> str:
    """Sisimai's module name for a decoder (sisimai.toml), else the decoder's own."""
    return _load("sisimai.toml")["decodedby"].get(decoded_by, decoded_by)


_format_tables: dict[str, PhraseTable] = {}


def format_reason(name: str, text: str) -> str:
    """The reason a format's own message in ``text`` states (formats.toml), or ''.

    One table per format, compiled when a bounce of that format first comes by.
    """
    table = _format_tables.get(name)
    if table is None:
        entry = _load("formats.toml").get(name, {}) if name else {}
        table = _format_tables[name] = PhraseTable(
            (reason, p) for reason, pats in entry.items() for p in pats)
    hit = table.first(text) if len(table) else None
    return hit[0] if hit else ""


@dataclass(frozen=True, slots=True)
class ProviderRule:
    reason: str
    statuses: frozenset[str]
    note: str
    commands: frozenset[str] = frozenset()  # only after these SMTP commands (empty: any)

    def after(self, command: str) -> bool:
        return not self.commands or command in self.commands


@dataclass(frozen=True)
class Provider:
    name: str
    title: str
    hosts: tuple[str, ...]
    domains: tuple[str, ...]
    rules: tuple[ProviderRule, ...]
    patterns: tuple[tuple[str, str], ...]  # (rule index, pattern)
    dotted_local_parts: bool = False  # delivers to local parts with ".." or a trailing "." (RFC 5321 quoted)

    @cached_property
    def table(self) -> PhraseTable:
        """Compiled on first use: most bounces never meet most providers."""
        return PhraseTable(self.patterns)

    def serves(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == h or host.endswith("." + h) for h in self.hosts + self.domains)

    def rule_for(self, text: str, status: str, command: str = "") -> ProviderRule | None:
        """The first rule in file order whose pattern or status matches (and whose command does)."""
        hits = {int(label) for label in self.table.labels(text)} if len(self.table) else set()
        for i, rule in enumerate(self.rules):
            if (i in hits or (status and status in rule.statuses)) and rule.after(command):
                return rule
        return None


@cache
def providers() -> tuple[Provider, ...]:
    try:
        data = _load("providers.toml")
    except FileNotFoundError:
        return ()
    out = []
    for p in data.get("provider", []):
        rules = tuple(
            ProviderRule(r["reason"], frozenset(r.get("statuses", ())), r.get("note", ""),
                         frozenset(r.get("commands", ()))) for r in p.get("rules", [])
        )
        pats = tuple((str(i), pat) for i, r in enumerate(p.get("rules", [])) for pat in r.get("patterns", []))
        out.append(Provider(p["name"], p.get("title", p["name"]), tuple(p.get("hosts", ())),
                            tuple(p.get("domains", ())), rules, pats, p.get("dotted_local_parts", False)))
    return tuple(out)


@cache
def _provider_index() -> dict[str, Provider]:
    """host suffix or domain -> provider (first in file order wins)."""
    index: dict[str, Provider] = {}
    for p in providers():
        for name in p.hosts + p.domains:
            index.setdefault(name.lower().rstrip("."), p)
    return index


def provider_for(*hosts: str) -> Provider | None:
    """The first provider serving any of the given host names or domains (by suffix)."""
    index = _provider_index()
    for host in hosts:
        labels = host.lower().rstrip(".").split(".") if host else []
        for i in range(len(labels) - 1):
            p = index.get(".".join(labels[i:]))
            if p is not None:
                return p
    return None


@dataclass(frozen=True, slots=True)
class AdviceRule:
    advice: str
    fault: str
    reason: str


@cache
def _advice() -> tuple[tuple[AdviceRule, ...], PhraseTable]:
    data = _load("advice.toml")
    rules = tuple(AdviceRule(a["advice"], a.get("fault", ""), a.get("reason", "")) for a in data["advice"])
    table = PhraseTable((str(i), p) for i, a in enumerate(data["advice"]) for p in a["patterns"])
    return rules, table


def specific_advice(text: str) -> AdviceRule | None:
    """Advice for a situation the text names precisely (POP-before-SMTP, PBL, ...)."""
    rules, table = _advice()
    hit = table.first(text)
    return rules[int(hit[0])] if hit else None
