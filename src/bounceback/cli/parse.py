"""``bounceback parse``: decode bounces (messages, MTA logs, an IMAP folder) and print one record per recipient."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from functools import partial

import click

from .. import parse_paths
from ..errors import InputError
from ..model import Bounce
from ..output import FORMATS, dumps, record, sisimai_record, write_csv
from .common import log_options, print_json, stop_on_signal, verp_options, verp_pattern, warn

STREAMING = ("jsonl", "csv")


class Output:
    """Writes records in one format; jsonl/csv are written (and flushed) as they come.

    ``render`` turns bounces into what ``emit`` writes (jsonl: the text itself, other
    formats: rows); it is a plain function of the format so worker processes can run it.
    """

    def __init__(self, fmt: str, include_all: bool, flush: bool = False) -> None:
        self.fmt, self.include_all, self.flush = fmt, include_all, flush
        self.render = partial(render, fmt, include_all)
        self.rows: list[dict] = []
        self._csv_header = True

    def write(self, bounces: list[Bounce]) -> None:
        self.emit(self.render(bounces))

    def emit(self, rendered: str | list[dict]) -> None:
        if self.fmt == "jsonl":
            sys.stdout.write(rendered)
        elif self.fmt == "csv":
            write_csv(rendered, sys.stdout, header=self._csv_header)
            self._csv_header = False
        else:
            self.rows.extend(rendered)
        if self.flush:
            sys.stdout.flush()

    def close(self) -> None:
        if self.fmt in ("json", "sisimai"):
            print_json(self.rows)
        elif self.fmt == "table":
            _table(self.rows)
        elif self.fmt == "csv" and self._csv_header:
            write_csv([], sys.stdout)


def render(fmt: str, include_all: bool, bounces: list[Bounce]) -> str | list[dict]:
    """What ``Output.emit`` writes for these bounces: jsonl text, or rows."""
    to_dict = sisimai_record if fmt == "sisimai" else record
    rows = [to_dict(b) for b in bounces if fmt != "table" or include_all or b.is_failure]
    return "".join(f"{dumps(r)}\n" for r in rows) if fmt == "jsonl" else rows


def _render_result(out_render, source: str, result: list[Bounce] | InputError):
    """In the worker: a message's bounces rendered for output (errors pass through)."""
    return source, result if isinstance(result, InputError) else out_render(result)


@click.command("parse")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: table; jsonl with --follow). sisimai: Sisimai's JSON field names.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--jobs", "-j", type=int, default=0, show_default="one per CPU for many files",
              help="Worker processes for decoding messages (1 = no parallelism).")
@click.option("--all", "include_all", is_flag=True,
              help="Also list auto-replies, feedback and delivered notices (always listed in jsonl/json).")
@log_options
@click.option("--imap", "imap_url", metavar="imap[s]://USER@HOST[:PORT]/FOLDER",
              help="Read the bounces in an IMAP folder (password: $BOUNCEBACK_IMAP_PASSWORD or a prompt). "
                   "Read-only: messages are neither moved nor flagged.")
@verp_options
def command(paths: tuple[str, ...], fmt: str | None, as_json: bool, jobs: int, include_all: bool,
            log_kind: str | None,
            follow: bool, state_file: str | None, own_senders: tuple[str, ...], imap_url: str | None,
            verp: str | None, verp_separator: str) -> None:
    """Decode bounce messages: .eml files, directories, mbox files, Maildirs, or - for stdin;
    MTA logs with --log; an IMAP folder with --imap.

    Prints one record per recipient with reason, whose fault it is and what to do.
    """
    fmt = "json" if as_json else fmt or ("jsonl" if follow else "table")
    _check_usage(paths, fmt, log_kind, follow, state_file, own_senders, imap_url)
    pattern = verp_pattern(verp, verp_separator)
    out = Output(fmt, include_all, flush=follow)
    failures = 0

    def report(exc: InputError) -> None:
        nonlocal failures
        failures += 1
        warn(str(exc))

    try:
        if log_kind:
            _logs(log_kind, paths, follow, state_file, own_senders, out, report)
        elif imap_url:
            from .imap import read_folder
            for _source, result in read_folder(imap_url, pattern):
                _emit(result, out, report)
        else:
            rendered = parse_paths(paths, jobs or _auto_jobs(paths), pattern,
                                   then=partial(_render_result, out.render))
            for _source, result in rendered:
                _emit(result, out, report, rendered=True)
    finally:
        out.close()
    if failures:
        sys.exit(1)


def _auto_jobs(paths: tuple[str, ...]) -> int:
    """Parallel only when there is enough to do: many files, a directory, or a large file."""
    import os

    from ..parallel import default_jobs

    many = len(paths) >= 64 or any(os.path.isdir(p) or (os.path.isfile(p) and os.path.getsize(p) > 4 << 20)
                                   for p in paths if p != "-")
    return default_jobs() if many else 1


def _check_usage(paths, fmt, log_kind, follow, state_file, own_senders, imap_url) -> None:
    if imap_url and (paths or log_kind):
        raise click.UsageError("--imap reads a folder: give no PATHS and no --log")
    if not imap_url and not paths:
        raise click.UsageError("give PATHS (or - for stdin), or --imap URL")
    if (follow or state_file or own_senders) and not log_kind:
        raise click.UsageError("--follow, --state and --own-sender go with --log")
    if follow and len(paths) != 1:
        raise click.UsageError("--follow reads one log file (its rotated files are found next to it)")
    if follow and fmt not in STREAMING:
        raise click.UsageError("--follow prints --format jsonl or csv")


def _emit(result, out: Output, report, rendered: bool = False) -> None:
    if isinstance(result, InputError):
        report(result)
    elif rendered:
        out.emit(result)
    else:
        out.write(result)


def _logs(kind: str, paths: tuple[str, ...], follow: bool, state_file: str | None,
          own_senders: tuple[str, ...], out: Output, report) -> None:
    from ..classify import classify
    from ..sources.logs import LogReader, LogState, make_parser
    from ..sources.logs.reader import default_state_file

    if follow and not state_file:
        state_file = str(default_state_file(kind, paths[0]))
    state = LogState.load(kind, state_file) if state_file else None
    reader = LogReader(make_parser(kind, own_senders=tuple(own_senders)), state)
    last_save, saved_at = time.monotonic(), reader.position

    def save() -> None:
        nonlocal last_save, saved_at
        if state_file and reader.position != saved_at:  # idle polls with nothing new write nothing
            reader.snapshot().save(state_file)
            saved_at = reader.position
        last_save = time.monotonic()

    stop = stop_on_signal() if follow else None
    if follow:
        batches: Iterator = reader.follow(paths[0], stop=stop, idle=save, batched=True)
    else:
        batches = reader.read(paths, on_error=report, batched=True)
    try:
        for pos, deliveries in batches:
            out.write([classify(d, f"{pos.path}:{pos.line}") for d in deliveries])
            if stop is not None and stop():
                break
            if state_file and time.monotonic() - last_save > 1.0:
                sys.stdout.flush()
                save()
    except KeyboardInterrupt:
        pass
    finally:
        sys.stdout.flush()
        save()


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
