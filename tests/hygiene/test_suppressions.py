from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest

from bounceback.errors import InputError
from bounceback.hygiene import check, history, ingest, suppressions
from bounceback.store import Store

from .. import builders as b
from .scenario import BASE, naive

T = naive(BASE)


def test_a_manual_change_needs_a_note(store):
    for note in ("", "   "):
        with pytest.raises(InputError, match="note"):
            suppressions.add(store, ["a@example.com"], note=note)
        with pytest.raises(InputError, match="note"):
            suppressions.remove(store, ["a@example.com"], note=note)


def test_add_then_add_again_then_remove_keeps_the_history(store):
    (first,) = suppressions.add(store, ["A@Example.com"], note="asked by phone", now=T)
    assert first.outcome == "added" and first.address == "a@example.com"
    assert first.suppression.why == "added by hand: asked by phone"
    (again,) = suppressions.add(store, ["a@example.com"], note="twice", now=T + timedelta(hours=1))
    assert again.outcome == "already suppressed"
    (gone,) = suppressions.remove(store, ["a@example.com"], note="subscribed again", now=T + timedelta(days=1))
    assert gone.outcome == "removed"
    assert check(store, ["a@example.com"], now=T + timedelta(days=2))[0].mailable
    h = history(store, "a@example.com", now=T + timedelta(days=2))
    (period,) = h.suppressions
    assert (period.ended_by, period.removed_note, period.note) == ("removed", "subscribed again", "asked by phone")
    assert [m.action for m in h.manual] == ["suppress", "unsuppress"]  # "already suppressed" records nothing
    (nothing,) = suppressions.remove(store, ["a@example.com"], note="again", now=T + timedelta(days=3))
    assert nothing.outcome == "not suppressed"
    assert suppressions.add(store, ["nope"], note="x")[0].outcome == "invalid"


def test_after_a_removal_only_bounces_dated_later_suppress_again(store, tmp_path):
    path = tmp_path / "first.eml"
    path.write_bytes(b.user_unknown("jo@example.org", BASE))
    ingest(store, [str(path)])
    suppressions.remove(store, ["jo@example.org"], note="typo fixed by the user", now=T + timedelta(days=1))
    late = tmp_path / "late.eml"  # arrives after the removal, but dated before it
    late.write_bytes(b.user_unknown("jo@example.org", BASE + timedelta(hours=2)))
    ingest(store, [str(late)])
    assert check(store, ["jo@example.org"], now=T + timedelta(days=2))[0].mailable
    newer = tmp_path / "newer.eml"
    newer.write_bytes(b.user_unknown("jo@example.org", BASE + timedelta(days=5)))
    ingest(store, [str(newer)])
    (c,) = check(store, ["jo@example.org"], now=T + timedelta(days=6))
    assert c.status == "suppressed" and c.suppression.since == T + timedelta(days=5)
    h = history(store, "jo@example.org", now=T + timedelta(days=6))
    assert [e.outcome for e in h.events] == ["suppressed", "already suppressed", "suppressed"]
    assert [s.ended_by for s in h.suppressions] == ["removed", ""]


def test_export_then_import_into_another_database(store, new_db, tmp_path):
    suppressions.add(store, ["a@example.com", "b@example.com"], note="bulk", now=T)
    suppressions.add(store, ["c@example.com"], note="left", kind="unsubscribed", now=T)
    suppressions.add(store, ["d@example.com"], note="pause", until=T + timedelta(days=9), now=T)
    out = io.StringIO()
    assert suppressions.export(store, out, now=T + timedelta(days=1)) == 4
    exported = out.getvalue()
    with Store.open(new_db()) as other:
        summary = suppressions.import_(other, io.StringIO(exported), note="moved from the old server",
                                       now=T + timedelta(days=1))
        assert (summary.added, summary.already, summary.problems) == (4, 0, ())
        again = io.StringIO()
        suppressions.export(other, again, now=T + timedelta(days=1))
        assert [line.split(",")[:6] for line in again.getvalue().splitlines()] == \
            [line.split(",")[:6] for line in exported.splitlines()]
        views = {s.address: s for s in suppressions.list_(other, now=T + timedelta(days=1))}
        assert views["c@example.com"].kind == "unsubscribed"
        assert views["d@example.com"].until == T + timedelta(days=9)
        assert views["a@example.com"].note.startswith("moved from the old server")


def test_import_reports_bad_rows_by_line_and_respects_existing_history(store, tmp_path):
    path = tmp_path / "b.eml"
    path.write_bytes(b.user_unknown("known@example.org", BASE))
    ingest(store, [str(path)])
    data = ("Email,Since,Note\n"
            "new@example.com,2026-03-01,from the old tool\n"
            "known@example.org,,\n"
            "broken address,,\n"
            "new@example.com,,\n"
            "late@example.com,yesterday,\n")
    summary = suppressions.import_(store, io.StringIO(data), note="import", label="old.csv", now=T)
    assert (summary.added, summary.already, summary.duplicates) == (1, 1, 1)
    assert [p.split(": ")[0] for p in summary.problems] == ["old.csv:4", "old.csv:6"]
    (c,) = check(store, ["new@example.com"], now=T)
    assert c.suppression.since == datetime(2026, 3, 1) and c.suppression.note == "import — from the old tool"
