from __future__ import annotations

import pytest

from bounceback.address import normalize


@pytest.mark.parametrize("text, expected", [
    ("Jane.Doe@Example.ORG", "jane.doe@example.org"),
    ("  <jane@example.org>  ", "jane@example.org"),
    ("mailto:jane@example.org", "jane@example.org"),
    ("jane@example.org.", "jane@example.org"),
    ("j+tag@sub.example.co.uk", "j+tag@sub.example.co.uk"),
    ("jörg@bücher.example", "jörg@bücher.example"),
    # docomo/au addresses made before 2009: RFC 5322 forbids them, the carriers deliver to them
    ("neko..nyaan.@docomo.ne.jp", "neko..nyaan.@docomo.ne.jp"),
    ('"neko....nyaan...."@libsisimai.org', "neko....nyaan....@libsisimai.org"),
])
def test_plausible_addresses_in_one_normal_form(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize("text", [
    "", "jane", "jane@", "@example.org", "jane@localhost", "...@example.org", '"jane doe"@example.org',
    '"a@b"@example.org', "jane doe@example.org", "jane@exa mple.org", "jane@-example.org", "jane@example..org", "a@b@example.org",
    "jane@example_org.com", "someone(at)example.com", "jane\x00@example.org", "j\udcffne@example.org",
    "x" * 65 + "@example.org",
])
def test_implausible_addresses_are_refused(text):
    assert normalize(text) is None
