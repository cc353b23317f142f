"""The user's ``bounceback.toml``: policy overrides and the database to use.

Found, first match wins: the ``--config`` option, the ``BOUNCEBACK_CONFIG``
environment variable, ``bounceback.toml`` in the current directory. Every
setting has a default, so the file is optional.

    [store]
    db = "postgresql+psycopg://bounce@db.internal/bounceback"

    [policy.soft]
    strikes = 5
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .policy import ConfigError, Policy, load_policy

CONFIG_ENV = "BOUNCEBACK_CONFIG"
CONFIG_NAME = "bounceback.toml"


@dataclass(frozen=True, slots=True)
class Config:
    path: str  # "" when no file was found
    policy: Policy
    db: str = ""  # [store] db, "" when unset
    raw: dict[str, Any] = field(default_factory=dict)


def config_path(explicit: str | None = None) -> Path | None:
    if explicit:
        return Path(explicit)
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    local = Path(CONFIG_NAME)
    return local if local.is_file() else None


def load_config(explicit: str | None = None) -> Config:
    """The configuration; a named file that cannot be read is an ``InputError``."""
    path = config_path(explicit)
    if path is None:
        return Config("", load_policy())
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not valid TOML ({exc})") from None
    policy_table = raw.get("policy", {})
    if not isinstance(policy_table, dict):
        raise InputError(str(path), "[policy] must be a table")
    try:
        policy = load_policy(policy_table)
    except ConfigError as exc:
        raise InputError(str(path), str(exc)) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(str(path), f"bad policy setting ({type(exc).__name__}: {exc})") from None
    store = raw.get("store", {})
    db = store.get("db", "") if isinstance(store, dict) else ""
    return Config(str(path), policy, str(db), raw)
