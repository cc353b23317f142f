"""VERP: the recipient encoded in the envelope sender, so a bounce names whom it is about.

Mailman/qmail style (qmail-send VERP, Mailman ``VERP_FORMAT``)::

    encode("jane@example.org", "bounces@example.com")  -> "bounces+jane=example.org@example.com"
    decode("bounces+jane=example.org@example.com")     -> "jane@example.org"

The separator between the bounce address's local part and the encoded recipient
is configurable (``+`` by default, ``-`` for qmail's ``bounces-jane=example.org@``).
The recipient's ``@`` becomes ``=``; its local part is kept as it is, so it may
itself contain ``=`` or the separator (decoding takes the last ``=``).

Decoding is used by ``decode`` only when a pattern is configured (``--verp``,
``BOUNCEBACK_VERP``, or ``[verp]`` in ``bounceback.toml``): then a bounce whose report does not name its recipient
clearly gets the one its envelope address names. Without one, nothing is guessed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import InputError

ENV_ADDRESS = "BOUNCEBACK_VERP"
ENV_SEPARATOR = "BOUNCEBACK_VERP_SEPARATOR"
SEPARATORS = ("+", "-", ".", "_", "=")


def _split(address: str, what: str) -> tuple[str, str]:
    a = address.strip().strip("<>")
    local, at, domain = a.rpartition("@")
    if not at or not local or not domain or " " in a or "." not in domain:
        raise InputError(a or "''", f"not an email address ({what})")
    return local, domain.lower()


@dataclass(frozen=True, slots=True)
class VerpPattern:
    """A bounce address (``bounces@example.com``) and the separator used to append recipients."""

    bounce_address: str
    separator: str = "+"

    def __post_init__(self) -> None:
        if self.separator not in SEPARATORS:
            raise InputError(self.separator, f"not a VERP separator (use one of {' '.join(SEPARATORS)})")
        _split(self.bounce_address, "VERP bounce address")

    @property
    def local(self) -> str:
        return _split(self.bounce_address, "VERP bounce address")[0]

    @property
    def domain(self) -> str:
        return _split(self.bounce_address, "VERP bounce address")[1]

    def encode(self, recipient: str) -> str:
        """The envelope sender to use for mail to ``recipient``."""
        local, domain = _split(recipient, "recipient")
        return f"{self.local}{self.separator}{local}={domain}@{self.domain}"

    def decode(self, address: str) -> str | None:
        """The recipient encoded in ``address``; None when it is not this pattern's."""
        try:
            local, domain = _split(address, "VERP address")
        except InputError:
            return None
        prefix = self.local + self.separator
        if domain != self.domain or not local.lower().startswith(prefix.lower()):
            return None
        return _unpack(local[len(prefix) :])


def _unpack(encoded: str) -> str | None:
    rlocal, eq, rdomain = encoded.rpartition("=")
    if not eq or not rlocal or "." not in rdomain or "@" in encoded:
        return None
    return f"{rlocal}@{rdomain.lower()}"


def encode(recipient: str, bounce_address: str, separator: str = "+") -> str:
    return VerpPattern(bounce_address, separator).encode(recipient)


def decode(address: str, bounce_address: str | None = None, separator: str = "+") -> str | None:
    """The recipient in a VERP address. Without ``bounce_address`` any ``local<sep>user=domain@`` form is read."""
    if bounce_address:
        return VerpPattern(bounce_address, separator).decode(address)
    try:
        local, _domain = _split(address, "VERP address")
    except InputError:
        return None
    _, sep, encoded = local.partition(separator)
    return _unpack(encoded) if sep else None


def from_config(raw: dict, label: str = "bounceback.toml") -> VerpPattern | None:
    """The ``[verp]`` table of ``bounceback.toml``: ``bounce_address = "bounces@example.com"``, ``separator = "+"``."""
    table = raw.get("verp")
    if table is None:
        return None
    if not isinstance(table, dict) or not isinstance(table.get("bounce_address", ""), str):
        raise InputError(label, "[verp] must be a table with bounce_address = \"bounces@example.com\"")
    address = table.get("bounce_address", "").strip()
    if not address:
        return None
    return VerpPattern(address, str(table.get("separator", "+")) or "+")


def from_env(environ: dict[str, str] | None = None) -> VerpPattern | None:
    """The pattern configured in ``BOUNCEBACK_VERP`` (and ``BOUNCEBACK_VERP_SEPARATOR``), if any."""
    env = os.environ if environ is None else environ
    address = env.get(ENV_ADDRESS, "").strip()
    if not address:
        return None
    return VerpPattern(address, env.get(ENV_SEPARATOR, "+").strip() or "+")


# headers of a bounce that carry the address it was delivered to, most specific first:
# Postfix local/virtual (X-Original-To, Delivered-To), Exim (Envelope-to), then what the MTA kept
ENVELOPE_HEADERS = ("x-original-to", "delivered-to", "envelope-to", "x-envelope-to", "to", "return-path")
