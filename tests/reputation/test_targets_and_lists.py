"""Targets and list data, no DNS."""

from __future__ import annotations

import pytest

from bounceback.errors import InputError
from bounceback.reputation.lists import builtin_lists, load_lists_file, public_resolvers, select
from bounceback.reputation.resolver import Server, parse_server
from bounceback.reputation.targets import parse_target

from .conftest import LISTS_FILE


def test_ipv4_is_reversed_rfc5782():
    t = parse_target("192.0.2.99")
    assert (t.kind, t.label, t.query("zen.spamhaus.org")) == ("ip4", "99.2.0.192", "99.2.0.192.zen.spamhaus.org")
    assert parse_target("[192.0.2.1]").text == "192.0.2.1"  # as bounce texts write it


def test_ipv6_is_nibble_reversed():
    t = parse_target("2001:DB8::1")
    assert t.kind == "ip6" and t.text == "2001:db8::1"
    assert t.label == "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
    assert parse_target("IPv6:2001:db8::1").label == t.label
    assert parse_target("::ffff:192.0.2.7").kind == "ip4"  # a mapped IPv4 address is that address


def test_domains_are_lowercased_and_idna_encoded():
    assert parse_target("Example.COM.").label == "example.com"
    assert parse_target("bücher.example").text == "xn--bcher-kva.example"


@pytest.mark.parametrize("bad", ["", "300.1.2.3", "1.2.3", "foo", "a..b", "-a.example", "x y.example",
                                 "user@example.com", "a" * 64 + ".example", "http://example.com/"])
def test_malformed_targets_are_one_line_errors(bad):
    with pytest.raises(InputError) as e:
        parse_target(bad)
    assert "\n" not in str(e.value) and "not" in str(e.value)


def test_builtin_lists_are_the_standard_ones():
    by_name = {x.name: x for x in builtin_lists()}
    assert {x.zone for x in builtin_lists() if x.default} == {
        "zen.spamhaus.org", "dbl.spamhaus.org", "b.barracudacentral.org", "bl.spamcop.net"}
    zen, dbl = by_name["spamhaus-zen"], by_name["spamhaus-dbl"]
    assert zen.ipv6 and zen.covers("ip6") and not by_name["barracuda"].covers("ip6")
    assert dbl.covers("domain") and not dbl.covers("ip4")
    assert zen.zone_for("abc123") == "abc123.zen.dq.spamhaus.net" and zen.zone_for("") == "zen.spamhaus.org"
    assert by_name["barracuda"].zone_for("abc123") == "b.barracudacentral.org"  # DQS is Spamhaus only


def test_spamhaus_error_answers_are_never_listings():
    by_name = {x.name: x for x in builtin_lists()}
    zen, dbl = by_name["spamhaus-zen"], by_name["spamhaus-dbl"]
    for code in ("127.255.255.252", "127.255.255.254", "127.255.255.255", "127.255.255.1"):
        assert zen.is_error_answer(code) and dbl.is_error_answer(code), code
    assert dbl.is_error_answer("127.0.1.255") and not zen.is_error_answer("127.0.0.2")
    assert zen.is_error_answer("198.51.100.7")  # outside 127/8: a rewriting resolver
    for code in ("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.9", "127.0.0.10", "127.0.0.11"):
        assert zen.code(code) is not None and not zen.code(code).error, code
    for code in ("127.0.1.2", "127.0.1.4", "127.0.1.5", "127.0.1.6", "127.0.1.102", "127.0.1.106"):
        assert dbl.code(code) is not None and not dbl.code(code).error, code
    pbl = zen.code("127.0.0.10")
    assert "authenticated submission" in pbl.advice and "dynamic" in pbl.advice


def test_lists_file_toml_and_text(tmp_path):
    names = [x.name for x in load_lists_file(LISTS_FILE)]
    assert names == ["custom", "everything", "rewrite", "dead"]
    text = tmp_path / "lists.txt"
    text.write_text("# mine\nbl.example.net\ndbl.example.net domain\nv6.example.net ip6  # comment\n")
    lists = load_lists_file(str(text))
    assert [(x.zone, x.kind, x.ipv6) for x in lists] == [
        ("bl.example.net", "ip", False), ("dbl.example.net", "domain", False), ("v6.example.net", "ip", True)]
    assert lists[1].test_listed == "test" and lists[1].test_unlisted == "invalid"  # RFC 5782 section 5
    text.write_text("bl.example.net ipv9\n")
    with pytest.raises(InputError, match=r"lists.txt:1"):
        load_lists_file(str(text))
    with pytest.raises(InputError, match="cannot read"):
        load_lists_file(str(tmp_path / "missing.toml"))


def test_select_by_name_and_unknown_names():
    extra = load_lists_file(LISTS_FILE)
    assert [x.name for x in select(("custom", "spamhaus-zen"), extra)] == ["custom", "spamhaus-zen"]
    assert "custom" in [x.name for x in select((), extra)]
    with pytest.raises(InputError, match="unknown list"):
        select(("nope",))


def test_resolver_addresses():
    assert parse_server("127.0.0.1:5353") == Server("127.0.0.1", 5353)
    assert parse_server("::1") == Server("::1", 53)
    assert parse_server("[::1]:5300") == Server("::1", 5300)
    assert str(Server("::1", 5300)) == "[::1]:5300"
    for bad in ("127.0.0.1:0", "127.0.0.1:x", "[::1", ""):
        with pytest.raises(InputError):
            parse_server(bad)
    assert "8.8.8.8" in public_resolvers() and "2606:4700:4700::1111" in public_resolvers()
