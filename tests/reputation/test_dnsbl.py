"""DNS blocklist checks against the tests' own NSD (zones.py): every answer decodes right."""

from __future__ import annotations

import pytest

from bounceback.errors import InputError
from bounceback.reputation import dnsbl
from bounceback.reputation.lists import builtin_lists, load_lists_file
from bounceback.reputation.resolver import Answer, Lookup, Server
from bounceback.reputation.targets import parse_target

from .conftest import LISTS_FILE
from .zones import DBL, DQS_KEY, ZEN

EXTRA = load_lists_file(LISTS_FILE)


def one(server, target: str, lst: str, **kw) -> dnsbl.Result:
    report = dnsbl.check([target], lists=[lst], extra_lists=EXTRA, resolver=server.address, timeout=3, **kw)
    assert len(report.results) == 1, report
    return report.results[0]


@pytest.mark.parametrize(("ip", "words"), [
    ("192.0.2.2", "SBL"), ("192.0.2.3", "CSS"), ("192.0.2.4", "XBL"), ("192.0.2.7", "XBL"),
    ("192.0.2.9", "DROP"), ("192.0.2.10", "PBL (ISP-maintained)"), ("192.0.2.11", "PBL (Spamhaus-maintained)"),
    ("2001:db8::2", "SBL"), ("2001:db8::10", "PBL (ISP-maintained)"),
])
def test_zen_listings_decode(dns_server, ip, words):
    r = one(dns_server, ip, "spamhaus-zen")
    assert r.listed is True and r.codes == tuple(ZEN[ip]) and r.meaning.startswith(words)
    assert r.advice


def test_pbl_advice_is_authenticated_submission_and_sbl_is_fix_the_cause(dns_server):
    assert "authenticated submission server" in one(dns_server, "192.0.2.10", "spamhaus-zen").advice
    assert "not a spam listing" in one(dns_server, "192.0.2.11", "spamhaus-zen").advice
    for ip in ("192.0.2.2", "192.0.2.3", "192.0.2.4"):
        advice = one(dns_server, ip, "spamhaus-zen").advice
        assert "fix the cause" in advice and "request removal" in advice


def test_several_codes_give_every_meaning(dns_server):
    r = one(dns_server, "192.0.2.20", "spamhaus-zen")
    assert r.listed and r.codes == ("127.0.0.4", "127.0.0.10")
    assert "XBL" in r.meaning and "PBL" in r.meaning and "authenticated submission" in r.advice


def test_undocumented_listing_code_is_still_a_listing(dns_server):
    r = one(dns_server, "192.0.2.77", "spamhaus-zen")
    assert r.listed is True and "code 127.0.0.77" in r.meaning and "check.spamhaus.org" in r.advice


@pytest.mark.parametrize(("domain", "words"), [
    ("spam.example", "spam domain"), ("redirector.example", "redirector"), ("phish.example", "phishing"),
    ("malware.example", "malware"), ("botnet.example", "botnet"), ("abused-spam.example", "abused legitimate"),
    ("abused-redirector.example", "redirector"), ("abused-phish.example", "phishing"),
    ("abused-malware.example", "malware"), ("abused-botnet.example", "botnet"),
])
def test_dbl_categories_decode(dns_server, domain, words):
    r = one(dns_server, domain, "spamhaus-dbl")
    assert r.listed is True and r.codes == tuple(DBL[domain]) and words in r.meaning.lower(), r


@pytest.mark.parametrize(("target", "lst", "words"), [
    ("192.0.2.252", "spamhaus-zen", "typing error"),
    ("192.0.2.254", "spamhaus-zen", "public or open resolver"),
    ("192.0.2.255", "spamhaus-zen", "excessive number of queries"),
    ("192.0.2.253", "spamhaus-zen", "error answer 127.255.255.253"),
    ("ipquery.example", "spamhaus-dbl", "IP address was queried"),
    ("typo.example", "spamhaus-dbl", "typing error"),
    ("192.0.2.99", "spamhaus-zen", "outside 127.0.0.0/8"),
])
def test_error_answers_are_unknown_never_listed(dns_server, target, lst, words):
    r = one(dns_server, target, lst)
    assert r.listed is None and words in r.meaning and "not a listing" in r.advice


def test_not_listed(dns_server):
    for target, lst in [("192.0.2.1", "spamhaus-zen"), ("192.0.2.1", "barracuda"), ("192.0.2.2", "spamcop"),
                        ("2001:db8::99", "spamhaus-zen"), ("clean.example", "spamhaus-dbl"), ("192.0.2.1", "custom")]:
        r = one(dns_server, target, lst)
        assert (r.listed, r.codes, r.meaning, r.advice) == (False, (), "not listed", ""), (target, lst)


def test_barracuda_spamcop_and_a_custom_list(dns_server):
    assert one(dns_server, "192.0.2.2", "barracuda").listed is True
    assert one(dns_server, "192.0.2.3", "spamcop").meaning.startswith("SpamCop")
    r = one(dns_server, "192.0.2.50", "custom")
    assert r.listed and r.meaning == "custom: seen sending to spam traps." and r.advice == "Clean the list you send to."


