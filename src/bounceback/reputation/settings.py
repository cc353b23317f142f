"""How sender evidence is checked against DNS blocklists: the ``[reputation]`` table of bounceback.toml.

    [reputation]
    offline = false        # true: never look anything up (also --offline, BOUNCEBACK_OFFLINE=1)
    resolver = ""          # HOST[:PORT]; "" = /etc/resolv.conf's resolvers
    dqs_key = ""           # Spamhaus DQS key (also $BOUNCEBACK_DQS_KEY)
    lists = []             # list names (default: the default lists of knowledge/dnsbl.toml)
    lists_file = ""        # more lists, as for `dnsbl --lists-file` (relative to the config file)
    timeout = 4.0          # seconds for one lookup, all tries together
    cache_hours = 24       # a trusted answer (listed / not listed) is reused this long
    unknown_minutes = 30   # an unknown answer (timeout, error answer) is retried after this long
    per_run = 50           # at most this many IPs and domains looked up per run ...
    per_minute = 100       # ... and per minute, counted in the database across processes
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import InputError
from . import DEFAULT_TIMEOUT
from .lists import DnsblList, load_lists_file, select

OFFLINE_ENV = "BOUNCEBACK_OFFLINE"
DQS_ENV = "BOUNCEBACK_DQS_KEY"


@dataclass(frozen=True, slots=True)
class Settings:
    offline: bool = False
    resolver: str = ""
    dqs_key: str = ""
    lists: tuple[str, ...] = ()
    lists_file: str = ""
    timeout: float = DEFAULT_TIMEOUT
    cache_hours: float = 24.0
    unknown_minutes: float = 30.0
    per_run: int = 50
    per_minute: int = 100

    def chosen_lists(self) -> tuple[DnsblList, ...]:
        extra = load_lists_file(self.lists_file) if self.lists_file else ()
        return select(self.lists, extra)

    def validate(self) -> Settings:
        """The settings, checked as a command checks its options (an InputError names the bad one)."""
        self.chosen_lists()
        if self.resolver:
            from .resolver import parse_server  # the DNS client loads only when needed

            parse_server(self.resolver)
        if self.dqs_key:
            from .dnsbl import dqs_key_text

            dqs_key_text(self.dqs_key)
        return self

    def with_options(self, *, offline: bool = False, resolver: str | None = None,
                     dqs_key: str | None = None) -> Settings:
        """Command-line options over the file's settings (an option that is not given changes nothing)."""
        return replace(self, offline=self.offline or offline, resolver=resolver or self.resolver,
                       dqs_key=dqs_key or self.dqs_key)


def _text(v: Any) -> bool:
    return isinstance(v, str)


def _number(low: float, high: float, whole: bool = False) -> tuple[Callable[[Any], bool], str]:
    kinds = int if whole else int | float
    return ((lambda v: isinstance(v, kinds) and not isinstance(v, bool) and low <= v <= high),
            f"a {'whole ' if whole else ''}number from {low:g} to {high:g}")


# setting -> (test, what it must be)
_RULES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "offline": (lambda v: isinstance(v, bool), "true or false"),
    "resolver": (_text, "HOST[:PORT]"),
    "dqs_key": (_text, "a string"),
    "lists": (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), "a list of list names"),
    "lists_file": (_text, "a file name"),
    "timeout": _number(0.05, 60),
    "cache_hours": _number(0, 24 * 365),
    "unknown_minutes": _number(0, 24 * 60),
    "per_run": _number(0, 100_000, whole=True),
    "per_minute": _number(0, 100_000, whole=True),
}


def load_settings(table: Mapping[str, Any] | None = None, where: str = "bounceback.toml") -> Settings:
    """Settings from a ``[reputation]`` table (``where`` names it in errors) and the environment."""
    table = dict(table or {})
    values: dict[str, Any] = {}
    for name, value in table.items():
        if name not in _RULES:
            raise InputError(where, f"reputation.{name}: unknown setting (known: {', '.join(_RULES)})")
        test, what = _RULES[name]
        if not test(value):
            raise InputError(where, f"reputation.{name} = {value!r}: must be {what}")
        values[name] = tuple(value) if isinstance(value, list) else value
    if values.get("lists_file") and not Path(values["lists_file"]).is_absolute():
        values["lists_file"] = str(Path(where).parent / values["lists_file"])
    settings = Settings(**values)
    if os.environ.get(OFFLINE_ENV, "").strip().lower() in ("1", "true", "yes"):
        settings = replace(settings, offline=True)
    if not settings.dqs_key and os.environ.get(DQS_ENV):
        settings = replace(settings, dqs_key=os.environ[DQS_ENV])
    return settings


def settings_of(config: Config) -> Settings:
    """The ``[reputation]`` settings of a loaded bounceback.toml (defaults when it has none)."""
    table = config.raw.get("reputation", {})
    where = config.path or "bounceback.toml"
    if not isinstance(table, dict):
        raise InputError(where, "[reputation] must be a table")
    return load_settings(table, where)
