"""Address pre-checks against the tests' own NSD (zones.py: example.net; example.org is not served)."""

from __future__ import annotations

import asyncio

import pytest

from bounceback.reputation import validate
from bounceback.reputation.resolver import Lookup, parse_server


def check(server, *addresses, **kw):
    return validate.check_addresses(list(addresses), resolver=server.address, timeout=3, **kw)


@pytest.mark.parametrize(("address", "result", "reason", "detail"), [
    ("jane@mx.example.net", "ok", "", "mail for mx.example.net goes to mail.mx.example.net"),
    ("jane@two-mx.example.net", "ok", "", "goes to a.two-mx.example.net"),  # lowest preference first
    ("jane@aonly.example.net", "ok", "", "has no MX; mail goes to its address 192.0.2.26"),
    ("jane@aaaaonly.example.net", "ok", "", "2001:db8::26"),
    ("jane@nullmx.example.net", "undeliverable", "null_mx", "null MX (RFC 7505)"),
    ("jane@nomail.example.net", "undeliverable", "no_mail_host", "neither MX nor A/AAAA"),
    ("jane@missing.example.net", "undeliverable", "no_domain", "does not exist"),
    ("jane@example.org", "unknown", "dns_error", "REFUSED"),
    ("jane@", "invalid", "syntax", "not a valid address"),
    ("jane.example.net", "invalid", "syntax", "@-sign"),
    ("jane@localhost.test", "invalid", "syntax", "special-use"),
    ("  ", "invalid", "empty", "no address"),
])
def test_each_domain_case(dns_server, address, result, reason, detail):
    (c,) = check(dns_server, address)
    assert (c.result, c.reason) == (result, reason), c
    assert detail in c.detail
    assert c.address == address


def test_normalised_addresses_and_role_accounts(dns_server):
    checks = check(dns_server, "Jane.Doe@MX.Example.NET", "postmaster@mx.example.net", "NoReply+news@mx.example.net",
                   "noreply-billing@mx.example.net", "noreplyanne@mx.example.net", "abuse@nullmx.example.net")
    assert checks[0].normalized == "Jane.Doe@mx.example.net" and not checks[0].role
    assert [c.role for c in checks] == [False, True, True, True, False, True]
    assert checks[-1].result == "undeliverable"  # a role account is flagged, the result is the domain's


def test_order_is_kept_and_each_domain_looked_up_once(dns_server):
    addresses = [f"user{i}@{d}.example.net" for i in range(200) for d in ("mx", "aonly", "nullmx", "missing")]

    async def run():
        lookup = Lookup((parse_server(dns_server.address),), timeout=3)
        seen = []
        out = await validate.check_addresses_async(addresses, lookup, lambda done, total: seen.append((done, total)))
        return out, lookup.queries, seen

    out, queries, seen = asyncio.run(run())
    assert [c.address for c in out] == addresses
    # MX for 4 domains, then A and AAAA for the one without MX (aonly)
    assert queries == 6
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)


def test_a_resolver_that_never_answers_gives_unknown(black_hole):
    out = validate.check_addresses(["a@mx.example.net", "bad"], resolver=black_hole, timeout=0.3)
    assert (out[0].result, out[0].reason) == ("unknown", "dns_error")
    assert "no answer within 0.3s" in out[0].detail
    assert out[1].result == "invalid"  # syntax needs no DNS


def test_japanese_carriers_legacy_dotted_local_parts_are_valid_syntax():
    # docomo/au/SoftBank addresses from before 2009: ".." or a trailing "." (valid quoted, RFC 5321)
    assert validate.syntax("taro..yamada.@docomo.ne.jp") == validate.Syntax(
        "taro..yamada.@docomo.ne.jp", "docomo.ne.jp", False)
    assert not validate.syntax("hanako.@ezweb.ne.jp").error
    assert "two periods" in validate.syntax("taro..yamada@gmail.com").error  # elsewhere it is a typo
