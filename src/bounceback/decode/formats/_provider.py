"""Small text helpers the provider formats share (Gmail, Yahoo, Exchange, carriers ...).

Structure only: the addresses of a header, a Received stamp, the last touches on a
format's deliveries (``finish``). Where the report ends and the paragraph after a marker
are in ``textscan`` (``report_text``, ``after``). Meanings stay in ``classify``.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from .. import scan
from ..message import Message


def header_addresses(msg: Message, name: str) -> list[str]:
    """Addresses of a comma-separated header such as ``X-Failed-Recipients``."""
    out: list[str] = []
    for value in msg.get_all(name):
        for item in value.split(","):
            a = scan.clean_address(item)
            if a and a.lower() not in {x.lower() for x in out}:
                out.append(a)
    return out


def received_has(msg: Message, *needles: str) -> bool:
    return any(n in r.lower() for r in msg.get_all("received") for n in needles)


def expired(d: Delivery) -> Delivery:
    """A delivery the format says timed out: reason ``expired``, action ``delayed`` (Sisimai's convention)."""
    return replace(d, reason="expired", action="delayed")


def finish(found: list[Delivery]) -> list[Delivery] | None:
    """Failed unless the format said otherwise; expiry means ``delayed``; None when empty."""
    out = []
    for d in found:
        if d.reason == "expired" and d.action in ("", "failed"):
            d = replace(d, action="delayed")
        elif not d.action:
            d = replace(d, action="failed")
        out.append(d)
    return out or None
