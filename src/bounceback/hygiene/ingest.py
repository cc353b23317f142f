"""``ingest``: read messages, decode them, record them, apply the policy.

Messages are decoded outside the database and recorded in batches, one
transaction per batch (``store.record.record_messages``): killed at any moment,
a batch is in the database whole or not at all, and a rerun skips what was
recorded by its content fingerprint before it is even decoded. (IMAP records
one message per transaction: each is moved on the server after its commit.)
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .. import parse
from ..address import normalize
from ..errors import InputError
from ..sources.files import iter_messages
from ..store import Store, utcnow
from ..store.record import Recipient, Recorded, fingerprint, is_recorded, record_message, record_messages
from ..verp import VerpPattern
from .evidence import targets_of, with_clues

# what a message can be, in the summary's order
MESSAGE_OUTCOMES = ("recorded", "already ingested", "not a bounce", "unreadable")
# messages per transaction, and the longest a decoded message waits for its commit: a commit
# costs more than recording a message (PostgreSQL: a round trip and a WAL flush)
BATCH_MESSAGES = 200
BATCH_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class IngestSummary:
    messages: int
    by_message: tuple[tuple[str, int], ...]  # MESSAGE_OUTCOMES -> count
    events: int
    by_outcome: tuple[tuple[str, int], ...]  # what the policy did with each recorded event
    problems: tuple[str, ...] = ()  # one line per input that could not be read
    seconds: float = 0.0
    evidence_targets: tuple[str, ...] = ()  # sending IPs, hosts, domains the new sender-side events name

    def count(self, outcome: str) -> int:
        return dict(self.by_message).get(outcome, 0) or dict(self.by_outcome).get(outcome, 0)

    def to_dict(self) -> dict[str, Any]:
        return {"messages": self.messages, "by_message": dict(self.by_message), "events": self.events,
                "by_outcome": dict(self.by_outcome), "problems": list(self.problems),
                "seconds": round(self.seconds, 3), "evidence_targets": list(self.evidence_targets)}


@dataclass(slots=True)
class _Tally:
    messages: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    targets: dict[str, None] = field(default_factory=dict)  # evidence targets, in order

    def problem(self, line: str, on_problem: Callable[[str], None] | None) -> None:
        self.problems.append(line)
        if on_problem:
            on_problem(line)


def _recipients(bounces, source: str, tally: _Tally, on_problem) -> list[Recipient]:
    """The bounces to record, each under the address the sender used: the Original-Recipient
    when the report names one (the list holds that address; the one it was forwarded to failed),
    else the recipient. The event keeps the recipient as the bounce wrote it."""
    out = []
    for b in bounces:
        address = (normalize(b.original_recipient) if b.original_recipient else None) or normalize(b.recipient)
        if address is None:
            tally.problem(f"{source}: recipient {b.recipient!r} is not an email address; skipped", on_problem)
            continue
        out.append(Recipient(address, b))
    return out


def ingest(store: Store, paths: Iterable[str], *, now: datetime | None = None,
           on_message: Callable[[str], None] | None = None,
           on_problem: Callable[[str], None] | None = None, verp: VerpPattern | None = None) -> IngestSummary:
    """Decode and record every message under ``paths`` (files, dirs, mbox, Maildir, ``-``)."""
    started = time.monotonic()
    tally = _Tally()
    batch: list[_Decoded] = []
    opened = time.monotonic()

    def done(outcome: str) -> None:
        tally.messages[outcome] += 1
        if on_message:
            on_message(outcome)

    for item in iter_messages(paths):
        if isinstance(item, InputError):
            tally.problem(str(item), on_problem)
            done("unreadable")
            continue
        # "path", or "path (message N)" for one of several messages in an mbox
        decoded = _decode(store, item.label, item.data, tally, on_problem, verp)
        if isinstance(decoded, str):
            done(decoded)
            continue
        if not batch:
            opened = time.monotonic()
        batch.append(decoded)
        if len(batch) >= BATCH_MESSAGES or time.monotonic() - opened >= BATCH_SECONDS:
            _flush(store, batch, now, tally, done)
    _flush(store, batch, now, tally, done)
    return summarize(tally, started)


def summarize(tally: _Tally, started: float) -> IngestSummary:
    return IngestSummary(
        messages=sum(tally.messages.values()),
        by_message=tuple((k, tally.messages[k]) for k in MESSAGE_OUTCOMES),
        events=sum(tally.outcomes.values()),
        by_outcome=tuple(sorted(tally.outcomes.items(), key=lambda kv: (-kv[1], kv[0]))),
        problems=tuple(tally.problems),
        seconds=time.monotonic() - started,
        evidence_targets=tuple(tally.targets),
    )


@dataclass(frozen=True, slots=True)
class _Decoded:
    """A message decoded and ready to record."""

    fingerprint: str
    source: str
    recipients: list[Recipient]


def _decode(store: Store, source: str, raw: bytes, tally: _Tally, on_problem,
            verp: VerpPattern | None) -> _Decoded | str:
    """The message to record, or its outcome when there is nothing to record."""
    fp = fingerprint(raw)
    if is_recorded(store, fp):
        return "already ingested"
    try:
        bounces = parse(raw, source, verp)
    except (ValueError, LookupError, UnicodeError, RecursionError, MemoryError) as exc:
        tally.problem(f"{source}: cannot decode message ({type(exc).__name__}: {exc})", on_problem)
        return "unreadable"
    recipients = with_clues(_recipients(bounces, source, tally, on_problem), raw, store.policy)
    if bounces and not recipients:
        return "unreadable"  # it was a bounce, but for nobody we could name: nothing to record
    return _Decoded(fp, source, recipients)


def _outcome(decoded: _Decoded, recorded: Recorded, tally: _Tally) -> str:
    if recorded.duplicate:
        return "already ingested"  # recorded since we looked: by another process, or earlier in this input
    tally.outcomes.update(outcome for _, outcome in recorded.outcomes)
    tally.targets.update(dict.fromkeys(targets_of(decoded.recipients)))
    return "recorded" if decoded.recipients else "not a bounce"


def _flush(store: Store, batch: list[_Decoded], now: datetime | None, tally: _Tally,
           done: Callable[[str], None]) -> None:
    if not batch:
        return
    results = record_messages(store, [(d.fingerprint, d.source, d.recipients) for d in batch], now or utcnow())
    for decoded, recorded in zip(batch, results, strict=True):
        done(_outcome(decoded, recorded, tally))
    batch.clear()


def _one(store: Store, source: str, raw: bytes, now: datetime | None, tally: _Tally, on_problem,
         verp: VerpPattern | None = None) -> str:
    """Decode and record one message in its own transaction."""
    decoded = _decode(store, source, raw, tally, on_problem, verp)
    if isinstance(decoded, str):
        return decoded
    return _outcome(decoded, record_message(store, decoded.fingerprint, source, decoded.recipients,
                                            now or utcnow()), tally)
