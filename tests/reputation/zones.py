"""The zones the reputation tests serve from their own NSD (see tests/dnsserver.py).

Names follow RFC 5737/3849 documentation ranges (192.0.2.0/24, 2001:db8::/32)
and example domains; the real list zones (zen.spamhaus.org ...) are served here
so the built-in list definitions are tested as shipped. Nothing here is ever
asked of a real resolver.
"""

from __future__ import annotations

import ipaddress


def rev(ip: str) -> str:
    a = ipaddress.ip_address(ip)
    if a.version == 4:
        return ".".join(reversed(ip.split(".")))
    return ".".join(reversed(a.exploded.replace(":", "")))


# target IP -> answers of zen.spamhaus.org
ZEN = {
    "127.0.0.2": ["127.0.0.2"],  # RFC 5782 test point
    "192.0.2.2": ["127.0.0.2"],  # SBL
    "192.0.2.3": ["127.0.0.3"],  # CSS
    "192.0.2.4": ["127.0.0.4"],  # XBL
    "192.0.2.7": ["127.0.0.7"],  # XBL
    "192.0.2.9": ["127.0.0.9"],  # DROP
    "192.0.2.10": ["127.0.0.10"],  # PBL, ISP
    "192.0.2.11": ["127.0.0.11"],  # PBL, Spamhaus
    "192.0.2.20": ["127.0.0.4", "127.0.0.10"],  # XBL and PBL
    "192.0.2.44": ["127.0.0.10"],  # PBL, ISP: the sending IP of samples/ and tests/builders.py
    "192.0.2.77": ["127.0.0.77"],  # undocumented listing code
    "192.0.2.99": ["203.0.113.5"],  # not a DNSBL answer
    "192.0.2.252": ["127.255.255.252"],
    "192.0.2.253": ["127.255.255.253"],  # undocumented, inside the error range
    "192.0.2.254": ["127.255.255.254"],
    "192.0.2.255": ["127.255.255.255"],
    "2001:db8::2": ["127.0.0.2"],
    "2001:db8::10": ["127.0.0.10"],
}

DBL = {
    "dbltest.com": ["127.0.1.2"],  # Spamhaus' test point
    "spam.example": ["127.0.1.2"],
    "redirector.example": ["127.0.1.3"],
    "phish.example": ["127.0.1.4"],
    "malware.example": ["127.0.1.5"],
    "botnet.example": ["127.0.1.6"],
    "abused-spam.example": ["127.0.1.102"],
    "abused-redirector.example": ["127.0.1.103"],
    "abused-phish.example": ["127.0.1.104"],
    "abused-malware.example": ["127.0.1.105"],
    "abused-botnet.example": ["127.0.1.106"],
    "ipquery.example": ["127.0.1.255"],
    "typo.example": ["127.255.255.252"],
}

# Spamhaus DQS with the key "testkey": 192.0.2.1 is clean on the public zone, listed here.
DQS_KEY = "testkey"
DQS_ZEN = {"127.0.0.2": ["127.0.0.2"], "192.0.2.1": ["127.0.0.3"]}

BARRACUDA = {"127.0.0.2": ["127.0.0.2"], "192.0.2.2": ["127.0.0.2"]}
SPAMCOP = {"127.0.0.2": ["127.0.0.2"], "192.0.2.3": ["127.0.0.2"]}


def a_records(table: dict[str, list[str]], ip_keys: bool = True) -> list[str]:
    return [f"{rev(k) if ip_keys else k} A {v}" for k, vs in table.items() for v in vs]


# Domains for `validate`, all under example.net (example.org is not served: REFUSED).
MAIL = [
    "mx MX 10 mail.mx",
    "mail.mx A 192.0.2.25",
    "two-mx MX 10 a.two-mx",
    "two-mx MX 20 b.two-mx",
    "aonly A 192.0.2.26",
    "aaaaonly AAAA 2001:db8::26",
    "nullmx MX 0 .",
    "nomail TXT \"v=spf1 -all\"",
]

# The sender's own hosts, for incident evidence that names a host instead of an IP
# (Reporting-MTA, Received-From-MTA): out.news.example.com is on ZEN's PBL (v4 and v6).
SENDER = [
    "out A 192.0.2.11",
    "out AAAA 2001:db8::10",
    "inside A 10.0.0.25",  # no public address
]

ZONES: dict[str, list[str]] = {
    "zen.spamhaus.org": a_records(ZEN),
    "dbl.spamhaus.org": a_records(DBL, ip_keys=False),
    "zen.dq.spamhaus.net": [f"{rev(k)}.{DQS_KEY} A {v}" for k, vs in DQS_ZEN.items() for v in vs],
    "dbl.dq.spamhaus.net": [f"dbltest.com.{DQS_KEY} A 127.0.1.2"],
    "b.barracudacentral.org": a_records(BARRACUDA),
    "bl.spamcop.net": a_records(SPAMCOP),
    # Lists given with --lists-file (tests/reputation/lists.toml)
    "custom.example": a_records({"127.0.0.2": ["127.0.0.2"], "192.0.2.50": ["127.0.0.3"]}),
    "everything.example": ["* A 127.0.0.2"],  # a resolver that answers for everything
    "rewrite.example": ["* A 198.51.100.7"],  # NXDOMAIN rewritten to an ad server
    "dead.example": ["www A 192.0.2.80"],  # lists nothing, not even its test point
    "example.net": MAIL,
    "news.example.com": SENDER,
}
