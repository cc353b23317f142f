"""Ingest on SQLite and PostgreSQL: the policy's end state, idempotence, order, crashes, bad input."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from bounceback.hygiene import check, ingest
from bounceback.store import Store
from bounceback.store.models import Event, Incident, Message, SenderClue, Suppression

from .. import builders as b
from .scenario import (
    BASE,
    EXPECTED_INCIDENTS,
    EXPECTED_SUPPRESSIONS,
    FILLER_DOMAIN,
    NEVER_SUPPRESSED,
    naive,
    scenario_messages,
)
from .snapshot import snapshot

NOW = datetime(2026, 3, 10)  # after the scenario, inside bob's 30 days


def write_mbox(path, messages) -> str:
    path.write_bytes(b.mbox(messages))
    return str(path)


def assert_policy_end_state(store: Store, *, besides_filler: bool = False) -> None:
    """Exactly the suppressions and incidents the default policy says, nothing more
    (``besides_filler``: ignoring what shared filler at the filler domain adds)."""
    def ours(key: str) -> bool:
        return not (besides_filler and key.rpartition("@")[2] == FILLER_DOMAIN)

    def work(session):
        sup = {r.address: (r.kind, r.cause, r.reason, r.since, r.until)
               for r in session.scalars(select(Suppression)) if ours(r.address)}
        inc = {(r.kind, r.receiver, r.reason): (r.first_seen, r.last_seen, r.event_count)
               for r in session.scalars(select(Incident)) if ours(r.receiver)}
        return sup, inc

    suppressions, incidents = store.read(work)
    assert suppressions == EXPECTED_SUPPRESSIONS
    assert incidents == EXPECTED_INCIDENTS


def test_the_done_when_mailbox_ends_with_exactly_what_the_policy_says(store, tmp_path):
    path = write_mbox(tmp_path / "bounces.mbox", scenario_messages())
    first = ingest(store, [path])
    assert first.count("recorded") == 11 and not first.problems
    assert dict(first.by_outcome) == {
        "suppressed": 2, "suppressed for a while": 1, "unsubscribed": 1, "strike": 2,
        "not counted (same day)": 1, "sender incident": 2, "content incident": 1, "ignored": 1}
    assert_policy_end_state(store)
    before = snapshot(store)

    again = ingest(store, [path])
    assert again.count("already ingested") == 11 and again.events == 0
    assert snapshot(store) == before

    by_address = {c.address: c for c in check(store, list(EXPECTED_SUPPRESSIONS) + list(NEVER_SUPPRESSED),
                                               now=NOW)}
    assert {a for a, c in by_address.items() if not c.mailable} == set(EXPECTED_SUPPRESSIONS)
    assert by_address["frank@example-isp.net"].status == "unsubscribed"
    later = check(store, ["bob@example.com"], now=naive(BASE) + (EXPECTED_SUPPRESSIONS["bob@example.com"][4]
                                                                - naive(BASE)))
    assert later[0].mailable  # the temporary suppression is over


def test_the_same_messages_in_another_order_and_as_separate_files_give_the_same_state(db_url, tmp_path):
    messages = scenario_messages(filler=5)
    with Store.open(db_url) as store:
        ingest(store, [write_mbox(tmp_path / "all.mbox", messages)])
        expected = snapshot(store)
        store.write(lambda s: [s.execute(t.delete()) for t in (Suppression.__table__, Incident.__table__,
                                                               SenderClue.__table__, Event.__table__,
                                                               Message.__table__)])
        folder = tmp_path / "reversed"
        folder.mkdir()
        for n, raw in enumerate(reversed(messages)):
            (folder / f"{n:03d}.eml").write_bytes(raw.replace(b"\n", b"\r\n"))  # CRLF: the same messages
        summary = ingest(store, [str(folder)])
        assert summary.count("recorded") == len(messages)
        assert snapshot(store) == expected
        assert_policy_end_state(store)


def test_a_bounce_for_a_malformed_address_is_reported_and_leaves_no_trace(store, tmp_path):
    bad = b.user_unknown("jane@exa_mple.org", BASE)  # the decoder passes it, the store refuses it
    good = b.user_unknown("alice@example.org", BASE)
    missing = str(tmp_path / "missing.eml")
    problems = []
    summary = ingest(store, [write_mbox(tmp_path / "m.mbox", [bad, good]), missing], on_problem=problems.append)
    assert summary.count("recorded") == 1 and summary.count("unreadable") == 2
    assert len(problems) == 2 and all("\n" not in p for p in problems)
    assert any("jane@exa_mple.org" in p and "m.mbox (message 1)" in p for p in problems)
    assert any("missing.eml" in p for p in problems)
    addresses = store.read(lambda s: sorted(s.scalars(select(Event.address))))
    assert addresses == ["alice@example.org"]
    assert store.read(lambda s: s.scalar(select(func.count()).select_from(Message))) == 1


def test_a_message_that_is_not_a_bounce_is_recorded_once_and_changes_nothing(store, tmp_path):
    newsletter = b"From: news@news.example.com\nTo: someone@example.com\nSubject: Hello\n\nJust a newsletter.\n"
    path = tmp_path / "n.eml"
    path.write_bytes(newsletter)
    assert ingest(store, [str(path)]).count("not a bounce") == 1
    assert ingest(store, [str(path)]).count("already ingested") == 1
    assert store.read(lambda s: s.scalar(select(func.count()).select_from(Event))) == 0


def test_a_delivery_report_resets_strikes(store, tmp_path):
    day = BASE.replace(hour=8)
    msgs = [b.mailbox_full("bob@example.com", day.replace(day=2)), b.mailbox_full("bob@example.com", day.replace(day=3)),
            b.delivered("bob@example.com", day.replace(day=4)), b.mailbox_full("bob@example.com", day.replace(day=5))]
    ingest(store, [write_mbox(tmp_path / "m.mbox", msgs)])
    (result,) = check(store, ["bob@example.com"], now=NOW)
    assert result.status == "active" and result.strikes == 1


def test_a_bounce_dated_in_the_future_is_dated_when_it_was_read(store, tmp_path):
    path = tmp_path / "future.eml"
    path.write_bytes(b.user_unknown("time@example.org", BASE.replace(year=2099)))
    ingest(store, [str(path)], now=NOW)
    (c,) = check(store, ["time@example.org"], now=NOW)
    assert c.status == "suppressed" and c.suppression.since == NOW
    assert store.read(lambda s: s.scalar(select(Event.dated_by))) == "ingest"


def test_a_forwarded_address_is_recorded_under_the_address_the_sender_used(store, tmp_path):
    when = datetime(2026, 3, 2, 9, 0)
    raw = b.user_unknown("kijitora@mailhub0.example.net", when).replace(
        b"Final-Recipient: rfc822; kijitora@mailhub0.example.net",
        b"Final-Recipient: rfc822; kijitora@mailhub0.example.net\nOriginal-Recipient: rfc822;nekko@example.co.jp")
    assert b"Original-Recipient" in raw
    ingest(store, [write_mbox(tmp_path / "in.mbox", [raw])])
    with store.reader.connect() as conn:
        [(address, recipient)] = conn.execute(select(Event.address, Event.recipient)).all()
    assert (address, recipient) == ("nekko@example.co.jp", "kijitora@mailhub0.example.net")
    assert not check(store, ["nekko@example.co.jp"])[0].mailable  # the list holds this one: suppressed


def test_messages_are_recorded_in_batches_and_a_repeat_inside_one_is_already_ingested(store, tmp_path,
                                                                                       monkeypatch):
    import sys

    monkeypatch.setattr(sys.modules["bounceback.hygiene.ingest"], "BATCH_MESSAGES", 2)
    first, second, third = (b.user_unknown(f"u{n}@example.org", BASE) for n in range(3))
    seen = []
    summary = ingest(store, [write_mbox(tmp_path / "m.mbox", [first, second, first, third])],
                     on_message=seen.append)
    assert seen == ["recorded", "recorded", "already ingested", "recorded"]
    assert summary.count("recorded") == 3 and summary.count("already ingested") == 1
    assert store.read(lambda s: s.scalar(select(func.count()).select_from(Message))) == 3
