"""``ingest`` from the other places bounces live: an IMAP folder and MTA logs.

Both record exactly what ``ingest`` of files records (``store.record``), and both
acknowledge their input only after it is committed:

* IMAP: a message is moved (or flagged) only after its events are in the database.
  Killed in between, it is read again and skipped by its fingerprint, then moved.
* Logs: every line that yields records is one recorded unit whose fingerprint is
  the line's place in its file (the file's first-line fingerprint and the byte
  offset), so the same log read again — under another name, rotated, compressed,
  or after a kill — adds nothing. Lines are committed in batches, one transaction
  each; the reader's state (positions, queue table) is saved after each commit.
  Deliveries are recorded only after an earlier failure of the address (``worth_recording``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import func, select

from ..address import normalize
from ..classify import classify
from ..model import Delivery
from ..sources.imap import ImapError, ImapSource
from ..sources.logs import LogReader, Position
from ..store import Store, utcnow
from ..store.models import Event, Message
from ..store.record import event_time, fingerprint, record_messages
from ..verp import VerpPattern
from .evidence import targets_of, with_clues
from .ingest import IngestSummary, _one, _recipients, _Tally, summarize

LOG_BATCH = 500  # log lines per transaction


def _never() -> bool:
    return False


def was_bounce(store: Store, fp: str) -> bool:
    with store.reader.connect() as conn:
        return bool(conn.execute(select(Message.is_bounce).where(Message.fingerprint == fp)).scalar())


def ingest_imap(store: Store, source: ImapSource, *, watch: bool = False, stop: Callable[[], bool] = _never,
                verp: VerpPattern | None = None, now: datetime | None = None,
                on_message: Callable[[str], None] | None = None,
                on_problem: Callable[[str], None] | None = None) -> IngestSummary:
    """Record the folder's messages, then move each (``source.move_to``, or ``unrecognized_to`` for non-bounces).

    With ``watch``, keep going (IDLE, reconnecting) until ``stop()``.
    """
    started = time.monotonic()
    tally = _Tally()
    if watch:
        messages: Iterable = source.watch(stop=stop, on_error=lambda e: tally.problem(str(e), on_problem))
    else:
        messages = source.messages()
    for msg in messages:
        outcome = _one(store, msg.source, msg.raw, now, tally, on_problem, verp)
        tally.messages[outcome] += 1
        recognized = outcome == "recorded" or (
            outcome == "already ingested" and was_bounce(store, fingerprint(msg.raw)))
        try:
            source.acknowledge(msg.uid, recognized)
        except ImapError as exc:
            if not watch:
                raise
            tally.problem(str(exc), on_problem)
            source.close()  # watch() reconnects; the message is read again and skipped by fingerprint
        if on_message:
            on_message(outcome)
        if stop():
            break
    return summarize(tally, started)


def worth_recording(store: Store, pending: list[tuple[str, str, tuple[Delivery, ...]]],
                    now: datetime) -> list[tuple[str, str, list[Delivery]]]:
    """The lines to record: a delivery counts only after an earlier failure of its address.

    A log is mostly deliveries ("status=sent"); their one effect is to reset the strikes
    of failures before them, and an address without an earlier failure has none. Recording
    them all would make every logged delivery a database write (and a classification) for
    nothing. The test is on event time (the store's events and this batch's), so reading
    the same log again decides the same way and adds nothing.
    """
    first: dict[str, datetime] = {}
    delivered: set[str] = set()
    for _, _, ds in pending:
        for d in ds:
            address = normalize(d.recipient)
            if address is None:
                continue
            if d.action == "delivered":
                delivered.add(address)
            else:
                at = event_time(d, now) or now
                first[address] = min(first.get(address, at), at)
    for address, at in first_events(store, delivered).items():
        first[address] = min(first.get(address, at), at)
    out = []
    for fp, source, ds in pending:
        keep = []
        for d in ds:
            address = normalize(d.recipient) if d.action == "delivered" else None
            if address is not None and not (address in first and first[address] < (event_time(d, now) or now)):
                continue
            keep.append(d)
        if keep:
            out.append((fp, source, keep))
    return out


def first_events(store: Store, addresses: set[str]) -> dict[str, datetime]:
    """The time of each address's first recorded event (addresses without any are absent)."""
    found: dict[str, datetime] = {}
    items = sorted(addresses)
    with store.reader.connect() as conn:
        for i in range(0, len(items), 500):
            chunk = items[i : i + 500]
            found.update(conn.execute(select(Event.address, func.min(Event.event_at))
                                      .where(Event.address.in_(chunk)).group_by(Event.address)).all())
    return found


def line_fingerprint(kind: str, pos: Position, deliveries: tuple[Delivery, ...]) -> str:
    """Where the line is (file fingerprint + offset); stdin has no place, so what it said."""
    if pos.fingerprint:
        key = f"log:{kind}:{pos.fingerprint}:{pos.offset}"
    else:
        key = f"log:{kind}:stdin:{deliveries!r}"
    return hashlib.sha256(key.encode()).hexdigest()


def ingest_log(store: Store, reader: LogReader, paths: Iterable[str], *, follow: bool = False,
               stop: Callable[[], bool] = _never, save: Callable[[], None] | None = None,
               now: datetime | None = None, batch: int = LOG_BATCH, poll: float = 0.5,
               on_problem: Callable[[str], None] | None = None) -> IngestSummary:
    """Record the delivery outcomes of MTA logs; ``follow`` keeps reading the one path given until ``stop()``."""
    started = time.monotonic()
    tally = _Tally()
    kind = reader.parser.kind
    pending: list[tuple[str, str, tuple[Delivery, ...]]] = []

    def commit() -> None:
        at = now or utcnow()
        items = []
        for fp, source, ds in worth_recording(store, pending, at):
            recipients = with_clues(_recipients([classify(d, source) for d in ds], source, tally, on_problem),
                                    None, store.policy)
            if recipients:
                items.append((fp, source, recipients))
        if items:
            results = record_messages(store, items, at)
            for (_, _, recipients), rec in zip(items, results, strict=True):
                tally.messages["already ingested" if rec.duplicate else "recorded"] += 1
                tally.outcomes.update(outcome for _, outcome in rec.outcomes)
                if not rec.duplicate:
                    tally.targets.update(dict.fromkeys(targets_of(recipients)))
        pending.clear()
        if save is not None:
            save()

    def problem(exc) -> None:
        tally.messages["unreadable"] += 1
        tally.problem(str(exc), on_problem)

    if follow:
        stream = reader.follow(next(iter(paths)), stop=stop, poll=poll, idle=commit, batched=True)
    else:
        stream = reader.read(paths, on_error=problem, batched=True)
    for pos, deliveries in stream:
        pending.append((line_fingerprint(kind, pos, deliveries), f"{pos.path}:{pos.line}", deliveries))
        if len(pending) >= batch:
            commit()
        if stop():
            break
    commit()
    return summarize(tally, started)
