"""``bounceback check``: may these addresses be mailed? Exit 1 if any may not."""

from __future__ import annotations

import sys

import click

from ..hygiene import check
from .common import json_option, open_store, print_json, store_options, when


@click.command("check")
@click.argument("addresses", nargs=-1, required=True)
@store_options
@json_option
def command(addresses: tuple[str, ...], db: str | None, config_path: str | None, as_json: bool) -> None:
    """Say for each address whether it may be mailed, and if not, why and since when.

    Exit code 1 when any address is suppressed, unsubscribed or not an address.
    """
    with open_store(db, config_path) as store:
        results = check(store, addresses)
    if as_json:
        print_json([r.to_dict() for r in results])
    else:
        for r in results:
            name = r.address or r.query
            if r.suppression is not None:
                s = r.suppression
                until = f" until {when(s.until)}" if s.until else " (permanent)"
                click.echo(f"{name}: {r.status} since {when(s.since)}{until}: {s.why}")
            elif r.status == "invalid":
                click.echo(f"{r.query}: not an email address")
            elif r.status == "active":
                extra = f", {r.strikes} strike{'s' if r.strikes != 1 else ''} (last {when(r.last_strike_at)})" \
                    if r.strikes else ""
                click.echo(f"{name}: ok to mail{extra}")
            else:
                click.echo(f"{name}: ok to mail (no bounces on record)")
    if not all(r.mailable for r in results):
        sys.exit(1)
