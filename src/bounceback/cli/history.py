"""``bounceback history``: the evidence chain behind an address's state."""

from __future__ import annotations

import click

from ..hygiene import history
from .common import json_option, open_store, print_json, store_options, when


@click.command("history")
@click.argument("address")
@store_options
@json_option
def command(address: str, db, config_path, as_json: bool) -> None:
    """Every bounce, change and suppression of ADDRESS, oldest first, with what each did."""
    with open_store(db, config_path) as store:
        h = history(store, address)
    if as_json:
        print_json(h.to_dict())
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    now = h.current
    head = f"[bold]{h.address}[/bold]: {h.status}"
    if now is not None:
        head += f" since {when(now.since)}" + (f" until {when(now.until)}" if now.until else " (permanent)")
        head += f" — {now.why}"
    elif h.strikes:
        head += f", {h.strikes} strike{'s' if h.strikes != 1 else ''}"
    console.print(head, highlight=False)
    if not (h.events or h.manual):
        console.print("Nothing on record.")
        return
    timeline = Table(header_style="bold", title="Timeline (event time)", title_justify="left")
    for col in ("#", "when", "what", "codes", "outcome", "source"):
        timeline.add_column(col, overflow="fold")
    rows = [(e.at, 0, e) for e in h.events] + [(m.at, 1, m) for m in h.manual]
    for _, kind, item in sorted(rows, key=lambda r: (r[0], r[1])):
        if kind == 0:
            codes = " ".join(x for x in (item.reply_code, item.status) if x)
            what = f"{item.reason} ({item.fault})" + (f" {item.feedback_type}" if item.feedback_type else "")
            timeline.add_row(str(item.id), when(item.at), what, codes, item.outcome, item.source)
        else:
            what = f"{item.action} by hand" + (f" until {when(item.until)}" if item.until else "")
            timeline.add_row("", when(item.at), what, "", item.note, "")
    console.print(timeline)
    if h.suppressions:
        periods = Table(header_style="bold", title="Suppressions", title_justify="left")
        for col in ("status", "since", "until", "ended", "why", "evidence"):
            periods.add_column(col, overflow="fold")
        for s in h.suppressions:
            ended = f"{s.ended_by} {when(s.ended_at)}" if s.ended_at else ""
            if s.removed_note:
                ended += f": {s.removed_note}"
            periods.add_row(s.kind, when(s.since), when(s.until) if s.until else "permanent", ended, s.why,
                            " ".join(f"#{i}" for i in s.evidence))
        console.print(periods)
    last = h.events[-1] if h.events else None
    if last is not None and last.diagnostic:
        console.print(f"Last diagnostic: {last.diagnostic}", markup=False, highlight=False)
