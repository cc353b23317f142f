"""``bounceback ingest``: decode bounces, record them, apply the policy, print what happened.

From files (or ``-``, one message from an MTA pipe), an IMAP folder (``--imap``) or MTA
logs (``--log``). ``ingest -`` exits with sysexits codes so the MTA knows what to do:
0 done, 75 (EX_TEMPFAIL: try again later) when the database is unavailable, 65
(EX_DATAERR) for a message that can never be read.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ..errors import BouncebackError
from ..hygiene import IngestSummary, ingest
from ..sources.imap import DEFAULT_MOVE_TO
from .common import (
    json_option,
    load_reputation,
    log_options,
    open_store,
    print_json,
    reputation_options,
    stop_on_signal,
    store_options,
    verp_options,
    verp_pattern,
    warn,
)

if TYPE_CHECKING:
    from ..hygiene.evidence import EvidenceCheck

EX_OK, EX_DATAERR, EX_TEMPFAIL = 0, 65, 75


@click.command("ingest")
@click.argument("paths", nargs=-1)
@click.option("--imap", "imap_url", metavar="imap[s]://USER@HOST[:PORT]/FOLDER",
              help="Ingest an IMAP folder (password: $BOUNCEBACK_IMAP_PASSWORD or a prompt).")
@click.option("--move-to", default=DEFAULT_MOVE_TO, show_default=True, metavar="FOLDER",
              help="With --imap: where a message goes once its events are recorded (created if missing).")
@click.option("--unrecognized-to", metavar="FOLDER",
              help="With --imap: where messages that are no bounce go (default: they stay, flagged).")
@click.option("--watch", is_flag=True, help="With --imap: keep going, waiting for new mail (IDLE).")
@log_options
@verp_options
@store_options
@reputation_options
@json_option
def command(paths: tuple[str, ...], imap_url: str | None, move_to: str, unrecognized_to: str | None,
            watch: bool, log_kind: str | None, follow: bool, state_file: str | None,
            own_senders: tuple[str, ...], verp: str | None, verp_separator: str, db: str | None,
            config_path: str | None, offline: bool, resolver: str | None, dqs_key: str | None,
            as_json: bool) -> None:
    """Record bounces (.eml files, directories, mbox, Maildir, - for stdin; an IMAP folder; MTA logs)
    and apply the policy.

    Safe to run again on the same input (messages and log lines already recorded are
    skipped), after a crash, or next to another ingest on the same database.

    The sending IP and domains that sender-side bounces name are then looked up on
    DNS blocklists (cached, a budget per run; not with --offline, nor for `ingest -`)
    and shown under the sender incident by `bounceback report`.
    """
    _check_usage(paths, imap_url, watch, log_kind, follow, state_file, own_senders)
    if paths == ("-",) and not log_kind:
        _pipe(db, config_path, verp, verp_separator, as_json)
        return
    cfg, settings = load_reputation(config_path, offline, resolver, dqs_key)
    pattern = verp_pattern(verp, verp_separator, config_path)
    with open_store(db, cfg) as store:
        if imap_url:
            summary = _imap(store, imap_url, move_to, unrecognized_to, watch, pattern)
        elif log_kind:
            summary = _logs(store, log_kind, paths, follow, state_file, own_senders)
        elif as_json or not sys.stderr.isatty():
            summary = ingest(store, paths, on_problem=warn, verp=pattern)
        else:
            summary = _with_progress(store, paths, pattern)
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


def _check_usage(paths, imap_url, watch, log_kind, follow, state_file, own_senders) -> None:
    if imap_url and (paths or log_kind):
        raise click.UsageError("--imap reads a folder: give no PATHS and no --log")
    if not imap_url and not paths:
        raise click.UsageError("give PATHS (or - for one message on stdin), --imap URL, or --log KIND FILE...")
    if watch and not imap_url:
        raise click.UsageError("--watch goes with --imap")
    if (follow or state_file or own_senders) and not log_kind:
        raise click.UsageError("--follow, --state and --own-sender go with --log")
    if follow and len(paths) != 1:
        raise click.UsageError("--follow reads one log file (its rotated files are found next to it)")


def _pipe(db, config_path, verp: str | None, verp_separator: str, as_json: bool) -> None:
    """One message from an MTA pipe (Postfix pipe(8), an Exim pipe transport, .forward): sysexits codes.

    A database that cannot be reached, and a configuration that cannot be read, are
    EX_TEMPFAIL: the MTA keeps the message until someone fixes it. Only a message that
    no retry can make readable is EX_DATAERR (the MTA returns it). No blocklist lookups
    here (an MTA waits for the pipe): `bounceback incidents check` does them later.
    """
    try:
        pattern = verp_pattern(verp, verp_separator, config_path)
        with open_store(db, config_path) as store:
            summary = ingest(store, ["-"], on_problem=warn, verp=pattern)
    except BouncebackError as exc:  # StoreError, or a bad bounceback.toml / --verp
        warn(f"{exc} (the MTA will try again later)")
        sys.exit(EX_TEMPFAIL)
    if as_json:
        print_json({"db": store.label, **summary.to_dict()})
    else:
        _print(summary, store.label, None)
    sys.exit(EX_DATAERR if summary.count("unreadable") else EX_OK)


def _imap(store, url: str, move_to: str, unrecognized_to: str | None, watch: bool, pattern) -> IngestSummary:
    from ..hygiene.feeds import ingest_imap
    from ..sources.imap import ImapSource, parse_url
    from .imap import password_for

    target = parse_url(url)
    stop = stop_on_signal() if watch else (lambda: False)
    with ImapSource(target, password_for(target), move_to=move_to, unrecognized_to=unrecognized_to) as source:
        return ingest_imap(store, source, watch=watch, stop=stop, verp=pattern, on_problem=warn)


def _logs(store, kind: str, paths: tuple[str, ...], follow: bool, state_file: str | None,
          own_senders: tuple[str, ...]) -> IngestSummary:
    from ..hygiene.feeds import ingest_log
    from ..sources.logs import LogReader, LogState, make_parser
    from ..sources.logs.reader import default_state_file

    if follow and not state_file:
        state_file = str(default_state_file(kind, paths[0]))
    reader = LogReader(make_parser(kind, own_senders=tuple(own_senders)),
                       LogState.load(kind, state_file) if state_file else None)
    saved = [reader.position]

    def save() -> None:
        if state_file and reader.position != saved[0]:
            reader.snapshot().save(state_file)
            saved[0] = reader.position

    stop = stop_on_signal() if follow else (lambda: False)
    return ingest_log(store, reader, paths, follow=follow, stop=stop, save=save, on_problem=warn)


def _with_progress(store, paths, pattern) -> IngestSummary:
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

        return ingest(store, paths, on_message=on_message, verp=pattern,
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
    examples = (f"; {len(e.documentation)} reserved for examples not looked up ({', '.join(e.documentation)}: "
                "name a --resolver to look them up)") if e.documentation else ""
    if e.offline:
        return f"{head}: {e.deferred} not looked up (offline); `bounceback incidents check` looks them up."
    if not e.targets and examples:
        return f"{head}: {examples[2:]}."
    done = [f"{e.checked} looked up ({e.queries} DNS queries)", f"{e.cached} from the cache"]
    if e.deferred:
        done.append(f"{e.deferred} left for later (lookup budget)")
    found = [f"LISTED: {', '.join(e.listed)}"] if e.listed else []
    found += [f"unknown: {', '.join(e.unknown)}"] if e.unknown else []
    return f"{head}: {', '.join(done)}; {'; '.join(found) or 'none listed'}{examples} (see `bounceback report`)."
