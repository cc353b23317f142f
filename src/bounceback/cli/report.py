"""``bounceback report``: open sender incidents first, then the counts of a period."""

from __future__ import annotations

import click

from ..hygiene import report
from .common import json_option, open_store, print_json, store_options, when
from .incident_text import print_incidents


@click.command("report")
@click.option("--since", default="30d", show_default=True, help="A period back from now (30d, 12h, 2w) or a date.")
@store_options
@json_option
def command(since: str, db, config_path, as_json: bool) -> None:
    """Sender incidents (open ones first, with what to do), then events by reason, fault and
    receiving domain, the suppressions added, and failures per mailing, all by event time."""
    with open_store(db, config_path) as store:
        r = report(store, since=since)
    if as_json:
        print_json(r.to_dict())
        return
    from rich.columns import Columns
    from rich.console import Console
    from rich.table import Table

    console = Console()
    added = sum(n for _, n in r.suppressions_added)
    console.print(f"[bold]Report {when(r.since)} – {when(r.until)}[/bold] (by bounce date): {r.events} events, "
                  f"{added} suppression{'s' if added != 1 else ''} added"
                  + (f", {r.suppressions_removed} removed by hand" if r.suppressions_removed else ""))
    console.print()
    print_incidents(console, r.incidents)
    tables = []
    for title, counts in (("reason", r.by_reason), ("fault", r.by_fault), ("receiving domain", r.by_domain),
                          ("policy effect", r.by_effect), ("suppressions added", r.suppressions_added),
                          ("mailing (failures)", r.by_mailing)):
        if counts:
            t = Table(title=f"by {title}" if title != "suppressions added" else title, box=None,
                      show_header=False, title_justify="left", title_style="bold", pad_edge=False)
            t.add_column()
            t.add_column(justify="right")
            for key, n in counts:
                t.add_row(key, str(n))
            tables.append(t)
    if tables:
        console.print(Columns(tables, padding=(1, 4)))
