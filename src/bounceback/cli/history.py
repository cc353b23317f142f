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
    now = h.current
    head = f"{h.address}: {h.status}"
    if now is not None:
        head += f" since {when(now.since)}" + (f" until {when(now.until)}" if now.until else " (permanent)")
        head += f": {now.why}"
    elif h.strikes:
        head += f", {h.strikes} strike{'s' if h.strikes != 1 else ''}"
    click.echo(head)
    if not (h.events or h.manual):
        click.echo("Nothing on record.")
        return
    click.echo("\nTimeline, by event date:")
    rows = [(e.at, 0, e) for e in h.events] + [(m.at, 1, m) for m in h.manual]
    for at, kind, item in sorted(rows, key=lambda r: (r[0], r[1])):
        if kind == 0:
            codes = " ".join(x for x in (item.reply_code, item.status) if x)
            what = f"{item.reason} ({item.fault})" + (f" {item.feedback_type}" if item.feedback_type else "")
            click.echo(f"  {when(at)}  #{item.id:<4} {what} {codes} -> {item.outcome}")
            origin = f"{item.source}, decoded by {item.decoded_by or '?'}"
            if item.original_message_id:
                origin += f", original <{item.original_message_id}>"
            if item.campaign:
                origin += f", campaign {item.campaign}"
            click.echo(f"  {'':20}        {origin}")
            if item.diagnostic:
                click.echo(f"  {'':20}        {' '.join(item.diagnostic.split())[:200]}")
        else:
            until = f" until {when(item.until)}" if item.until else ""
            click.echo(f"  {when(at)}        {item.action}{until} by hand: {item.note}")
    if h.suppressions:
        click.echo("\nSuppressions:")
        for p in h.suppressions:
            span = f"{when(p.since)} -> {when(p.until) if p.until else 'permanent'}"
            evidence = f"; evidence {' '.join(f'#{i}' for i in p.evidence)}" if p.evidence else ""
            click.echo(f"  {span}  {p.kind}: {p.why}{evidence}")
            if p.ended_at:
                note = f": {p.removed_note}" if p.removed_note else ""
                click.echo(f"  {'':47}{p.ended_by} {when(p.ended_at)}{note}")
