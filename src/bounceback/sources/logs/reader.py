"""Reading log files: rotated and compressed files, resumable positions, ``--follow``.

A file is known by its *fingerprint* (a hash of its first line), not by its name
or inode: ``mail.log`` rotated to ``mail.log.1`` and later compressed to
``mail.log.1.gz`` is still the same file, so a position taken in it stays valid.
``LogState`` maps fingerprints to positions (and keeps the parser's queue table),
so reading a file again, after a restart or a rotation, starts where it stopped.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import hashlib
import json
import lzma
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from ...errors import InputError
from ...model import Delivery
from .common import LineParser

MAX_LINE = 64 * 1024  # longer lines are cut (no MTA writes them; a broken file might)
MAX_POSITIONS = 64  # files remembered in a state


@dataclass(frozen=True, slots=True)
class Position:
    """Where reading stands in one file: every line before ``offset`` has been handled."""

    path: str
    fingerprint: str
    offset: int  # bytes of (uncompressed) content consumed
    line: int  # lines consumed


Record = tuple[Position, Delivery]
Batch = tuple[Position, tuple[Delivery, ...]]  # the records of one line

_COMPRESSED = ((b"\x1f\x8b", gzip.open), (b"BZh", bz2.open), (b"\xfd7zXZ\x00", lzma.open))


def open_log(path: str | Path) -> IO[bytes]:
    """A binary handle on the log's text, decompressing gzip, bzip2 and xz by their magic bytes."""
    fh = open(path, "rb")  # noqa: SIM115 - returned to the caller
    head = fh.read(6)
    for magic, opener in _COMPRESSED:
        if head.startswith(magic):
            fh.close()
            return opener(path, "rb")
    fh.seek(0)
    return fh


def fingerprint_of(fh: IO[bytes]) -> str:
    """Hash of the first complete line ('' while there is none); leaves the handle at the start."""
    fh.seek(0)
    first = fh.readline(MAX_LINE)
    fh.seek(0)
    if not first.endswith(b"\n"):
        return ""
    return hashlib.sha1(first).hexdigest()[:20]


def fingerprint(path: str | Path) -> str:
    with open_log(path) as fh:
        return fingerprint_of(fh)


def _rotation(name: str) -> tuple[str, tuple[int, str]]:
    """``mail.log.2.gz`` -> (``mail.log``, age key); older files get smaller keys."""
    for ext in (".gz", ".bz2", ".xz"):
        if name.endswith(ext):
            name = name[: -len(ext)]
            break
    base, dot, n = name.rpartition(".")
    if dot and n.isdigit() and len(n) < 5:
        return base, (0, f"{99999 - int(n):05d}")
    base, dash, d = name.rpartition("-")
    if dash and d.isdigit() and len(d) >= 8:
        return base, (1, d)
    return name, (2, "")


def rotation_order(paths: Iterable[str]) -> list[str]:
    """Paths with rotated siblings oldest first (``x.3.gz``, ``x.2.gz``, ``x.1``, ``x``), logs in given order."""
    bases: dict[str, int] = {}
    keyed = []
    for i, p in enumerate(paths):
        base, age = _rotation(p)
        bases.setdefault(base, i)
        keyed.append((bases[base], age, i, p))
    return [p for *_, p in sorted(keyed)]


def rotated_siblings(path: str) -> list[str]:
    """Files next to ``path`` that logrotate/savelog made from it, oldest first."""
    d, name = os.path.split(path)
    try:
        names = os.listdir(d or ".")
    except OSError:
        return []
    sibs = [os.path.join(d, n) for n in names if n != name and n.startswith(name) and _rotation(n)[0] == name]
    return rotation_order(sibs)


