"""The knowledge base: codes, reasons, phrase tables and provider rules, as data files.

Everything bounceback knows about SMTP lives in the TOML files next to this
module; this loader reads them once, on first use, and compiles the phrase
tables into RE2 sets. Nothing here decides anything: ``classify`` and
``explain`` do, from the same tables.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

from ..patterns import PhraseTable

FAULTS = ("recipient", "sender", "content", "remote", "network", "unknown", "none")


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath(name).read_text("utf-8"))


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
    folder = resources.files(__package__).joinpath("reasons")
    if not folder.is_dir():
        return out
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text("utf-8"))
            out.setdefault(data["reason"], []).extend(data.get("patterns", []))
    return out


@cache
def reason_table() -> PhraseTable:
    """All reason phrases in one RE2 set, ordered by the classify order (first = strongest)."""
    phrases = reason_phrases()
    order = classify_order() + sorted(set(phrases) - set(classify_order()))
    return PhraseTable((reason, p) for reason in order for p in phrases.get(reason, ()))


@dataclass(frozen=True, slots=True)
class ProviderRule:
    reason: str
    statuses: frozenset[str]
    note: str


@dataclass(frozen=True)
class Provider:
    name: str
    title: str
    hosts: tuple[str, ...]
    domains: tuple[str, ...]
    rules: tuple[ProviderRule, ...]
    patterns: tuple[tuple[str, str], ...]  # (rule index, pattern)

    @cached_property
    def table(self) -> PhraseTable:
        """Compiled on first use: most bounces never meet most providers."""
        return PhraseTable(self.patterns)

    def serves(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == h or host.endswith("." + h) for h in self.hosts + self.domains)

    def rule_for(self, text: str, status: str) -> ProviderRule | None:
        hit = self.table.first(text)
        by_status = next((r for r in self.rules if status and status in r.statuses), None)
        if hit is None:
            return by_status
        rule = self.rules[int(hit[0])]
        if by_status is not None and self.rules.index(by_status) < self.rules.index(rule):
            return by_status
        return rule


@cache
def providers() -> tuple[Provider, ...]:
    try:
        data = _load("providers.toml")
    except FileNotFoundError:
        return ()
    out = []
    for p in data.get("provider", []):
        rules = tuple(
            ProviderRule(r["reason"], frozenset(r.get("statuses", ())), r.get("note", "")) for r in p.get("rules", [])
        )
        pats = tuple((str(i), pat) for i, r in enumerate(p.get("rules", [])) for pat in r.get("patterns", []))
        out.append(Provider(p["name"], p.get("title", p["name"]), tuple(p.get("hosts", ())),
                            tuple(p.get("domains", ())), rules, pats))
    return tuple(out)


def provider_for(*hosts: str) -> Provider | None:
    """The first provider serving any of the given host names or domains."""
    for host in hosts:
        if not host:
            continue
        for p in providers():
            if p.serves(host):
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
