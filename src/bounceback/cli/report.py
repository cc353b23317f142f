"""``bounceback report``: open sender incidents first, then the counts of a period."""

from __future__ import annotations

import click

from ..hygiene import report
from .common import json_option, open_store, print_json, store_options, when


@click.command("report")
@click.option("--since", default="30d", show_default=True, help="A period back from now (30d, 12h, 2w) or a date.")
@store_options
@json_option
def command(since: str, db, config_path, as_json: bool) -> None:
    """Sender incidents (open ones first, with what to do), then events by reason, fault and
    receiving domain, and the suppressions added, all by event time."""
    with open_store(db, config_path) as store:
        r = report(store, since=since)
    if as_json:
        print_json(r.to_dict())
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"[bold]Report {when(r.since)} – {when(r.until)}[/bold]: {r.events} events")
    if r.incidents:
        for i in r.incidents:
            state = "[red]OPEN[/red]" if i.open else "closed"
            console.print(f"\n{state} {i.kind} incident: [bold]{i.reason}[/bold] at {i.receiver} — {i.events} "
                          f"bounce{'s' if i.events != 1 else ''} to {i.recipients} recipient"
                          f"{'s' if i.recipients != 1 else ''}, {when(i.first_seen)} – {when(i.last_seen)}"
                          + (" (none of them suppressed)" if i.kind == "sender" else ""))
            console.print(f"  What to do: {i.advice}", markup=False, highlight=False)
    else:
        console.print("\nNo sender or content incidents.")
    for title, counts in (("by what the policy did", r.by_effect), ("by reason", r.by_reason),
                          ("by whose fault", r.by_fault), ("by receiving domain", r.by_domain),
                          ("suppressions added, by cause", r.suppressions_added)):
        if not counts:
            continue
        table = Table(title=title.capitalize(), title_justify="left", header_style="bold")
        table.add_column(title.split(" by ")[-1].removeprefix("by "))
        table.add_column("count", justify="right")
        for key, n in counts:
            table.add_row(key, str(n))
        console.print(table)
    if r.suppressions_removed:
        console.print(f"Suppressions removed by hand: {r.suppressions_removed}")
