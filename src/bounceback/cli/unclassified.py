"""``bounceback unclassified``: the bounces no rule could classify, grouped by their words."""

from __future__ import annotations

import click

from .. import parse_paths
from ..errors import InputError
from .common import json_option, print_json, warn


@click.command("unclassified")
@click.argument("paths", nargs=-1, required=True)
@json_option
@click.option("--reason", "reasons", multiple=True, default=("undefined", "onhold"), show_default=True,
              help="Reasons to report (repeat the option for several).")
@click.option("--limit", type=int, default=0, help="Show only the N largest groups (0: all).")
def command(paths: tuple[str, ...], as_json: bool, reasons: tuple[str, ...], limit: int) -> None:
    """List the bounces whose reason is undefined or onhold, grouped by similar text.

    Addresses, host names, IP addresses, numbers, ids and URLs are masked, so each
    wording is listed once with its count, the codes it came with and an example
    to open. New phrases for knowledge/reasons/*.toml are found here.
    """
    from ..unclassified import group

    failures = 0

    def bounces():
        nonlocal failures
        for _source, result in parse_paths(paths):
            if isinstance(result, InputError):
                failures += 1
                warn(str(result))
                continue
            yield from result

    groups = group(bounces(), tuple(reasons))
    total = sum(g.count for g in groups)
    if limit > 0:
        groups = groups[:limit]
    if as_json:
        print_json([g.to_dict() for g in groups])
    else:
        _print(groups, total)
    if failures:
        raise SystemExit(1)


def _print(groups, total: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not groups:
        console.print("Every bounce was classified.")
        return
    t = Table(header_style="bold", title=f"{total} unclassified bounce(s) in {len(groups)} group(s)")
    t.add_column("count", justify="right", no_wrap=True)
    t.add_column("text (masked)", overflow="fold", ratio=3)
    t.add_column("codes", overflow="fold")
    t.add_column("example", overflow="fold", ratio=2)
    for g in groups:
        codes = ", ".join(sorted(g.codes, key=lambda c: -g.codes[c])[:3])
        t.add_row(str(g.count), g.signature or "(no diagnostic text)", codes,
                  f"{g.example_source}\n{g.example_text[:160]}")
    console.print(t)
