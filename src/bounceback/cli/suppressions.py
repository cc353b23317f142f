"""``bounceback suppressions list|add|remove|export|import``."""

from __future__ import annotations

import sys

import click

from ..hygiene import suppressions
from ..hygiene.clean import open_csv_in, open_csv_out
from ..hygiene.importer import parse_time
from .common import json_option, open_store, print_json, store_options, warn, when


@click.group("suppressions")
def command() -> None:
    """List, add, remove, export and import suppressions. Changes by hand need --note."""


@command.command("list")
@click.option("--all", "include_ended", is_flag=True, help="Also ended ones (expired, removed, superseded).")
@click.option("--limit", type=int, default=None, help="At most this many, newest first.")
@store_options
@json_option
def list_command(include_ended: bool, limit: int | None, db, config_path, as_json: bool) -> None:
    """Suppressions in force now, newest first."""
    with open_store(db, config_path) as store:
        rows = suppressions.list_(store, include_ended=include_ended, limit=limit)
    if as_json:
        print_json([r.to_dict() for r in rows])
        return
    from rich.console import Console
    from rich.table import Table

    if not rows:
        click.echo("No suppressions.")
        return
    table = Table(header_style="bold")
    for col in ("address", "status", "since", "until", "why") + (("ended",) if include_ended else ()):
        table.add_column(col)
    for r in rows:
        ended = (f"{r.ended_by} {when(r.ended_at)}" if r.ended_at else "") if include_ended else None
        table.add_row(r.address, r.kind, when(r.since), when(r.until) if r.until else "permanent", r.why,
                      *((ended,) if include_ended else ()))
    Console().print(table)


def _changes(changes, as_json: bool) -> None:
    if as_json:
        print_json([c.to_dict() for c in changes])
    else:
        for c in changes:
            if c.outcome == "invalid":
                warn(f"{c.query}: not an email address")
                continue
            detail = f" ({c.suppression.why}, since {when(c.suppression.since)})" if c.suppression else ""
            click.echo(f"{c.address}: {c.outcome}{detail}")
    if any(c.outcome == "invalid" for c in changes):
        sys.exit(1)


@command.command("add")
@click.argument("addresses", nargs=-1, required=True)
@click.option("--note", required=True, help="Why (kept with the suppression).")
@click.option("--until", "until_text", metavar="DATE", default=None, help="Suppress until this date (default: for good).")
@click.option("--unsubscribed", is_flag=True, help="Record an unsubscription rather than a suppression.")
@store_options
@json_option
def add_command(addresses, note: str, until_text: str | None, unsubscribed: bool, db, config_path, as_json) -> None:
    """Suppress addresses by hand."""
    try:
        until = parse_time(until_text) if until_text else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--until") from None
    with open_store(db, config_path) as store:
        changes = suppressions.add(store, addresses, note=note, until=until,
                                   kind="unsubscribed" if unsubscribed else "suppressed")
    _changes(changes, as_json)


@command.command("remove")
@click.argument("addresses", nargs=-1, required=True)
@click.option("--note", required=True, help="Why (kept in the history).")
@store_options
@json_option
def remove_command(addresses, note: str, db, config_path, as_json) -> None:
    """End the suppressions of addresses; the history keeps them, with the note."""
    with open_store(db, config_path) as store:
        changes = suppressions.remove(store, addresses, note=note)
    _changes(changes, as_json)


@command.command("export")
@click.option("-o", "--output", default="-", metavar="FILE", help="Write here (default: standard output).")
@click.option("--all", "include_ended", is_flag=True, help="Also ended ones.")
@store_options
@json_option
def export_command(output: str, include_ended: bool, db, config_path, as_json: bool) -> None:
    """Suppressions as CSV (address,kind,cause,reason,since,until,note), for import elsewhere.

    With --json: every field of every suppression, as a JSON array.
    """
    if as_json:
        with open_store(db, config_path) as store:
            rows = suppressions.list_(store, include_ended=include_ended)
        out = open_csv_out(output)
        print_json([r.to_dict() for r in rows], file=out)
        out.flush()
        if output != "-":
            out.close()
        return
    with open_store(db, config_path) as store:
        out = open_csv_out(output)
        try:
            n = suppressions.export(store, out, include_ended=include_ended)
        finally:
            out.flush()
            if output != "-":
                out.close()
    if output != "-":
        click.echo(f"{n} suppressions written to {output}")


@command.command("import")
@click.argument("path")
@click.option("--note", required=True, help="Where the list comes from (kept with every suppression).")
@store_options
@json_option
def import_command(path: str, note: str, db, config_path, as_json: bool) -> None:
    """Suppress every address of a CSV (an export, or any list with an email/address column).

    Optional columns: kind (suppressed|unsubscribed), reason, since, until, note.
    """
    source = open_csv_in(path)
    with open_store(db, config_path) as store, source:
        summary = suppressions.import_(store, source, note=note, label=path)
    if as_json:
        print_json(summary.to_dict())
    else:
        for line in summary.problems:
            warn(line)
        click.echo(f"{summary.rows} rows: {summary.added} suppressed, {summary.already} already suppressed, "
                   f"{summary.duplicates} repeated, {len(summary.problems)} unreadable")
    if summary.problems:
        sys.exit(1)