def default_state_file(kind: str, path: str) -> Path:
    """Where ``--follow`` keeps its position for ``path`` unless told otherwise."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    key = hashlib.sha1(os.path.abspath(path).encode()).hexdigest()[:12]
    return Path(base) / "bounceback" / f"follow-{kind}-{key}.json"


class LogState:
    """Positions by file fingerprint, plus the parser's context; saved as JSON (atomically)."""

    def __init__(self, kind: str, positions: dict[str, Position] | None = None,
                 context: dict[str, Any] | None = None) -> None:
        self.kind = kind
        self.positions = dict(positions or {})
        self.context = context or {}

    def get(self, fp: str) -> Position | None:
        return self.positions.get(fp)

    def advance(self, pos: Position) -> None:
        self.positions.pop(pos.fingerprint, None)
        self.positions[pos.fingerprint] = pos
        while len(self.positions) > MAX_POSITIONS:
            self.positions.pop(next(iter(self.positions)))

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "positions": [[p.path, p.fingerprint, p.offset, p.line]
                                                 for p in self.positions.values()],
                "context": self.context}

    @classmethod
    def from_json(cls, kind: str, data: Any) -> LogState:
        state = cls(kind)
        if not isinstance(data, dict) or data.get("kind") != kind:
            return state
        for row in data.get("positions") or ():
            if (isinstance(row, list) and len(row) == 4 and isinstance(row[0], str) and isinstance(row[1], str)
                    and isinstance(row[2], int) and isinstance(row[3], int)):
                state.positions[row[1]] = Position(*row)
        if isinstance(data.get("context"), dict):
            state.context = data["context"]
        return state

    @classmethod
    def load(cls, kind: str, path: str | Path) -> LogState:
        """The state saved in ``path`` (empty when the file does not exist yet)."""
        try:
            text = Path(path).read_text("utf-8")
        except FileNotFoundError:
            return cls(kind)
        except OSError as exc:
            raise InputError(str(path), f"cannot read the state file ({exc.strerror or exc})") from None
        try:
            return cls.from_json(kind, json.loads(text))
        except ValueError:
            raise InputError(str(path), "the state file is not JSON; remove it to start over") from None

    def save(self, path: str | Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(self.to_json(), fh, separators=(",", ":"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)


class LogReader:
    """Streams ``(Position, Delivery)`` from log files through one parser.

    Records of one line come one after another and share its ``Position``. A
    caller that commits positions asks for ``batched=True`` and gets
    ``(Position, (Delivery, ...))`` per line instead: once a batch is stored,
    ``snapshot()`` is exactly the state to save (the parser has read nothing
    beyond that line yet).
    """

    def __init__(self, parser: LineParser, state: LogState | None = None) -> None:
        self.parser = parser
        self.state = state or LogState(parser.kind)
        if self.state.context:
            parser.restore(self.state.context)
        self._pos: Position | None = None

    @property
    def position(self) -> Position | None:
        """The position after the last line read (None before any)."""
        return self._pos

    def snapshot(self) -> LogState:
        """The state to save now: positions plus the parser's current queue table."""
        if self._pos is not None and self._pos.fingerprint:
            self.state.advance(self._pos)
        self.state.context = self.parser.state()
        return self.state

    def read_file(self, path: str) -> Iterator[Batch]:
        """Every record in ``path`` after the position remembered for it; a missing file is an ``InputError``.

        ``-`` reads standard input (e.g. ``journalctl -u postfix -o short-iso | ...``), without positions.
        """
        if path == "-":
            self.parser.clock.reference = datetime.now().astimezone()
            yield from self._lines(sys.stdin.buffer, "-", "", live=False)
            return
        try:
            fh = open_log(path)
        except OSError as exc:
            raise InputError(path, exc.strerror or str(exc)) from None
        with fh:
            try:
                self.parser.clock.reference = datetime.fromtimestamp(os.stat(path).st_mtime).astimezone()
                # a file of one unfinished line has no fingerprint yet: read it, remember nothing
                yield from self._lines(fh, path, fingerprint_of(fh), live=False)
            except (OSError, EOFError, lzma.LZMAError) as exc:
                at = self._pos.line if self._pos else 0
                raise InputError(path, f"unreadable after line {at} ({exc})") from None

    def read(self, paths: Iterable[str], on_error: Callable[[InputError], None], *,
             batched: bool = False) -> Iterator[Any]:
        """All files, rotated ones oldest first; each unreadable one is reported and skipped."""
        return self._out(self._read(paths, on_error), batched)

    def _read(self, paths: Iterable[str], on_error: Callable[[InputError], None]) -> Iterator[Batch]:
        for p in rotation_order(paths):
            try:
                yield from self.read_file(p)
            except InputError as exc:
                on_error(exc)

    @staticmethod
    def _out(stream: Iterator[Batch], batched: bool) -> Iterator[Any]:
        if batched:
            return stream
        return ((pos, d) for pos, records in stream for d in records)

    def _lines(self, fh: IO[bytes], path: str, fp: str, *, live: bool) -> Iterator[Batch]:
        start = self.state.get(fp) if fp else None  # no fingerprint (stdin): nothing to resume or remember
        offset, line_no = (start.offset, start.line) if start else (0, 0)
        if offset:
            fh.seek(offset)
        feed = self.parser.feed
        self._pos = Position(path, fp, offset, line_no)
        for raw in fh:
            if not raw.endswith(b"\n") and live:
                break  # the writer is in the middle of this line: read it next time
            offset += len(raw)
            line_no += 1
            records = feed(raw[:MAX_LINE].decode("utf-8", "replace"))
            if records:
                self._pos = Position(path, fp, offset, line_no)
                yield self._pos, records
        self._pos = Position(path, fp, offset, line_no)
        if fp:
            self.state.advance(self._pos)
        if live:
            fh.seek(offset)

    def follow(self, path: str, *, stop: Callable[[], bool] = lambda: False, poll: float = 0.5,
               idle: Callable[[], None] | None = None, batched: bool = False) -> Iterator[Any]:
        """Records of ``path`` as the MTA writes them, until ``stop()``; survives rotation and truncation.

        First finishes rotated siblings this state was still reading, then reads
        ``path`` from its remembered position and waits for more. When the name
        points to a new file (rotation) or the file shrank (copytruncate), the
        old handle is drained and the new file is read from its start.
        ``idle()`` is called whenever everything written so far has been yielded.
        """
        return self._out(self._follow(path, stop, poll, idle), batched)

    def _follow(self, path: str, stop: Callable[[], bool], poll: float,
                idle: Callable[[], None] | None) -> Iterator[Batch]:
        for sib in rotated_siblings(path):
            with contextlib.suppress(OSError, InputError):
                if self.state.get(fingerprint(sib)) is not None:
                    yield from self.read_file(sib)
        while not stop():
            try:
                fh = open_log(path)
            except OSError:
                self._wait(idle, poll)
                continue
            with fh:
                fp = fingerprint_of(fh)
                if not fp:
                    self._wait(idle, poll)
                    continue
                ino = os.fstat(fh.fileno()).st_ino if hasattr(fh, "fileno") else 0
                while not stop():
                    self.parser.clock.reference = datetime.now().astimezone()
                    yield from self._lines(fh, path, fp, live=True)
                    change = self._changed(path, ino, fp, self._pos.offset if self._pos else 0)
                    if change == "rotated":
                        yield from self._lines(fh, path, fp, live=False)  # what was written before the switch
                    if change:
                        break
                    self._wait(idle, poll)

    @staticmethod
    def _changed(path: str, ino: int, fp: str, offset: int) -> str:
        """'rotated' (the name is another file now), 'truncated' (copytruncate), or ''."""
        try:
            st = os.stat(path)
            if st.st_ino != ino:
                return "rotated"
            if st.st_size < offset:
                return "truncated"
            now = fingerprint(path)
        except OSError:
            return ""  # between rename and create: keep the old handle a little longer
        return "truncated" if now and now != fp else ""

    @staticmethod
    def _wait(idle: Callable[[], None] | None, poll: float) -> None:
        if idle is not None:
            idle()
        time.sleep(poll)

