"""``validate`` on a CSV file: every other column and the row order kept, check columns added.

The delimiter is the one (of , ; TAB |) that makes the header contain the address
column. ``check_suppressed`` says whether the address is already suppressed
(``suppressed``, ``unsubscribed`` or ``no``) when a suppression lookup is given
(the CLI gives one when there is a database), else it stays empty. Bytes that are not UTF-8 pass through unchanged in the other columns; a
row whose address cell cannot be read is reported (one line naming file and line)
and written with ``check_result = unreadable``; the rest is processed. Running it
again on its own output replaces the check columns instead of adding new ones.
"""

from __future__ import annotations

import asyncio
import csv
import io
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from ..address import normalize
from ..errors import InputError
from . import DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT
from .resolver import Lookup, Server, parse_server
from .validate import AddressCheck, Progress, check_addresses_async

COLUMNS = ("check_result", "check_reason", "check_role", "check_normalized", "check_detail", "check_suppressed")
# normalized addresses -> {address: "suppressed" | "unsubscribed"} for those in force now (one batched call)
SuppressedLookup = Callable[[Sequence[str]], Mapping[str, str]]
DELIMITERS = ",;\t|"


@dataclass(frozen=True, slots=True)
class Row:
    line: int  # where the row starts in the file (1 = header)
    fields: tuple[str, ...]
    address: str | None  # None: the row could not be read
    problem: str = ""


@dataclass(frozen=True, slots=True)
class CheckedRow:
    line: int
    address: str
    check: AddressCheck | None  # None: unreadable row
    problem: str = ""  # why the row could not be read
    suppressed: str = ""  # suppressed | unsubscribed | no; "" when not looked up (no database, no address)

    def to_dict(self) -> dict[str, object]:
        if self.check is None:
            return {"line": self.line, "address": self.address, "result": "unreadable", "reason": "row",
                    "role": False, "normalized": "", "detail": self.problem, "suppressed": None}
        return {"line": self.line, **self.check.to_dict(), "suppressed": self.suppressed or None}


@dataclass(frozen=True, slots=True)
class CsvReport:
    rows: tuple[CheckedRow, ...]
    errors: tuple[InputError, ...]  # unreadable rows
    domains: int  # distinct domains looked up
    queries: int  # DNS queries sent

    def counts(self) -> Counter[str]:
        return Counter("unreadable" if r.check is None else r.check.result for r in self.rows)

    @property
    def roles(self) -> int:
        return sum(1 for r in self.rows if r.check is not None and r.check.role)

    @property
    def suppressed(self) -> int:
        """Rows whose address is already suppressed or unsubscribed."""
        return sum(1 for r in self.rows if r.suppressed not in ("", "no"))

    @property
    def exit_code(self) -> int:
        """0 every row checked; 1 some row could not be read; 3 some domain could not be looked up."""
        return 1 if self.errors else 3 if self.counts()["unknown"] else 0


@dataclass(frozen=True, slots=True)
class Table:
    dialect: type[csv.Dialect] | csv.Dialect
    header: tuple[str, ...]
    column: int
    rows: tuple[Row, ...]
    lineterminator: str


def read_table(path: str, column: str = "email") -> Table:
    try:
        if path == "-":
            text = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="surrogateescape").read()
        else:
            with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as f:
                text = f.read()
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    first = text.split("\n", 1)[0]
    lineterminator = "\r\n" if first.endswith("\r") else "\n"
    want = column.strip().lower()
    for delimiter in DELIMITERS:
        header = next(csv.reader([first.rstrip("\r")], delimiter=delimiter), [])
        names = [h.strip().lower() for h in header]
        if want in names:
            break
    else:
        shown = first.rstrip("\r")[:200] or "(empty file)"
        raise InputError(path, f"no column {column!r} in the header line: {shown}")
    dialect = type("Sniffed", (csv.excel,), {"delimiter": delimiter})
    index = names.index(want)
    return Table(dialect, tuple(header), index, tuple(_rows(path, text, dialect, index, column)), lineterminator)


