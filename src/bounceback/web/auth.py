"""Who may use the server: a bearer token, or the dashboard's login cookie (which holds a token).

Authentication is required as soon as one API token exists. With none, the
server is open, and ``serve`` only ever listens on loopback then
(``settings.check_bind``). Tokens are read from ``Authorization: Bearer`` or
the ``bb_session`` cookie, never from a query string, so they cannot end up
in access logs. A cookie-authenticated request that changes something must
come from our own pages (its Origin, or Referer, is this server).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

from ..auth import TokenRecord, looks_like_token, token_hash

COOKIE = "bb_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CACHE_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class TokenSource:
    """Where tokens live: ``lookup(hash)`` and ``any_active()``; the store provides both."""

    lookup: Callable[[str], TokenRecord | None]
    any_active: Callable[[], bool]
    touch: Callable[[int], None] = lambda _id: None


NO_TOKENS = TokenSource(lookup=lambda _h: None, any_active=lambda: False)


class Authenticator:
    def __init__(self, source: TokenSource = NO_TOKENS) -> None:
        self.source = source
        self._required: tuple[float, bool] = (0.0, False)
        self._lock = threading.Lock()

    def required(self) -> bool:
        """True once any active token exists (checked at most every CACHE_SECONDS)."""
        now = time.monotonic()
        with self._lock:
            at, value = self._required
            if now - at < CACHE_SECONDS:
                return value
        value = self.source.any_active()
        with self._lock:
            self._required = (now, value)
        return value

    def verify(self, token: str) -> TokenRecord | None:
        if not looks_like_token(token):
            return None
        record = self.source.lookup(token_hash(token))
        if record is None or not record.active:
            return None
        self.source.touch(record.id)
        return record


def bearer(request: Request) -> str:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def same_origin(request: Request) -> bool:
    source = request.headers.get("origin") or request.headers.get("referer") or ""
    if not source:
        return False
    parts = urlsplit(source)
    return parts.netloc == request.headers.get("host", "") and parts.scheme in ("http", "https")


def user_of(request: Request) -> TokenRecord | None | bool:
    """The token record of the caller; True when the server is open (no tokens exist); None: refused."""
    auth: Authenticator = request.app.state.auth
    if not auth.required():
        return True
    token = bearer(request)
    if token:
        return auth.verify(token)
    cookie = request.cookies.get(COOKIE, "")
    if cookie:
        record = auth.verify(cookie)
        if record is not None and request.method not in SAFE_METHODS and not same_origin(request):
            return None
        return record
    return None


async def require_user(request: Request) -> None:
    """Dependency of every API route but health and the webhooks: 401 without a valid token.

    Async on purpose: the lookup is one indexed read (well under a millisecond), cheaper than
    the hop to the thread pool a sync dependency costs on every request.
    """
    if user_of(request) is None:
        raise HTTPException(401, "authentication required: send Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": "Bearer"})
