"""Small helpers shared by the command modules."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click


def warn(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    click.echo(f"bounceback: {message}", err=True)


def print_json(data: Any, file: Any = None) -> None:
    (file or sys.stdout).write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(f)


def verp_options(f):
    """``--verp BOUNCE_ADDRESS`` and ``--verp-separator C``; ``verp_pattern()`` turns them into a pattern."""
    f = click.option("--verp-separator", "verp_separator", default="+", show_default=True,
                     help="Separator between the bounce address's local part and the encoded recipient.")(f)
    f = click.option("--verp", "verp", metavar="BOUNCE_ADDRESS",
                     help="VERP bounce address (e.g. bounces@example.com): an unclear report takes its "
                          "recipient from the bounce's envelope address. Default: $BOUNCEBACK_VERP, "
                          "else [verp] bounce_address in bounceback.toml.")(f)
    return f


def log_options(f):
    """``--log KIND``, ``--follow``, ``--state FILE`` and ``--own-sender``, for parse and ingest alike."""
    f = click.option("--own-sender", "own_senders", multiple=True, metavar="ADDRESS|@DOMAIN",
                     help="With --log: your envelope senders; this server's own SMTP-time refusals of their mail "
                          "count as failures (they are ignored otherwise: see README).")(f)
    f = click.option("--state", "state_file", type=click.Path(dir_okay=False),
                     help="With --log: remember positions in this file and resume from them (default with "
                          "--follow: one file per log under $XDG_STATE_HOME/bounceback).")(f)
    f = click.option("--follow", is_flag=True, help="With --log: keep reading one log as the MTA writes it.")(f)
    f = click.option("--log", "log_kind", type=click.Choice(("postfix", "exim", "sendmail")),
                     help="PATHS are MTA logs of this kind (rotated and .gz/.bz2/.xz files are read too).")(f)
    return f


def verp_pattern(address: str | None, separator: str, config_path: str | None = None):
    """The pattern from --verp/--verp-separator, else $BOUNCEBACK_VERP, else [verp] in bounceback.toml, else None."""
    from ..verp import VerpPattern, from_config, from_env

    if address:
        return VerpPattern(address, separator or "+")
    pattern = from_env()
    if pattern is None and (config_path or os.environ.get("BOUNCEBACK_CONFIG") or os.path.isfile("bounceback.toml")):
        from ..config import load_config  # imports the policy: only when there is a file to read

        cfg = load_config(config_path)
        pattern = from_config(cfg.raw, cfg.path)
    return pattern


def store_options(f):
    """``--db`` and ``--config``, shared by every command that uses the store."""
    f = click.option("--config", "config_path", metavar="FILE", default=None,
                     help="bounceback.toml with policy overrides (default: $BOUNCEBACK_CONFIG, ./bounceback.toml).")(f)
    return click.option("--db", metavar="PATH|URL", default=None,
                        help="SQLite file or database URL (default: $BOUNCEBACK_DB, [store] db, "
                             "else bounceback.db in the user data folder).")(f)


def open_store(db: str | None, config: Any):
    """The store named by ``--db`` (or the usual places); ``config``: a path, a loaded Config, or None."""
    from ..store import Store

    return Store.open(db, config)


def when(value) -> str:
    """A stored time for people: ``2026-11-02 09:14 UTC``."""
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "-"


def stop_on_signal():
    """A ``stop()`` that turns true on SIGTERM/SIGINT, so a long-running command ends between two inputs."""
    import signal

    flag: list[int] = []

    def handler(signum, frame):
        flag.append(signum)

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
    return lambda: bool(flag)


def reputation_options(f):
    """``--offline``, ``--resolver`` and ``--dqs-key`` for the commands that check sender evidence."""
    f = click.option("--dqs-key", default=None, metavar="KEY", envvar="BOUNCEBACK_DQS_KEY",
                     help="Spamhaus Data Query Service key (or $BOUNCEBACK_DQS_KEY, [reputation] dqs_key).")(f)
    f = click.option("--resolver", default=None, metavar="HOST[:PORT]",
                     help="Resolver for the blocklist lookups (default: [reputation] resolver, "
                          "else /etc/resolv.conf's).")(f)
    return click.option("--offline", is_flag=True,
                        help="No DNS blocklist lookups (also [reputation] offline = true, "
                             "$BOUNCEBACK_OFFLINE=1).")(f)


def load_reputation(config_path: str | None, offline: bool, resolver: str | None, dqs_key: str | None):
    """(Config, reputation Settings) from the config file and the options; a bad one exits with 2."""
    from ..config import load_config
    from ..errors import InputError
    from ..reputation.settings import settings_of

    try:
        cfg = load_config(config_path)
        return cfg, settings_of(cfg).with_options(offline=offline, resolver=resolver, dqs_key=dqs_key).validate()
    except InputError as exc:
        warn(str(exc))
        sys.exit(2)
