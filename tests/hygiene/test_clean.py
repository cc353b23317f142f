from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from bounceback.errors import InputError
from bounceback.hygiene import clean, suppressions
from bounceback.hygiene.clean import open_csv_in, open_csv_out

NOW = datetime(2026, 6, 1)


@pytest.fixture
def suppressed_store(store):
    suppressions.add(store, ["Dead@Example.org", "gone@example.net"], note="test list", now=datetime(2026, 1, 1))
    suppressions.add(store, ["left@example.com"], note="asked to leave", kind="unsubscribed",
                     now=datetime(2026, 1, 1))
    suppressions.add(store, ["paused@example.com"], note="short pause", until=datetime(2026, 2, 1),
                     now=datetime(2026, 1, 1))  # over by NOW: kept
    return store


def run_clean(store, tmp_path, data: bytes, **kw):
    src = tmp_path / "list.csv"
    src.write_bytes(data)
    out_path, removed_path = tmp_path / "clean.csv", tmp_path / "removed.csv"
    problems: list[str] = []
    with open_csv_in(str(src)) as source, open_csv_out(str(out_path)) as out, \
            open_csv_out(str(removed_path)) as removed:
        summary = clean(store, source, out, removed=removed, label="list.csv", now=NOW, on_problem=problems.append,
                        **kw)
    return summary, out_path.read_bytes(), removed_path.read_text(errors="surrogateescape"), problems


def test_keeps_other_columns_row_order_and_exact_bytes(suppressed_store, tmp_path):
    data = (b'id,name,email,notes\r\n'
            b'1,Ann,ann@example.com,"likes ""quotes"", commas"\r\n'
            b'2,Dee,DEAD@example.ORG,dead\r\n'
            b'3,Lou,left@example.com,\r\n'
            b'4,Pat,paused@example.com,pause is over\r\n'
            b'5,J\xf6rg,joerg@example.de,"two\r\nlines"\r\n'  # Latin-1 byte, a quoted line break
            b'6,Gil,<gone@example.net>,angle brackets\r\n')
    summary, out, removed, problems = run_clean(suppressed_store, tmp_path, data)
    assert out == (b'id,name,email,notes\r\n'
                   b'1,Ann,ann@example.com,"likes ""quotes"", commas"\r\n'
                   b'4,Pat,paused@example.com,pause is over\r\n'
                   b'5,J\xf6rg,joerg@example.de,"two\r\nlines"\r\n')
    assert (summary.rows, summary.kept, summary.removed) == (6, 3, 3)
    assert dict(summary.by_status) == {"suppressed": 2, "unsubscribed": 1}
    rows = list(csv.reader(io.StringIO(removed)))
    assert rows[0] == ["id", "name", "email", "notes", "bounceback_status", "bounceback_why", "bounceback_since"]
    assert [(r[0], r[4]) for r in rows[1:]] == [("2", "suppressed"), ("3", "unsubscribed"), ("6", "suppressed")]
    assert "test list" in rows[1][5] and rows[1][6].startswith("2026-01-01")
    assert problems == []


def test_bad_rows_are_reported_by_line_and_the_rest_processed(suppressed_store, tmp_path):
    data = (b"email;name\n"
            b"ok@example.com;A\n"
            b"not an address;B\n"
            b"\n"
            b"dead@example.org;C\n"
            b";D\n"
            b"x@y;E\n"
            b"fine@example.com;F\n")
    summary, out, removed, problems = run_clean(suppressed_store, tmp_path, data)
    assert out == b"email;name\nok@example.com;A\n\nfine@example.com;F\n"
    assert dict(summary.by_status) == {"malformed": 3, "suppressed": 1}
    assert [p.split(": ")[0] for p in problems] == ["list.csv:3", "list.csv:6", "list.csv:7"]
    assert all("\n" not in p for p in problems)
    assert "malformed" in removed


def test_a_row_too_short_and_an_unreadable_row(suppressed_store, tmp_path):
    big = "x" * (200 * 1024)  # over the csv module's field limit
    data = f'name,email\nA,a@example.com\nB\nC,"{big}",c@example.com\nD,d@example.com\n'.encode()
    summary, out, _, problems = run_clean(suppressed_store, tmp_path, data)
    assert out == b"name,email\nA,a@example.com\nD,d@example.com\n"
    assert dict(summary.by_status) == {"unreadable": 2}
    assert problems[0].startswith("list.csv:3: only 1 field") and problems[1].startswith("list.csv:4: unreadable")


def test_a_file_without_header_by_column_number_and_with_a_bom(suppressed_store, tmp_path):
    summary, out, _, _ = run_clean(suppressed_store, tmp_path, b"a@example.com\ngone@example.net\n", column="1")
    assert out == b"a@example.com\n" and summary.removed == 1
    summary, out, _, _ = run_clean(suppressed_store, tmp_path, b"\xef\xbb\xbfEmail\ngone@example.net\nb@example.com\n")
    assert out == b"\xef\xbb\xbfEmail\nb@example.com\n"


def test_a_missing_column_is_one_line(suppressed_store, tmp_path):
    with pytest.raises(InputError, match="no column 'email'") as info:
        run_clean(suppressed_store, tmp_path, b"name,mail\nA,a@example.com\n")
    assert "\n" not in str(info.value)
