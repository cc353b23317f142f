"""``bounceback parse``: decode bounces and print one record per recipient."""

from __future__ import annotations

import sys

import click

from .. import parse_paths
from ..errors import InputError
from ..output import FORMATS, record, sisimai_record, write_csv, write_jsonl
from .common import print_json, warn


@click.command("parse")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format (sisimai: Sisimai's JSON field names).")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--jobs", "-j", type=int, default=0, show_default="one per CPU for many files",
              help="Worker processes for decoding (1 = no parallelism).")
@click.option("--all", "include_all", is_flag=True,
              help="Also list auto-replies, feedback and delivered notices (always listed in jsonl/json).")
def command(paths: tuple[str, ...], fmt: str, as_json: bool, jobs: int, include_all: bool) -> None:
    """Decode bounce messages: .eml files, directories, mbox files, Maildirs, or - for stdin.

    Prints one record per recipient with reason, whose fault it is and what to do.
    """
    if as_json:
        fmt = "json"
    failures = 0
    to_dict = sisimai_record if fmt == "sisimai" else record

    def records():
        nonlocal failures
        for _source, result in parse_paths(paths, jobs=jobs or _auto_jobs(paths)):
            if isinstance(result, InputError):
                failures += 1
                warn(str(result))
                continue
            for b in result:
                if fmt == "table" and not include_all and not b.is_failure:
                    continue
                yield to_dict(b)

    if fmt == "jsonl":
        write_jsonl(records(), sys.stdout)
    elif fmt in ("json", "sisimai"):
        print_json(list(records()))
    elif fmt == "csv":
        write_csv(records(), sys.stdout)
    else:
        _table(list(records()))
    if failures:
        sys.exit(1)


def _auto_jobs(paths: tuple[str, ...]) -> int:
    """Parallel only when there is enough to do: many files, a directory, or a large file."""
    import os

    from ..parallel import default_jobs

    many = len(paths) >= 64 or any(os.path.isdir(p) or (os.path.isfile(p) and os.path.getsize(p) > 4 << 20)
                                   for p in paths if p != "-")
    return default_jobs() if many else 1


def _table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not rows:
        console.print("No bounces found.")
        return
    t = Table(header_style="bold")
    t.add_column("source", overflow="fold", ratio=2)
    t.add_column("recipient", overflow="fold", ratio=3)
    for col in ("reason", "fault", "status", "code", "dead"):
        t.add_column(col, no_wrap=True)
    for r in rows:
        t.add_row(r["source"].rsplit("/", 1)[-1], r["recipient"], r["reason"], r["fault"], r["status"],
                  r["reply_code"], "yes" if r["hard_bounce"] else "")
    console.print(t)
