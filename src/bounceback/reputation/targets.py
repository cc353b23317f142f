"""What a DNS blocklist can be asked about: an IPv4 or IPv6 address, or a domain name."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from ..errors import InputError

MAX_NAME = 253  # presentation length of a full DNS name without the trailing dot


@dataclass(frozen=True, slots=True)
class Target:
    text: str  # normalised: the address in canonical form, or the lower-case ASCII domain
    kind: str  # "ip4" | "ip6" | "domain"
    label: str  # what goes in front of the list's zone (RFC 5782 sections 2.1, 2.4, 3)

    def query(self, zone: str) -> str:
        return f"{self.label}.{zone}"


def parse_target(text: str) -> Target:
    """``192.0.2.1``, ``[192.0.2.1]``, ``2001:db8::1`` or ``example.com``; anything else is an InputError."""
    raw = text.strip().strip("[]")
    if raw.lower().startswith("ipv6:"):
        raw = raw[5:]
    try:
        ip = ipaddress.ip_address(raw)
    except ValueError:
        return Target(*_domain(text, raw))
    if ip.version == 4:
        return Target(str(ip), "ip4", ".".join(reversed(str(ip).split("."))))
    assert isinstance(ip, ipaddress.IPv6Address)
    if ip.ipv4_mapped:  # ::ffff:192.0.2.1 is that IPv4 address
        v4 = str(ip.ipv4_mapped)
        return Target(v4, "ip4", ".".join(reversed(v4.split("."))))
    return Target(str(ip), "ip6", ".".join(reversed(ip.exploded.replace(":", ""))))


def _domain(original: str, raw: str) -> tuple[str, str, str]:
    name = raw.rstrip(".").lower()
    if not name or any(c.isspace() for c in name) or "@" in name or "/" in name:
        raise InputError(original, "not an IP address or a domain name")
    try:
        ascii_name = name.encode("idna").decode("ascii")
    except UnicodeError:
        raise InputError(original, "not an IP address or a valid domain name") from None
    labels = ascii_name.split(".")
    if len(labels) < 2 or len(ascii_name) > MAX_NAME:
        raise InputError(original, "not an IP address or a domain name (a domain has at least two labels)")
    for label in labels:
        if not 0 < len(label) <= 63 or label.startswith("-") or label.endswith("-") or not all(
            c.isalnum() or c in "-_" for c in label
        ):
            raise InputError(original, f"not an IP address or a valid domain name (bad label {label!r})")
    if all(label.isdigit() for label in labels):
        raise InputError(original, "not a valid IP address")
    return ascii_name, "domain", ascii_name
