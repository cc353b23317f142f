"""Small text helpers the provider formats share (Gmail, Yahoo, Exchange, carriers ...).

Structure only: where the report ends, the paragraph after a marker line, the
addresses of a header. Meanings stay in ``classify``.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from .. import original, scan
from ..message import Message


def report_text(text: str) -> str:
    """The human-readable report: the text before the returned original."""
    i = original.find_separator(text.lower())
    return text[:i] if i >= 0 else text


def after(text: str, *markers: str, stop_blank: bool = True) -> str:
    """The text after the first marker (case-insensitive) up to the next blank line.

    Text on the marker's own line after the marker belongs to it ("... was: 550 ...").
    """
    lower = text.lower()
    hits = [(i, m) for i, m in ((lower.find(m.lower()), m) for m in markers) if i >= 0]
    if not hits:
        return ""
    i, m = min(hits)
    rest = text[i + len(m):]
    if not stop_blank:
        return rest.strip()
    out: list[str] = []
    for line in rest.split("\n"):
        if not line.strip():
            if out:
                break
            continue
        out.append(line.strip())
    return " ".join(out)


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
