"""``bounceback ingest``: decode bounces, record them, apply the policy, print what happened."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ..hygiene import IngestSummary, ingest
from .common import (
    json_option,
    load_reputation,
    open_store,
    print_json,
    reputation_options,
    store_options,
    warn,
)

if TYPE_CHECKING:
    from ..hygiene.evidence import EvidenceCheck


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@store_options
@reputation_options
@json_option
def command(paths: tuple[str, ...], db: str | None, config_path: str | None, offline: bool, resolver: str | None,
            dqs_key: str | None, as_json: bool) -> None:
    """Record bounces (.eml files, directories, mbox, Maildir, or - for stdin) and apply the policy.

    Safe to run again on the same input (messages already recorded are skipped),
    after a crash, or next to another ingest on the same database.

    The sending IP and domains that sender-side bounces name are then looked up on
    DNS blocklists (cached, a budget per run; not with --offline) and shown under
    the sender incident by `bounceback report`.
    """
    cfg, settings = load_reputation(config_path, offline, resolver, dqs_key)
    with open_store(db, cfg) as store:
        if as_json or not sys.stderr.isatty():
            summary = ingest(store, paths, on_problem=warn)
        else:
            summary = _with_progress(store, paths)
        evidence = None
        if summary.evidence_targets:
            # after every message is committed: a slow or dead resolver delays the end, never the records
            from ..hygiene.evidence import check_evidence

            evidence = check_evidence(store, settings, targets=summary.evidence_targets)
    if as_json:
        print_json({"db": store.label, **summary.to_dict(), "evidence": evidence.to_dict() if evidence else None})
    else:
        _print(summary, store.label, evidence)
    for w in evidence.warnings if evidence else ():
        warn(f"warning: {w}")
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


def _print(s: IngestSummary, label: str, evidence: EvidenceCheck | None) -> None:
    parts = ", ".join(f"{n} {k}" for k, n in s.by_message if n)
    click.echo(f"Read {s.messages} message{'s' if s.messages != 1 else ''} in {s.seconds:.1f} s"
               f"{': ' + parts if parts else ''}.")
    if s.by_outcome:
        outcomes = ", ".join(f"{n} {k}" for k, n in s.by_outcome)
        click.echo(f"{s.events} new event{'s' if s.events != 1 else ''}: {outcomes}.")
    if evidence is not None:
        click.echo(evidence_line(evidence))
    click.echo(f"Database: {label}")


def evidence_line(e: EvidenceCheck) -> str:
    """One line on the blocklist lookups of the sending IPs and domains the bounces named."""
    head = "Blocklist check of the sending IPs and domains"
    if e.offline:
        return f"{head}: {e.deferred} not looked up (offline); `bounceback incidents check` looks them up."
    done = [f"{e.checked} looked up ({e.queries} DNS queries)", f"{e.cached} from the cache"]
    if e.deferred:
        done.append(f"{e.deferred} left for later (lookup budget)")
    found = [f"LISTED: {', '.join(e.listed)}"] if e.listed else []
    found += [f"unknown: {', '.join(e.unknown)}"] if e.unknown else []
    return f"{head}: {', '.join(done)}; {'; '.join(found) or 'none listed'} (see `bounceback report`)."
