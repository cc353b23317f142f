"""``bounceback incidents list|check``: sender and content incidents, and the blocklist evidence."""

from __future__ import annotations

import sys

import click

from ..hygiene.incidents import incidents
from ..hygiene.report import since_time
from ..store import utcnow
from .common import (
    json_option,
    load_reputation,
    open_store,
    print_json,
    reputation_options,
    store_options,
    warn,
)

_SINCE = click.option("--since", default="30d", show_default=True,
                      help="A period back from now (30d, 12h, 2w) or a date.")


@click.group("incidents")
def command() -> None:
    """Sender and content incidents; look up the sending IP and domains on DNS blocklists."""


@command.command("list")
@_SINCE
@click.option("--open", "open_only", is_flag=True, help="Only open incidents.")
@store_options
@json_option
def list_command(since: str, open_only: bool, db, config_path, as_json: bool) -> None:
    """Incidents (open first) with what to do and, for sender incidents, the evidence."""
    with open_store(db, config_path) as store:
        found = incidents(store, since=since, open_only=open_only)
    if as_json:
        print_json([i.to_dict() for i in found])
        return
    from rich.console import Console

    from .incident_text import print_incidents

    print_incidents(Console(), found)


@command.command("check")
@_SINCE
@click.option("--refresh", is_flag=True, help="Look up again even what the cache still answers.")
@store_options
@reputation_options
@json_option
def check_command(since: str, refresh: bool, db, config_path, offline: bool, resolver: str | None,
                  dqs_key: str | None, as_json: bool) -> None:
    """Look up the sending IP addresses and domains that the sender-side bounces of the
    period name on the DNS blocklists (cached answers are reused, within the lookup budget).

    \b
    Exit codes: 0 nothing listed; 1 something is listed; 2 a bad option or setting;
    3 some answers are unknown (timeout, error answer) or lookups were left for later.
    """
    from ..hygiene.evidence import check_evidence
    from .ingest import evidence_line

    cfg, settings = load_reputation(config_path, offline, resolver, dqs_key)
    start = since_time(since, utcnow())
    with open_store(db, cfg) as store:
        result = check_evidence(store, settings, since=start, refresh=refresh)
    if as_json:
        print_json(result.to_dict())
    else:
        click.echo(evidence_line(result))
    for w in result.warnings:
        warn(f"warning: {w}")
    sys.exit(1 if result.listed else 3 if result.unknown or result.deferred else 0)
