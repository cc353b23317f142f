"""The server's ties to the store: where tokens are looked up and where webhook events are recorded."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable

from ..address import normalize
from ..hygiene.evidence import targets_of, with_clues
from ..model import Bounce
from ..sources.webhooks import Received
from ..store import Store, utcnow
from ..store import tokens as token_repo
from ..store.record import Recipient, record_message
from .auth import TokenSource

TOUCH_EVERY_SECONDS = 60.0  # last_used_at is a hint for people, not worth a write per request


def token_source(store: Store) -> TokenSource:
    touched: dict[int, float] = {}
    lock = threading.Lock()

    def touch(token_id: int) -> None:
        now = time.monotonic()
        with lock:
            if now - touched.get(token_id, -TOUCH_EVERY_SECONDS) < TOUCH_EVERY_SECONDS:
                return
            touched[token_id] = now
        token_repo.touch(store, token_id)

    return TokenSource(lookup=lambda h: token_repo.lookup(store, h), any_active=lambda: token_repo.any_active(store),
                       touch=touch)


def webhook_fingerprint(provider: str, event_id: str) -> str:
    """The dedupe key of one webhook event: a provider retrying a delivery records nothing twice."""
    return hashlib.sha256(f"webhook\n{provider}\n{event_id}".encode()).hexdigest()


def webhook_recorder(store: Store, look_up: Callable[[tuple[str, ...]], None] | None = None,
                     ) -> Callable[[Received, list[Bounce]], int]:
    """Records each event of a verified request as its own message; returns how many were new.

    The sending IPs and domains the new sender-side events name (their reply text: a
    webhook carries no bounce message) go to ``look_up`` once all are committed."""

    def record(received: Received, bounces: list[Bounce]) -> int:
        new = 0
        now = utcnow()
        targets: dict[str, None] = {}
        for event, bounce in zip(received.events, bounces, strict=True):
            address = normalize(bounce.recipient)
            if address is None:
                continue
            fp = webhook_fingerprint(received.provider, event.id)
            recipients = with_clues([Recipient(address, bounce)], None, store.policy)
            done = record_message(store, fp, bounce.source, recipients, now)
            if not done.duplicate:
                new += 1
                targets.update(dict.fromkeys(targets_of(recipients)))
        if targets and look_up is not None:
            look_up(tuple(targets))
        return new

    return record