def test_a_resolver_answering_everything_is_unknown(dns_server):
    r = one(dns_server, "192.0.2.1", "everything")
    assert r.listed is None and r.codes == ("127.0.0.2",) and "answers for everything" in r.meaning
    assert one(dns_server, "192.0.2.1", "rewrite").listed is None


def test_a_list_that_does_not_list_its_test_entry_says_nothing(dns_server):
    r = one(dns_server, "192.0.2.1", "dead")
    assert r.listed is None and "test entry 127.0.0.2" in r.meaning


def test_refused_is_unknown(dns_server, tmp_path):
    f = tmp_path / "l.txt"
    f.write_text("not-served.example\n")
    report = dnsbl.check(["192.0.2.1"], lists=["not-served.example"], extra_lists=load_lists_file(str(f)),
                         resolver=dns_server.address, timeout=3)
    (r,) = report.results
    assert r.listed is None and "REFUSED" in r.meaning and report.exit_code == 3


def test_timeout_is_a_clear_unknown(black_hole):
    report = dnsbl.check(["192.0.2.2", "spam.example"], resolver=black_hole, timeout=0.4)
    assert report.results and all(r.listed is None for r in report.results)
    assert all("no answer within 0.4s from " + black_hole in r.meaning for r in report.results)
    assert report.exit_code == 3


def test_dqs_key_queries_the_dqs_zone(dns_server):
    assert one(dns_server, "192.0.2.1", "spamhaus-zen").listed is False
    r = one(dns_server, "192.0.2.1", "spamhaus-zen", dqs_key=DQS_KEY)
    assert r.listed is True and r.meaning.startswith("CSS")
    # other lists are asked as usual with a key; a key is a DNS label or an error
    assert one(dns_server, "192.0.2.2", "barracuda", dqs_key=DQS_KEY).listed is True
    with pytest.raises(InputError):
        dnsbl.check(["192.0.2.1"], resolver=dns_server.address, dqs_key="bad.key")


def test_targets_go_only_to_lists_that_cover_them(dns_server):
    report = dnsbl.check(["192.0.2.2", "2001:db8::2", "spam.example"], resolver=dns_server.address, timeout=3)
    pairs = {(r.target, r.list) for r in report.results}
    assert pairs == {("192.0.2.2", "spamhaus-zen"), ("192.0.2.2", "barracuda"), ("192.0.2.2", "spamcop"),
                     ("2001:db8::2", "spamhaus-zen"), ("spam.example", "spamhaus-dbl")}
    assert report.exit_code == 1 and not report.errors


def test_bad_targets_are_reported_and_the_rest_checked(dns_server):
    report = dnsbl.check(["not..valid", "192.0.2.1", "2001:db8::1"], lists=["barracuda"],
                         resolver=dns_server.address, timeout=3)
    assert [r.target for r in report.results] == ["192.0.2.1"]
    assert [str(e) for e in report.errors] == ["not..valid: not an IP address or a valid domain name",
                                               "2001:db8::1: none of the selected lists covers IPv6 addresses"]
    assert report.exit_code == 2


def test_public_resolver_warnings(dns_server):
    report = dnsbl.check(["192.0.2.254"], lists=["spamhaus-zen"], resolver=dns_server.address, timeout=3)
    assert any("public or open" in w for w in report.warnings)
    assert not dnsbl.check(["192.0.2.1"], resolver=dns_server.address, timeout=3).warnings


def test_a_public_resolver_is_named_before_any_query():
    # No query is sent: the warning comes from the resolver's address alone.
    lookup = Lookup((Server("8.8.8.8"),), timeout=1)
    zen = [x for x in builtin_lists() if x.name == "spamhaus-zen"]
    assert "public resolver" in dnsbl.resolver_warnings(lookup, tuple(zen), (), "")[0]
    assert dnsbl.resolver_warnings(lookup, tuple(zen), (), "key") == []
    assert lookup.queries == 0


def test_decide_needs_both_test_points_to_trust_an_answer():
    zen = next(x for x in builtin_lists() if x.name == "spamhaus-zen")
    listed, clean, lost = Answer("ok", ("127.0.0.2",)), Answer("nxdomain"), Answer("error", error="timed out")
    assert dnsbl.decide("t", zen, listed, listed, clean).listed is True
    assert dnsbl.decide("t", zen, listed, listed, lost).listed is None  # cannot tell the resolver is honest
    assert dnsbl.decide("t", zen, clean, listed, clean).listed is False
    assert dnsbl.decide("t", zen, clean, lost, clean).listed is None  # cannot tell the list is alive
    assert dnsbl.decide("t", zen, clean, Answer("ok", ("127.255.255.254",)), clean).listed is None
    assert dnsbl.decide("t", zen, Answer("nodata"), listed, clean).listed is False


def test_lookups_are_cached_per_run(dns_server):
    import asyncio

    async def run():
        lookup = Lookup((Server("127.0.0.1", dns_server.port),), timeout=3)
        await dnsbl.check_async(["192.0.2.2"] * 5 + ["192.0.2.3"], tuple(builtin_lists()[:1]), lookup=lookup)
        return lookup.queries

    assert asyncio.run(run()) == 4  # two targets + two test points
    assert parse_target("192.0.2.2") == parse_target(" 192.0.2.2 ")
