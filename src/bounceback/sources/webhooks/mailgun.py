"""Mailgun webhooks, verified by their HMAC signature.

Mailgun signs each request: ``signature.signature`` is the hex HMAC-SHA256 of
``signature.timestamp + signature.token`` keyed with the account's webhook
signing key (Mailgun "Securing Webhooks"). A timestamp far from now is
refused (replays), and so is a token seen before.

The event is ``event-data``: ``event`` (failed, complained, unsubscribed,
delivered ...), ``severity`` (permanent | temporary) and ``reason`` (bounce,
suppress-bounce, greylisted, espblock, old ...) for failures, ``recipient``,
``timestamp``, ``id``, ``delivery-status`` (code, enhanced-code, message,
description, mx-host). Mapping: ``[mailgun.*]`` of webhooks.toml.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from .base import (
    Category,
    Received,
    WebhookEvent,
    WebhookInvalid,
    WebhookNotConfigured,
    WebhookRefused,
    WebhookRequest,
    constant_time_equal,
    epoch,
    lookup,
    make_event,
    original_of,
    text,
)

NAME = "mailgun"
DECODED_BY = "mailgun-webhook"
SEEN_TOKENS = 10_000


@dataclass(frozen=True, slots=True)
class MailgunSettings:
    signing_key: str
    max_age_seconds: int = 900


class TokenMemory:
    """Tokens of recently accepted requests: a token is good once."""

    def __init__(self, size: int = SEEN_TOKENS) -> None:
        self.size = size
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, token: str) -> bool:
        with self._lock:
            if token in self._seen:
                return False
            self._seen[token] = None
            if len(self._seen) > self.size:
                self._seen.popitem(last=False)
            return True


def signature_of(signing_key: str, timestamp: str, token: str) -> str:
    return hmac.new(signing_key.encode(), (timestamp + token).encode(), hashlib.sha256).hexdigest()


def verify(sig: Any, settings: MailgunSettings, tokens: TokenMemory, now: float | None = None) -> None:
    if not isinstance(sig, dict):
        raise WebhookRefused("the Mailgun signature is missing")
    timestamp, token, signature = text(sig.get("timestamp")), text(sig.get("token")), text(sig.get("signature"))
    if not (timestamp and token and signature):
        raise WebhookRefused("the Mailgun signature is incomplete")
    if not constant_time_equal(signature_of(settings.signing_key, timestamp, token), signature.lower()):
        raise WebhookRefused("the Mailgun signature does not match")
    try:
        age = abs((now if now is not None else time.time()) - float(timestamp))
    except ValueError:
        raise WebhookRefused("the Mailgun timestamp is not a number") from None
    if age > settings.max_age_seconds:
        raise WebhookRefused(f"the Mailgun timestamp is {age:.0f} s away from now (replayed?)")
    if not tokens.first_time(token):
        raise WebhookRefused("the Mailgun token was used before (replayed)")


def receive(request: WebhookRequest, settings: MailgunSettings | None, tokens: TokenMemory,
            now: float | None = None) -> Received:
    if settings is None or not settings.signing_key:
        raise WebhookNotConfigured("Mailgun webhooks are not configured (webhooks.mailgun.signing_key)")
    body = request.json()
    if not isinstance(body, dict):
        raise WebhookRefused("the Mailgun signature is missing")
    verify(body.get("signature"), settings, tokens, now)
    data = body.get("event-data")
    if not isinstance(data, dict):
        raise WebhookInvalid("the Mailgun request has no event-data")
    ev = from_event(data)
    return Received(NAME, (ev,) if ev else (), 0 if ev else 1)


def _category(data: dict[str, Any]) -> Category | None:
    event = text(data.get("event"))
    if event == "failed":
        cat = lookup(NAME, "event", f"failed/{text(data.get('severity')) or 'permanent'}")
        refined = lookup(NAME, "reason", text(data.get("reason")))
        return refined.over(cat) if refined and cat else cat
    return lookup(NAME, "event", event)


def from_event(data: dict[str, Any]) -> WebhookEvent | None:
    cat = _category(data)
    if cat is None or cat.ignore:
        return None
    ds = data.get("delivery-status") if isinstance(data.get("delivery-status"), dict) else {}
    words = [text(ds.get("message")), text(ds.get("description"))]
    diagnostic = " ".join(dict.fromkeys(w.strip() for w in words if w.strip()))
    code = text(ds.get("code"))
    reply_code = code if len(code) == 3 and code.isdigit() and code[0] in "245" else ""
    message = data.get("message") if isinstance(data.get("message"), dict) else {}
    headers = message.get("headers") if isinstance(message.get("headers"), dict) else {}
    original = original_of(message_id=text(headers.get("message-id")), sender=text(headers.get("from")),
                           to=text(headers.get("to")), subject=text(headers.get("subject")))
    ident = text(data.get("id")) or f"{text(data.get('timestamp'))}:{text(data.get('recipient'))}"
    return make_event(ident, text(data.get("recipient")), cat, diagnostic=diagnostic,
                      status=text(ds.get("enhanced-code")), reply_code=reply_code,
                      remote_mta=text(ds.get("mx-host")), date=epoch(data.get("timestamp")),
                      original=original, decoded_by=DECODED_BY)
