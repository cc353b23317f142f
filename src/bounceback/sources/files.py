"""Messages from paths: an .eml file, a directory (recursive), an mbox, a Maildir, or ``-`` (stdin).

Yields ``Raw`` items, which unpack as ``(source, raw bytes)``; a path that cannot be
read yields an ``InputError`` in its place so the caller can report it and go on.
``source`` is always the path as given (the file inside a directory or Maildir);
the messages of an mbox holding several share it and differ by ``index`` (1, 2 ...),
so records of one mbox still name the file a user can open.

``iter_units`` lists the same without reading small files (``FileRef``), so that
parallel decoding reads each file in the worker that decodes it.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .. import patterns
from ..decode.message import normalize_newlines
from ..errors import InputError

MAX_FILE_BYTES = 64 * 1024 * 1024  # a single message larger than this is cut (decoders read far less)


@dataclass(frozen=True, slots=True)
class Raw:
    """One message: where it came from and its bytes. Unpacks as ``source, data``."""

    source: str
    data: bytes
    index: int = 0  # 1-based position in an mbox of several messages; 0: the file is the message

    def __iter__(self) -> Iterator:
        return iter((self.source, self.data))

    @property
    def label(self) -> str:
        """For people: ``path`` or ``path (message N)``."""
        return f"{self.source} (message {self.index})" if self.index else self.source


Item = Raw | InputError


def is_maildir(path: str) -> bool:
    return os.path.isdir(os.path.join(path, "cur")) and os.path.isdir(os.path.join(path, "new"))


def is_mbox(head: bytes) -> bool:
    return head.startswith(b"From ")


# The "From " line that opens each message of an mbox: sender, then an asctime date
# ("From MAILER-DAEMON  Thu Jul  2 12:05:05 2020"), as mail(1), Postfix's local(8) and
# procmail write it. A line this exact opens a message even when no blank line comes
# first, which happens where a writer appended to a file that did not end in one.
_POSTMARK = patterns.compile(
    r"From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" +\d{1,2} \d{1,2}:\d{2}(?::\d{2})? (?:[A-Z]{3,4} )?\d{4}",
    ignore_case=False,
)


def _opens_message(data: bytes, at: int) -> bool:
    """Whether the "From " line at ``at`` opens a message: after a blank line, or a full postmark."""
    if data[at - 2 : at] == b"\n\n":
        return True
    return _POSTMARK.match(data[at : at + 200].decode("latin-1")) is not None


def split_mbox(data: bytes) -> Iterator[bytes]:
    """Messages of an mbox: each starts at a "From " line at the start of the file, after a
    blank line, or anywhere when the line is a full postmark (sender and date)."""
    data = normalize_newlines(data)  # CRLF and old-Mac CR files too
    starts = [0] if data.startswith(b"From ") else []
    pos = 0
    while True:
        i = data.find(b"\nFrom ", pos)
        if i < 0:
            break
        if _opens_message(data, i + 1):
            starts.append(i + 1)
        pos = i + 1
    for n, s in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(data)
        chunk = data[s:end]
        nl = chunk.find(b"\n")
        body = chunk[nl + 1 :] if nl >= 0 else b""
        yield body.replace(b"\n>From ", b"\nFrom ")


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(MAX_FILE_BYTES)


def _file(path: str, label: str) -> Iterator[Item]:
    try:
        data = _read(path)
    except OSError as exc:
        yield InputError(label, exc.strerror or str(exc))
        return
    yield from _messages(data, label)


def _messages(data: bytes, label: str) -> Iterator[Item]:
    """One message, or each message of an mbox with its position (none if it holds one)."""
    if not is_mbox(data[:5]):
        yield Raw(label, data)
        return
    messages = list(split_mbox(data))
    if len(messages) == 1:
        yield Raw(label, messages[0])
        return
    for n, msg in enumerate(messages, 1):
        yield Raw(label, msg, n)


# Files up to this size are read by whoever decodes them (a worker process, when decoding
# runs in parallel), so reading is shared out too; a larger file (a big mbox) is read
# and split where the messages are listed, so its messages still spread over workers.
READ_WHERE_DECODED = 1 << 20


@dataclass(frozen=True, slots=True)
class FileRef:
    """A file not read yet: ``messages()`` reads it (its messages, or the error reading it)."""

    path: str
    label: str

    def messages(self) -> list[Item]:
        return list(_file(self.path, self.label))


Unit = Raw | InputError | FileRef


def _unit(path: str, label: str, size: int) -> Iterator[Unit]:
    if size <= READ_WHERE_DECODED:
        yield FileRef(path, label)
    else:
        yield from _file(path, label)


def _maildir(path: str, label: str) -> Iterator[Unit]:
    for sub in ("new", "cur"):
        folder = os.path.join(path, sub)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield InputError(folder, exc.strerror or str(exc))
            continue
        for e in entries:
            if not e.name.startswith(".") and e.is_file():
                yield from _unit(e.path, os.path.join(label, sub, e.name), _size(e))


def _size(entry: os.DirEntry) -> int:
    try:
        return entry.stat().st_size
    except OSError:
        return 0  # gone or unreadable: reading it reports why


def _directory(path: str, label: str) -> Iterator[Unit]:
    if is_maildir(path):
        yield from _maildir(path, label)
        return
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(label, exc.strerror or str(exc))
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        child = os.path.join(label, e.name)
        if e.is_dir(follow_symlinks=False):
            yield from _directory(e.path, child)
        elif e.is_file():
            yield from _unit(e.path, child, _size(e))


def iter_units(paths: Iterable[str]) -> Iterator[Unit]:
    """What the paths hold, in a stable order: messages, errors, and small files not read yet."""
    for p in paths:
        if p == "-":
            yield from _messages(sys.stdin.buffer.read(MAX_FILE_BYTES), "-")
            continue
        try:
            st = os.stat(p)
        except FileNotFoundError:
            yield InputError(p, "no such file or directory")
            continue
        except OSError as exc:
            yield InputError(p, exc.strerror or str(exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _directory(p, p)
        else:
            yield from _unit(p, p, st.st_size)


def iter_messages(paths: Iterable[str]) -> Iterator[Item]:
    """Every message under the given paths, in a stable order."""
    for unit in iter_units(paths):
        if isinstance(unit, FileRef):
            yield from unit.messages()
        else:
            yield unit
