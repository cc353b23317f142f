"""The bounces no rule could classify (reason ``undefined`` or ``onhold``), grouped by their words.

Two bounces that differ only in addresses, host names, IP addresses, numbers, ids and
URLs say the same thing: masking those gives one *signature* per wording, so a reviewer
sees each unknown sentence once, with how often it came and an example to open, and
can turn it into a phrase in ``knowledge/reasons/*.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from . import patterns
from .model import Bounce

UNCLASSIFIED = ("undefined", "onhold")
MAX_SIGNATURE = 240

# (pattern, placeholder), applied in this order to the lower-cased, whitespace-collapsed text
_MASKS = tuple((patterns.compile(p), r) for p, r in (
    (r"\b(?:https?|ftp)://[^\s\"'<>]+", "<url>"),
    (r"[^\s<>\"'(),;:\[\]]+@[^\s<>\"'(),;:\[\]]+", "<addr>"),
    (r"\b\d{1,3}(?:\.\d{1,3}){3}\b", "<ip>"),
    (r"\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\b", "<ip>"),
    # host names: dotted labels ending in a letter-only TLD (mx1.example.net, example.co.jp)
    (r"\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}\b\.?", "<host>"),
    # ids: runs that mix digits and letters, or long hex/number strings (queue ids, hashes)
    (r"\b[a-z0-9_+/-]*\d[a-z0-9_+/-]*[a-z][a-z0-9_+/-]*\b|\b[a-z0-9_+/-]*[a-z][a-z0-9_+/-]*\d[a-z0-9_+/-]*\b",
     "<id>"),
    (r"\d+(?:[.,]\d+)*", "<n>"),
))


def signature(text: str) -> str:
    """The diagnostic with what varies between bounces masked: the words that stay are the message."""
    s = patterns.normalize(text)
    for rx, placeholder in _MASKS:
        s = rx.sub(placeholder, s)
    return s[:MAX_SIGNATURE]


@dataclass
class Group:
    signature: str
    count: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)  # "550 5.7.1" ...
    decoders: dict[str, int] = field(default_factory=dict)
    example_source: str = ""
    example_recipient: str = ""
    example_text: str = ""

    def add(self, b: Bounce) -> None:
        self.count += 1
        self.reasons[b.reason] = self.reasons.get(b.reason, 0) + 1
        status = "" if b.status[2:5] == "0.9" else b.status  # bounceback's own pseudo codes say nothing
        code = " ".join(x for x in (b.reply_code, status) if x)
        if code:
            self.codes[code] = self.codes.get(code, 0) + 1
        if b.decoded_by:
            self.decoders[b.decoded_by] = self.decoders.get(b.decoded_by, 0) + 1
        if not self.example_source:
            self.example_source = f"{b.source} (message {b.message})" if b.message else b.source
            self.example_recipient, self.example_text = b.recipient, b.diagnostic

    def to_dict(self) -> dict:
        return {
            "signature": self.signature, "count": self.count, "reasons": self.reasons, "codes": self.codes,
            "decoded_by": self.decoders, "example": {"source": self.example_source,
                                                     "recipient": self.example_recipient,
                                                     "diagnostic": self.example_text},
        }


def group(bounces: Iterable[Bounce], reasons: tuple[str, ...] = UNCLASSIFIED) -> list[Group]:
    """Groups of the bounces whose reason is one of ``reasons``, most frequent first."""
    groups: dict[str, Group] = {}
    for b in bounces:
        if b.reason not in reasons:
            continue
        key = signature(b.diagnostic) if b.diagnostic.strip() else ""
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(key)
        g.add(b)
    return sorted(groups.values(), key=lambda g: (-g.count, g.signature))
