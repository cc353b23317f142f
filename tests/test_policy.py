from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from bounceback.policy import (
    ConfigError,
    EventItem,
    IncidentSpan,
    ManualItem,
    fold,
    load_policy,
    merge_incident,
    touching,
)

POLICY = load_policy()
T0 = datetime(2026, 1, 1, 10, 0)
_ids = iter(range(1, 10**6))


def ev(day: float, reason: str, *, fault: str = "recipient", hard: bool = False, ftype: str = "",
       policy=POLICY) -> EventItem:
    eid = next(_ids)
    effect = policy.effect(reason=reason, fault=fault, hard_bounce=hard, feedback_type=ftype)
    return EventItem(T0 + timedelta(days=day), f"k{eid:08d}", eid, effect, reason)


def full(day: float) -> EventItem:
    return ev(day, "mailboxfull")


def state(*items, policy=POLICY):
    return fold(items, policy.soft)


# --- effects come from data -----------------------------------------------------------------------

@pytest.mark.parametrize("reason, fault, hard, ftype, effect", [
    ("userunknown", "recipient", True, "", "suppress"),
    ("hostunknown", "recipient", True, "", "suppress"),
    ("mailboxfull", "recipient", False, "", "strike"),
    ("suspend", "recipient", False, "", "strike"),
    ("blocked", "sender", False, "", "sender_incident"),
    ("authfailure", "sender", False, "", "sender_incident"),
    ("mesgtoobig", "content", False, "", "content_incident"),
    ("feedback", "recipient", False, "abuse", "complaint"),
    ("feedback", "recipient", False, "FRAUD", "complaint"),
    ("feedback", "recipient", False, "opt-out", "unsubscribe"),
    ("feedback", "recipient", False, "something-new", "review"),
    ("vacation", "none", False, "", "ignore"),
    ("delivered", "none", False, "", "delivered"),
    ("undefined", "unknown", False, "", "review"),
    ("onhold", "unknown", False, "", "review"),
])
def test_effect_of_each_kind_of_reason(reason, fault, hard, ftype, effect):
    assert POLICY.effect(reason=reason, fault=fault, hard_bounce=hard, feedback_type=ftype) == effect


def test_every_reason_in_the_knowledge_base_has_an_effect():
    from bounceback import knowledge

    for reason, info in knowledge.reasons().items():
        effect = POLICY.effect(reason=reason, fault=info["fault"], hard_bounce=info.get("hard") == "always")
        assert effect in {"suppress", "strike", "sender_incident", "content_incident", "review", "ignore",
                          "delivered", "complaint"}, reason
        if info["fault"] == "sender":
            assert effect == "sender_incident", reason


# --- the fold -------------------------------------------------------------------------------------

def test_hard_bounce_suppresses_at_once_and_for_good():
    e = ev(0, "userunknown", hard=True)
    s = state(e)
    (p,) = s.periods
    assert (p.kind, p.cause, p.reason, p.since, p.until, p.evidence) == ("suppressed", "hard_bounce", "userunknown",
                                                                          e.at, None, (e.event_id,))
    assert s.outcomes[e.event_id] == "suppressed"
    assert p.active_at(e.at + timedelta(days=3650))


def test_three_strikes_on_three_days_suppress_for_thirty_days_from_the_third():
    a, b, c = full(0), full(1), full(2)
    s = state(a, b, c)
    (p,) = s.periods
    assert (p.cause, p.since, p.until) == ("soft_bounces", c.at, c.at + timedelta(days=30))
    assert p.evidence == (a.event_id, b.event_id, c.event_id)
    assert [s.outcomes[x.event_id] for x in (a, b, c)] == ["strike", "strike", "suppressed for a while"]
    assert not p.active_at(c.at + timedelta(days=30))


def test_at_most_one_strike_per_day():
    a, b, c = full(0), full(0.2), full(1)
    s = state(a, b, c)
    assert s.periods == () and len(s.strikes) == 2
    assert s.outcomes[b.event_id] == "not counted (same day)"


def test_strikes_spread_wider_than_the_window_do_not_suppress():
    s = state(full(0), full(20), full(40), full(65))
    assert s.periods == ()
    assert len(s.strikes) == 2  # day 40 and 65: day 20 fell out of the window


def test_a_strike_after_the_temporary_suppression_expired_is_final():
    first = [full(0), full(1), full(2)]
    late_inside = full(20)  # a late report of mail sent before the suppression: ignored
    after = full(40)
    s = state(*first, late_inside, after)
    assert [p.cause for p in s.periods] == ["soft_bounces", "soft_bounce_after_expiry"]
    assert s.periods[1].until is None and s.periods[1].since == after.at
    assert s.outcomes[late_inside.event_id] == "not counted (already suppressed)"


def test_a_delivery_resets_strikes_and_the_second_chance():
    s = state(full(0), full(1), ev(1.5, "delivered", fault="none"), full(2), full(3))
    assert s.periods == () and len(s.strikes) == 2
    s = state(full(0), full(1), full(2), ev(35, "delivered", fault="none"), full(40))
    assert [p.cause for p in s.periods] == ["soft_bounces"]  # the delivery forgot the second chance
    assert len(s.strikes) == 1


