"""``bounceback validate``: pre-check the addresses of a CSV list before mailing them."""

from __future__ import annotations

import sys
import time

import click

from ..errors import BouncebackError
from ..reputation import DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT
from .common import json_option, print_json, store_options, warn


@click.command("validate")
@click.argument("csv_path", metavar="LIST.csv")
@click.option("--column", default="email", show_default=True, help="Header of the address column.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write the annotated CSV here (default: stdout, unless --json).")
@click.option("--resolver", metavar="HOST[:PORT]", help="Recursive resolver to ask (default: /etc/resolv.conf's).")
@click.option("--timeout", type=click.FloatRange(0.05, 60), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds to wait for each DNS answer.")
@click.option("--concurrency", type=click.IntRange(1, 1000), default=DEFAULT_CONCURRENCY, show_default=True,
              help="DNS lookups in flight at once.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when a terminal).")
@store_options
@json_option
def command(csv_path: str, column: str, output: str | None, resolver: str | None, timeout: float,
            concurrency: int, progress: bool | None, db: str | None, config_path: str | None, as_json: bool) -> None:
    """Check every address of a CSV list: syntax, a domain that accepts mail, role accounts,
    already suppressed.

    Keeps every column and the row order and adds check_result (ok, invalid, undeliverable, unknown, unreadable), check_reason
    (syntax, empty, no_domain, null_mx, no_mail_host, dns_error, row), check_role
    (yes for postmaster@, noreply@ ...), check_normalized, check_detail and
    check_suppressed (suppressed, unsubscribed or no; empty without a database:
    one is used when --db, $BOUNCEBACK_DB or [store] db names it, or the default
    file exists).
    Each domain is looked up once (MX, else A/AAAA; a null MX never takes mail).

    \b
    Exit codes: 0 every row checked; 1 the file or some rows could not be read
    (each named on stderr, the rest is processed); 2 usage error (bad option,
    bad resolver); 3 some domains gave no DNS answer (unknown).
    """
    from ..hygiene.check import suppressed_kinds
    from ..reputation.csvfile import check_csv
    from ..reputation.resolver import parse_server

    started = time.monotonic()
    try:
        server = parse_server(resolver) if resolver else None
    except BouncebackError as exc:
        warn(str(exc))
        sys.exit(2)
    out = output if output else (None if as_json else sys.stdout)
    show = sys.stderr.isatty() if progress is None else progress
    store = existing_store(db, config_path)
    try:
        with _Bar(show) as bar:
            report = check_csv(csv_path, column, out, resolver=server, timeout=timeout, concurrency=concurrency,
                               progress=bar.update if show else None,
                               suppressed=(lambda addresses: suppressed_kinds(store, addresses)) if store else None)
    finally:
        if store is not None:
            store.close()
    for err in report.errors:
        warn(str(err))
    if as_json:
        print_json([r.to_dict() for r in report.rows])
    _summary(report, time.monotonic() - started)
    sys.exit(report.exit_code)


def _summary(report, seconds: float) -> None:
    counts = report.counts()
    parts = [f"{counts[k]} {k}" for k in ("ok", "invalid", "undeliverable", "unknown", "unreadable") if counts[k]]
    suppressed = f"{report.suppressed} already suppressed; " if any(r.suppressed for r in report.rows) else ""
    warn(f"checked {len(report.rows)} rows: {', '.join(parts) or 'nothing'}; {report.roles} role accounts; "
         f"{suppressed}{report.domains} domains, {report.queries} DNS queries, {seconds:.1f}s")


def existing_store(db: str | None, config_path: str | None):
    """The store to look suppressions up in: one that is named, or the default file when it exists."""
    import os

    from ..config import load_config
    from ..store import Store
    from ..store.db import DB_ENV, default_db_path

    cfg = load_config(config_path)
    if db or os.environ.get(DB_ENV) or cfg.db:
        return Store.open(db, cfg)
    path = default_db_path()
    return Store.open(str(path), cfg) if path.is_file() else None


class _Bar:
    """A Rich progress bar over the domains, on stderr."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self._progress = None
        self._task = None

    def __enter__(self) -> _Bar:
        if self.show:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("checking domains"), BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("domains", total=None)
        return self

    def update(self, done: int, total: int) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

