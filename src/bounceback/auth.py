"""API tokens: made here, shown once, stored only as a hash.

A token is ``bb_`` + 43 URL-safe characters (256 random bits). With that much
entropy a plain SHA-256 is the right hash (no salt or slow hash needed: there
is nothing to guess), and looking a token up by its hash is constant-time with
respect to the secret. Only the first characters (``prefix``) are kept in
clear, so people can tell their tokens apart in ``token list``.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

TOKEN_PREFIX = "bb_"
TOKEN_BYTES = 32
SHOWN = 8  # characters after bb_ kept in clear


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)


def looks_like_token(value: str) -> bool:
    body = value[len(TOKEN_PREFIX):]
    return (value.startswith(TOKEN_PREFIX) and 32 <= len(body) <= 64
            and all(c.isalnum() or c in "-_" for c in body) and body.isascii())


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def display_prefix(token: str) -> str:
    return token[:len(TOKEN_PREFIX) + SHOWN]


@dataclass(frozen=True, slots=True)
class TokenRecord:
    """A token as stored: never the secret itself."""

    id: int
    name: str
    prefix: str  # bb_ and the first characters, for people to recognise it
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_dict(self) -> dict[str, Any]:
        def iso(t: datetime | None) -> str | None:
            return t.isoformat() + ("Z" if t.tzinfo is None else "") if t else None

        return {"id": self.id, "name": self.name, "prefix": self.prefix, "created_at": iso(self.created_at),
                "last_used_at": iso(self.last_used_at), "revoked_at": iso(self.revoked_at),
                "active": self.active}