def test_sender_side_and_content_bounces_never_strike():
    items = [ev(d, "blocked", fault="sender") for d in range(10)] + [ev(d, "mesgtoobig", fault="content")
                                                                     for d in range(10)]
    s = state(*items)
    assert s.periods == () and s.strikes == ()
    assert {s.outcomes[i.event_id] for i in items} == {"sender incident", "content incident"}


def test_undefined_is_kept_for_review_and_never_suppresses():
    s = state(*[ev(d, "undefined", fault="unknown") for d in range(10)])
    assert s.periods == () and s.review == 10


def test_complaint_and_opt_out():
    c = ev(0, "feedback", ftype="abuse")
    assert state(c).periods[0].cause == "complaint"
    o = ev(0, "feedback", ftype="opt-out")
    (p,) = state(o).periods
    assert (p.kind, p.cause, p.until) == ("unsubscribed", "opt_out", None)


def test_hard_bounce_supersedes_a_temporary_suppression():
    soft = [full(0), full(1), full(2)]
    hard = ev(5, "userunknown", hard=True)
    s = state(*soft, hard)
    assert [(p.cause, p.ended_by) for p in s.periods] == [("soft_bounces", "superseded"), ("hard_bounce", "")]
    assert s.periods[0].ended_at == hard.at


def test_later_hard_bounces_join_the_evidence_of_the_open_suppression():
    a, b = ev(0, "userunknown", hard=True), ev(9, "userunknown", hard=True)
    s = state(a, b)
    assert len(s.periods) == 1 and s.periods[0].evidence == (a.event_id, b.event_id)
    assert s.outcomes[b.event_id] == "already suppressed"


def manual(day: float, action: str, note: str = "checked by hand", **kw) -> ManualItem:
    mid = next(_ids)
    return ManualItem(T0 + timedelta(days=day), f"~manual:{mid}", mid, action, note, **kw)


def test_manual_removal_ends_the_suppression_keeps_it_and_only_later_bounces_count():
    hard = ev(0, "userunknown", hard=True)
    removal = manual(3, "unsuppress", "the person wrote back")
    older_report = ev(2, "userunknown", hard=True)  # ingested later, dated before the removal
    s = state(hard, removal, older_report)
    (p,) = s.periods
    assert (p.ended_by, p.ended_at, p.removed_note) == ("removed", removal.at, "the person wrote back")
    again = ev(10, "userunknown", hard=True)
    s = state(hard, removal, older_report, again)
    assert [p.ended_by for p in s.periods] == ["removed", ""] and s.periods[1].since == again.at


def test_manual_suppression_with_an_end():
    m = manual(0, "suppress", until=T0 + timedelta(days=7), reason="imported")
    (p,) = state(m).periods
    assert (p.cause, p.reason, p.until, p.note) == ("manual", "imported", T0 + timedelta(days=7), "checked by hand")


def test_the_state_does_not_depend_on_the_order_events_arrive_in():
    rng = random.Random(4)
    items = ([full(d) for d in (0, 0.5, 1, 2, 33, 34, 60)] + [ev(15, "delivered", fault="none")]
             + [ev(d, "blocked", fault="sender") for d in (1, 3)] + [manual(50, "unsuppress")]
             + [ev(70, "userunknown", hard=True)])
    expected = state(*items)
    for _ in range(50):
        rng.shuffle(items)
        assert state(*items) == expected


# --- incidents ------------------------------------------------------------------------------------

def spans_by_incremental_merge(times: list[datetime], gap: timedelta) -> list[tuple]:
    spans: list[IncidentSpan] = []
    for at in times:
        near = [s for s in spans if touching(s, at, gap)]
        spans = [s for s in spans if s not in near] + [merge_incident(near, at, f"advice at {at}")]
    return sorted((s.first_seen, s.last_seen, s.count, s.advice) for s in spans)


def test_incident_spans_are_the_same_in_any_order():
    gap = POLICY.incident_gap
    times = [T0 + timedelta(days=d) for d in (0, 2, 9, 10, 30, 36, 37.5, 80)]
    expected = spans_by_incremental_merge(sorted(times), gap)
    assert [(c, f, la) for f, la, c, _ in expected] == [
        (4, times[0], times[3]), (3, times[4], times[6]), (1, times[7], times[7])]
    rng = random.Random(7)
    for _ in range(50):
        rng.shuffle(times)
        assert spans_by_incremental_merge(times, gap) == expected


# --- configuration --------------------------------------------------------------------------------

def test_overrides_merge_over_the_defaults():
    p = load_policy({"soft": {"strikes": 5}, "by_fault": {"remote": "ignore"}})
    assert p.soft.strikes == 5 and p.soft.window == timedelta(days=30)
    assert p.effect(reason="systemerror", fault="remote", hard_bounce=False) == "ignore"
    assert p.effect(reason="networkerror", fault="network", hard_bounce=False) == "strike"
    s = fold([ev(d, "mailboxfull", policy=p) for d in range(4)], p.soft)
    assert s.periods == ()


@pytest.mark.parametrize("override", [
    {"by_fault": {"sender": "strike-hard"}},
    {"soft": {"strikes": 0}},
    {"soft": {"window_days": "thirty"}},
    {"incidents": {"gap_days": -1}},
    {"hard_bounce": "nothing"},
])
def test_bad_settings_are_refused_with_one_line(override):
    with pytest.raises(ConfigError) as info:
        load_policy(override)
    assert "\n" not in str(info.value)
