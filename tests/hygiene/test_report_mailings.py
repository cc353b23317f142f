"""``report`` shows failures per mailing: the returned original's campaign header, else its List-Id."""

from __future__ import annotations

from datetime import UTC, datetime

from bounceback.hygiene import ingest, report
from bounceback.store import Store

from .. import builders

NOW = datetime(2026, 11, 10, 12, 0)
WHEN = datetime(2026, 11, 2, 9, 14, tzinfo=UTC)


def test_failures_per_mailing(tmp_path):
    files = {
        "a.eml": builders.user_unknown("a@example.org", WHEN, campaign="nov-news"),
        "b.eml": builders.mailbox_full("b@example.org", WHEN, campaign="nov-news"),
        "c.eml": builders.blocklisted("c@example.org", WHEN, campaign="black-friday"),
        "d.eml": builders.user_unknown("d@example.org", WHEN),  # no campaign header: its List-Id
        "e.eml": builders.delivered("e@example.org", WHEN, campaign="nov-news"),  # no failure
    }
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    with Store.open(str(tmp_path / "b.db")) as store:
        ingest(store, [str(tmp_path / n) for n in files], now=NOW)
        r = report(store, since="30d", now=NOW)
    assert r.by_mailing == (("campaign nov-news", 2), ("campaign black-friday", 1), ("list news.example.com", 1))
    assert r.to_dict()["by_mailing"] == {"campaign nov-news": 2, "campaign black-friday": 1,
                                         "list news.example.com": 1}
