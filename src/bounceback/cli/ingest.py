"""``bounceback ingest``: decode bounces, record them, apply the policy, print what happened."""

from __future__ import annotations

import sys

import click

from ..hygiene import IngestSummary, ingest
from .common import json_option, open_store, print_json, store_options, warn


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@store_options
@json_option
def command(paths: tuple[str, ...], db: str | None, config_path: str | None, as_json: bool) -> None:
    """Record bounces (.eml files, directories, mbox, Maildir, or - for stdin) and apply the policy.

    Safe to run again on the same input (messages already recorded are skipped),
    after a crash, or next to another ingest on the same database.
    """
    with open_store(db, config_path) as store:
        if as_json or not sys.stderr.isatty():
            summary = ingest(store, paths, on_problem=warn)
        else:
            summary = _with_progress(store, paths)
    if as_json:
        print_json({"db": store.label, **summary.to_dict()})
    else:
        _print(summary, store.label)
    if summary.problems:
        sys.exit(1)


def _with_progress(store, paths) -> IngestSummary:
    """A Rich progress display on stderr; it shows only when the run lasts (transient, on a terminal)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("ingest", total=None, rate="")

        def on_message(_outcome: str) -> None:
            progress.advance(task)
            t = progress.tasks[0]
            if t.elapsed and t.completed % 50 == 0:
                progress.update(task, rate=f"{t.completed / t.elapsed:,.0f} msg/s")

        return ingest(store, paths, on_message=on_message,
                      on_problem=lambda line: console.print(f"bounceback: {line}", markup=False, highlight=False))


def _print(s: IngestSummary, label: str) -> None:
    parts = ", ".join(f"{n} {k}" for k, n in s.by_message if n)
    click.echo(f"Read {s.messages} message{'s' if s.messages != 1 else ''} in {s.seconds:.1f} s"
               f"{': ' + parts if parts else ''}.")
    if s.by_outcome:
        outcomes = ", ".join(f"{n} {k}" for k, n in s.by_outcome)
        click.echo(f"{s.events} new event{'s' if s.events != 1 else ''}: {outcomes}.")
    click.echo(f"Database: {label}")