def _rows(path: str, text: str, dialect: type[csv.Dialect], index: int, column: str):
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        next(reader)
    except (StopIteration, csv.Error):
        return
    while True:
        line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Row(line, (), None, f"unreadable row ({exc})")
            continue
        if not fields:
            continue  # a blank line is no row
        if index >= len(fields):
            yield Row(line, tuple(fields), None, f"row has no {column!r} field (only {len(fields)} fields)")
        elif _not_utf8(fields[index]):
            yield Row(line, tuple(fields), None, f"the {column!r} field is not UTF-8 text")
        else:
            yield Row(line, tuple(fields), fields[index])


def _not_utf8(text: str) -> bool:
    return any("\udc80" <= c <= "\udcff" for c in text)


def check_table(table: Table, path: str, lookup: Lookup, progress: Progress | None = None,
                suppressed: SuppressedLookup | None = None) -> CsvReport:
    async def run() -> list[AddressCheck]:
        return await check_addresses_async([r.address for r in table.rows if r.address is not None], lookup,
                                           progress)

    checks = iter(asyncio.run(run()))
    rows = tuple(CheckedRow(r.line, r.address or "", next(checks) if r.address is not None else None, r.problem)
                 for r in table.rows)
    if suppressed is not None:
        rows = _with_suppressions(rows, suppressed)
    errors = tuple(InputError(f"{path}:{r.line}", r.problem) for r in table.rows if r.address is None)
    domains = len({c.normalized.rpartition("@")[2] for r in rows if (c := r.check) and c.normalized})
    return CsvReport(rows, errors, domains, lookup.queries)


def _with_suppressions(rows: tuple[CheckedRow, ...], lookup: SuppressedLookup) -> tuple[CheckedRow, ...]:
    keys = [normalize(r.check.normalized) if r.check is not None and r.check.normalized else None for r in rows]
    found = lookup(sorted({k for k in keys if k}))
    return tuple(CheckedRow(r.line, r.address, r.check, r.problem, found.get(k, "no") if k else "")
                 for r, k in zip(rows, keys, strict=True))


def write_table(table: Table, report: CsvReport, out: TextIO) -> None:
    header = list(table.header)
    places = []
    for name in COLUMNS:
        if name in header:
            places.append(header.index(name))
        else:
            places.append(len(header))
            header.append(name)
    writer = csv.writer(out, table.dialect, lineterminator=table.lineterminator)
    writer.writerow(header)
    width = len(table.header)
    for row, checked in zip(table.rows, report.rows, strict=True):
        fields = list(row.fields[:width]) + [""] * max(0, width - len(row.fields))
        fields += [""] * (len(header) - width)
        for place, value in zip(places, _annotation(checked), strict=True):
            fields[place] = value
        writer.writerow(fields + list(row.fields[width:]))


def _annotation(checked: CheckedRow) -> tuple[str, ...]:
    c = checked.check
    if c is None:
        return ("unreadable", "row", "", "", checked.problem, "")
    return (c.result, c.reason, "yes" if c.role else "no", c.normalized, c.detail, checked.suppressed)


def check_csv(path: str, column: str = "email", output: str | TextIO | None = None, *,
              resolver: str | Server | None = None, timeout: float = DEFAULT_TIMEOUT,
              concurrency: int = DEFAULT_CONCURRENCY, progress: Progress | None = None,
              suppressed: SuppressedLookup | None = None) -> CsvReport:
    """Check the address column of a CSV file; write the annotated CSV to ``output`` (a path or a stream).
    ``suppressed`` looks up which addresses are suppressed (``hygiene.check.suppressed_kinds``)."""
    table = read_table(path, column)
    server = parse_server(resolver) if isinstance(resolver, str) else resolver
    report = check_table(table, path, _lookup(server, timeout, concurrency), progress, suppressed)
    if isinstance(output, str):
        try:
            with open(output, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
                write_table(table, report, f)
        except OSError as exc:
            raise InputError(output, f"cannot write ({exc.strerror or exc})") from None
    elif output is not None:
        write_table(table, report, output)
    return report


def _lookup(server: Server | None, timeout: float, concurrency: int) -> Lookup:
    return Lookup((server,) if server else None, timeout=timeout, concurrency=concurrency)
