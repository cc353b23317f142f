"""``bounceback clean``: a mailing list CSV without the addresses that must not be mailed."""

from __future__ import annotations

import sys

import click

from ..hygiene import clean
from ..hygiene.clean import open_csv_in, open_csv_out
from .common import json_option, open_store, print_json, store_options, warn


@click.command("clean")
@click.argument("path")
@click.option("--column", default="email", show_default=True,
              help="The column holding the address (a name, or a number for a file without a header).")
@click.option("-o", "--output", default="-", metavar="FILE", help="The clean list (default: standard output).")
@click.option("--removed", "removed_path", default=None, metavar="FILE",
              help="Also write the removed rows here, with why each was removed.")
@store_options
@json_option
def command(path: str, column: str, output: str, removed_path: str | None, db, config_path, as_json: bool) -> None:
    """Remove suppressed and unsubscribed addresses from LIST.csv; every other column and the row order stay.

    The counts go to standard output, or to standard error when the clean list does.
    """
    source = open_csv_in(path)
    with open_store(db, config_path) as store, source:
        out = open_csv_out(output)
        removed = open_csv_out(removed_path) if removed_path else None
        try:
            summary = clean(store, source, out, column=column, removed=removed, label=path, on_problem=warn)
        finally:
            for f in (out, removed):
                if f is not None:
                    f.flush()
                    if f is not out or output != "-":
                        f.close()
    report = sys.stderr if output == "-" else sys.stdout
    if as_json:
        print_json(summary.to_dict(), file=report)
    else:
        detail = ", ".join(f"{n} {k}" for k, n in summary.by_status)
        click.echo(f"{summary.rows} rows: {summary.kept} kept, {summary.removed} removed"
                   f"{' (' + detail + ')' if detail else ''}", file=report)
    if summary.problems:
        sys.exit(1)
