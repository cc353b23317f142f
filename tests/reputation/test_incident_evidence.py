"""Incident evidence end to end: bounces ingested into SQLite and PostgreSQL, their sending IP and
domains looked up on the tests' own DNS server (zones.py), cached and rate-limited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bounceback.hygiene import incidents, ingest
from bounceback.hygiene.evidence import check_evidence
from bounceback.reputation.settings import Settings
from bounceback.store import utcnow
from bounceback.store.maintenance import recompute
from bounceback.store.models import DnsblAnswer

from .. import builders as b

WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 3, 10)
IP_LISTS = {"spamhaus-zen", "barracuda", "spamcop"}
REPUTATION = "550 5.7.1 Rejected: sender has a poor reputation"  # badreputation, names no IP


def record(store, tmp_path, *messages: bytes):
    path = tmp_path / f"in-{len(list(tmp_path.glob('in-*')))}.mbox"
    path.write_bytes(b.mbox(list(messages)))
    summary = ingest(store, [str(path)], now=NOW)
    assert summary.count("recorded") == len(messages) and not summary.problems
    return summary


def online(resolver: str, **kw) -> Settings:
    return Settings(resolver=resolver, timeout=kw.pop("timeout", 3), **kw)


def evidence(store, receiver: str = "example.net") -> dict:
    found = [i for i in incidents(store, since=datetime(2026, 1, 1), now=NOW)
             if i.kind == "sender" and i.receiver == receiver]
    assert len(found) == 1, found
    return {e.target: e for e in found[0].evidence}


def by_list(e) -> dict:
    return {c.list: c for c in e.checks}


def test_a_pbl_listed_sending_ip_shows_under_its_incident_with_meaning_and_advice(store, counting, tmp_path):
    summary = record(store, tmp_path, b.blocklisted("carol@example.net", WHEN))  # Client host [192.0.2.44]
    assert summary.evidence_targets == ("192.0.2.44", "news.example.com")
    check = check_evidence(store, online(counting.address), targets=summary.evidence_targets)
    assert (check.checked, check.cached, check.deferred, check.listed) == (2, 0, 0, ("192.0.2.44",))
    assert check.queries == counting.count > 0

    ev = evidence(store)
    ip = ev["192.0.2.44"]
    assert (ip.status, ip.kind, ip.found_in, ip.bounces) == ("listed", "ip", ("reply",), 1)
    zen = by_list(ip)["spamhaus-zen"]
    assert zen.listed is True and zen.codes == ("127.0.0.10",)
    assert zen.meaning.startswith("PBL (ISP-maintained)")
    assert "authenticated submission server" in zen.advice
    assert {n for n, c in by_list(ip).items() if c.listed is False} == IP_LISTS - {"spamhaus-zen"}
    domain = ev["news.example.com"]
    assert (domain.status, domain.found_in, set(by_list(domain))) == ("not listed", ("from", "envelope"),
                                                                     {"spamhaus-dbl"})
    assert list(ev) == ["192.0.2.44", "news.example.com"]  # listed first


def test_an_unlisted_ip_is_not_listed_on_any_list(store, counting, tmp_path):
    summary = record(store, tmp_path, b.blocklisted("carol@example.net", WHEN, ip="192.0.2.45"))
    check = check_evidence(store, online(counting.address), targets=summary.evidence_targets)
    assert check.listed == () and check.unknown == ()
    ip = evidence(store)["192.0.2.45"]
    assert ip.status == "not listed" and set(by_list(ip)) == IP_LISTS
    assert all(c.listed is False and c.codes == () for c in ip.checks)


def test_a_timeout_is_recorded_as_unknown_and_retried_soon(store, black_hole, counting, tmp_path):
    summary = record(store, tmp_path, b.blocklisted("carol@example.net", WHEN))
    check = check_evidence(store, online(black_hole, timeout=0.3), targets=summary.evidence_targets)
    assert check.listed == () and set(check.unknown) == {"192.0.2.44", "news.example.com"}
    ip = evidence(store)["192.0.2.44"]
    assert ip.status == "unknown" and set(by_list(ip)) == IP_LISTS
    for c in ip.checks:
        assert c.listed is None and "no answer within" in c.meaning and "not a listing" in c.advice
        assert c.expires_at - c.checked_at == timedelta(minutes=30)  # unknown_minutes, not cache_hours
    again = check_evidence(store, online(counting.address), targets=summary.evidence_targets)
    assert again.cached == 2 and counting.count == 0  # still within the half hour
    later = check_evidence(store, online(counting.address), targets=summary.evidence_targets,
                           now=utcnow() + timedelta(minutes=31))
    assert later.checked == 2 and later.listed == ("192.0.2.44",) and counting.count > 0


def test_the_cache_answers_later_bounces_without_a_query(store, counting, tmp_path):
    first = record(store, tmp_path, b.blocklisted("carol@example.net", WHEN))
    check_evidence(store, online(counting.address), targets=first.evidence_targets)
    asked = counting.asked()
    assert "44.2.0.192.zen.spamhaus.org." in asked and "news.example.com.dbl.spamhaus.org." in asked

    second = record(store, tmp_path, b.blocklisted("dave@example.net", WHEN + timedelta(days=1)))
    check = check_evidence(store, online(counting.address), targets=second.evidence_targets)
    assert (check.checked, check.cached, check.queries, check.listed) == (0, 2, 0, ("192.0.2.44",))
    assert counting.count == len(asked)  # not one packet more
    assert evidence(store)["192.0.2.44"].bounces == 2

    day_later = check_evidence(store, online(counting.address), targets=second.evidence_targets,
                               now=utcnow() + timedelta(hours=25))  # cache_hours = 24
    assert day_later.checked == 2 and counting.count > len(asked)
    before = counting.count
    refreshed = check_evidence(store, online(counting.address), targets=second.evidence_targets, refresh=True)
    assert refreshed.checked == 2 and counting.count > before


def test_offline_looks_nothing_up_and_a_later_check_does(store, counting, tmp_path):
    summary = record(store, tmp_path, b.blocklisted("carol@example.net", WHEN))
    check = check_evidence(store, online(counting.address, offline=True), targets=summary.evidence_targets)
    assert (check.offline, check.checked, check.deferred, check.queries) == (True, 0, 2, 0)
    assert counting.count == 0
    assert {e.status for e in evidence(store).values()} == {"unchecked"}
    later = check_evidence(store, online(counting.address), since=datetime(2026, 1, 1))  # incidents check
    assert later.checked == 2 and later.listed == ("192.0.2.44",)


def test_lookups_stay_within_the_budget_per_run_and_per_minute(store, counting, tmp_path):
    summary = record(store, tmp_path, *(b.blocklisted(f"r{n}@example.net", WHEN + timedelta(hours=n), ip=ip)
                                        for n, ip in enumerate(("192.0.2.45", "192.0.2.44", "192.0.2.10"))))
    first = check_evidence(store, online(counting.address, per_run=1), targets=summary.evidence_targets)
    assert (first.targets, first.checked, first.deferred) == (4, 1, 3)
    assert first.listed == ("192.0.2.10",)  # the most recent bounce's address goes first
    # the per-minute budget counts every process's lookups, in the database
    capped = check_evidence(store, online(counting.address, per_minute=1), targets=summary.evidence_targets)
    assert (capped.checked, capped.deferred) == (0, 3)
    rest = check_evidence(store, online(counting.address), targets=summary.evidence_targets)
    assert (rest.checked, rest.cached, rest.deferred) == (3, 1, 0)
    assert set(rest.listed) == {"192.0.2.10", "192.0.2.44"}


def test_a_sending_host_is_resolved_and_its_addresses_checked(store, counting, tmp_path):
    raw = b.dsn("carol@example.net", WHEN, "5.7.1", REPUTATION, reporting_mta="out.news.example.com")
    summary = record(store, tmp_path, raw)
    assert summary.evidence_targets == ("out.news.example.com", "news.example.com")
    check = check_evidence(store, online(counting.address), targets=summary.evidence_targets)
    assert set(check.listed) == {"192.0.2.11", "2001:db8::10"}  # PBL, both addresses of the host
    ev = evidence(store)
    v4 = ev["192.0.2.11"]
    assert (v4.kind, v4.via, v4.found_in, v4.status) == ("ip", "out.news.example.com", ("reporting_mta",), "listed")
    assert by_list(v4)["spamhaus-zen"].meaning.startswith("PBL (Spamhaus-maintained)")
    assert set(by_list(ev["2001:db8::10"])) == {"spamhaus-zen"}  # the lists that take IPv6
    again = check_evidence(store, online(counting.address), targets=summary.evidence_targets)
    assert again.queries == 0 and again.cached == 3  # the host's addresses come from the cache too


def test_a_host_without_a_public_address_says_so(store, counting, tmp_path):
    raw = b.dsn("carol@example.net", WHEN, "5.7.1", REPUTATION, reporting_mta="inside.news.example.com")
    summary = record(store, tmp_path, raw)
    check_evidence(store, online(counting.address), targets=summary.evidence_targets)
    host = evidence(store)["inside.news.example.com"]
    assert host.kind == "host" and host.status == "unchecked" and "no public address" in host.note


def test_an_error_answer_is_unknown_never_listed(store, counting, tmp_path):
    summary = record(store, tmp_path, b.blocklisted("carol@example.net", WHEN, ip="192.0.2.254"))
    check = check_evidence(store, online(counting.address), targets=summary.evidence_targets)
    assert check.listed == () and "192.0.2.254" in check.unknown
    zen = by_list(evidence(store)["192.0.2.254"])["spamhaus-zen"]
    assert zen.listed is None and zen.codes == ("127.255.255.254",) and "public or open resolver" in zen.meaning
    assert any("public or open" in w for w in check.warnings)


def test_a_dqs_key_queries_the_dqs_zone(store, counting, tmp_path):
    summary = record(store, tmp_path, b.blocklisted("carol@example.net", WHEN, ip="192.0.2.1"))
    check = check_evidence(store, online(counting.address, dqs_key="testkey", lists=("spamhaus-zen",)),
                           targets=summary.evidence_targets)
    assert check.listed == ("192.0.2.1",)
    assert "1.2.0.192.testkey.zen.dq.spamhaus.net." in counting.asked()
    assert by_list(evidence(store)["192.0.2.1"])["spamhaus-zen"].meaning.startswith("CSS")


def test_the_evidence_survives_a_policy_recompute(store, counting, tmp_path):
    summary = record(store, tmp_path, b.blocklisted("carol@example.net", WHEN))
    check_evidence(store, online(counting.address), targets=summary.evidence_targets)
    before = evidence(store)
    recompute(store)  # incidents are rebuilt; the evidence hangs on their events
    assert evidence(store) == before
    assert store.read(lambda s: s.scalar(select(func.count()).select_from(DnsblAnswer))) == 4  # 3 IP lists + DBL


def test_example_addresses_are_looked_up_only_on_a_resolver_named_for_them(store, counting, tmp_path):
    summary = record(store, tmp_path, b.blocklisted("carol@example.net", WHEN))  # 192.0.2.44, news.example.com
    system = check_evidence(store, Settings(timeout=1), targets=summary.evidence_targets)
    assert (system.checked, system.queries, counting.count) == (0, 0, 0)
    assert set(system.documentation) == {"192.0.2.44", "news.example.com"}
    assert {e.status for e in evidence(store).values()} == {"unchecked"}
    named = check_evidence(store, online(counting.address), targets=summary.evidence_targets)
    assert named.checked == 2 and named.listed == ("192.0.2.44",) and not named.documentation


def test_reserved_names_and_ranges():
    from bounceback.reputation.evidence import for_documentation

    assert all(map(for_documentation, ("192.0.2.44", "203.0.113.9", "2001:db8::1", "mx.example.com", "a.test")))
    assert not any(map(for_documentation, ("8.8.8.8", "2a00:1450::1", "example.co.uk", "notexample.com")))
