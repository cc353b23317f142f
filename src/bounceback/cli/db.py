"""``bounceback db upgrade|info|recompute``: the database itself."""

from __future__ import annotations

import click

from .common import json_option, open_store, print_json, store_options


@click.group("db")
def command() -> None:
    """The database: migrations, where it is, re-applying the policy."""


@command.command("upgrade")
@store_options
@json_option
def upgrade_command(db, config_path, as_json: bool) -> None:
    """Apply pending migrations (every command also does this when it opens the database)."""
    from ..store import Store

    with Store.open(db, config_path, upgrade=False) as store:
        before, after = store.upgrade()
    if as_json:
        print_json({"db": store.label, "before": before or None, "after": after})
    elif before == after:
        click.echo(f"{store.label}: up to date (revision {after})")
    else:
        click.echo(f"{store.label}: upgraded from {before or 'an empty database'} to revision {after}")


@command.command("info")
@store_options
@json_option
def info_command(db, config_path, as_json: bool) -> None:
    """Where the database is, its revision and how much it holds."""
    from ..store.maintenance import info

    with open_store(db, config_path) as store:
        data = info(store)
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        click.echo(f"{key}: {value}")


@command.command("recompute")
@store_options
@json_option
def recompute_command(db, config_path, as_json: bool) -> None:
    """Re-apply the current policy to every address and incident (after changing bounceback.toml)."""
    from ..store.maintenance import recompute

    with open_store(db, config_path) as store:
        addresses, incidents = recompute(store)
    if as_json:
        print_json({"addresses": addresses, "incidents": incidents})
    else:
        click.echo(f"recomputed {addresses} addresses and {incidents} incidents")
