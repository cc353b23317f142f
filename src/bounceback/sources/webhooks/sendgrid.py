"""SendGrid (Twilio) Event Webhook, with its signed-event verification.

SendGrid signs ``timestamp + raw body`` with ECDSA P-256 / SHA-256 and sends
the base64 DER signature in ``X-Twilio-Email-Event-Webhook-Signature`` and the
timestamp in ``X-Twilio-Email-Event-Webhook-Timestamp``; the verification key
is the base64 DER public key shown in the SendGrid settings (Twilio
"Getting Started with the Event Webhook Security Features").

The body is a JSON array of events: ``event`` (bounce, blocked — as ``type``
of a bounce in newer payloads —, deferred, dropped, delivered, spamreport,
unsubscribe ...), ``email``, ``timestamp``, ``status``, ``reason`` /
``response`` (the receiver's words), ``bounce_classification``,
``sg_event_id`` (deduplication). Mapping: ``[sendgrid.*]`` of webhooks.toml.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_der_public_key, load_pem_public_key

from .base import (
    Category,
    Received,
    WebhookEvent,
    WebhookInvalid,
    WebhookNotConfigured,
    WebhookRefused,
    WebhookRequest,
    epoch,
    lookup,
    make_event,
    original_of,
    text,
)

NAME = "sendgrid"
DECODED_BY = "sendgrid-webhook"
SIGNATURE_HEADER = "x-twilio-email-event-webhook-signature"
TIMESTAMP_HEADER = "x-twilio-email-event-webhook-timestamp"


@dataclass(frozen=True, slots=True)
class SendGridSettings:
    public_key: str  # base64 DER (as SendGrid shows it) or PEM

    def key(self) -> ec.EllipticCurvePublicKey:
        value = self.public_key.strip()
        try:
            if value.startswith("-----BEGIN"):
                key = load_pem_public_key(value.encode())
            else:
                key = load_der_public_key(base64.b64decode(value, validate=True))
        except ValueError as exc:
            raise WebhookNotConfigured(f"webhooks.sendgrid.public_key is not a public key ({exc})") from None
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise WebhookNotConfigured("webhooks.sendgrid.public_key is not an ECDSA key")
        return key


def verify(request: WebhookRequest, settings: SendGridSettings) -> None:
    signature, timestamp = request.header(SIGNATURE_HEADER), request.header(TIMESTAMP_HEADER)
    if not signature or not timestamp:
        raise WebhookRefused("the SendGrid signature headers are missing")
    try:
        raw_sig = base64.b64decode(signature, validate=True)
    except ValueError:
        raise WebhookRefused("the SendGrid signature is not base64") from None
    try:
        settings.key().verify(raw_sig, timestamp.encode() + request.body, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise WebhookRefused("the SendGrid signature does not match") from None


def receive(request: WebhookRequest, settings: SendGridSettings | None) -> Received:
    if settings is None or not settings.public_key:
        raise WebhookNotConfigured("SendGrid webhooks are not configured (webhooks.sendgrid.public_key)")
    verify(request, settings)
    body = request.json()
    if not isinstance(body, list):
        raise WebhookInvalid("a SendGrid event webhook body is a JSON array of events")
    events: list[WebhookEvent] = []
    ignored = 0
    for item in body:
        ev = from_event(item) if isinstance(item, dict) else None
        if ev is None:
            ignored += 1
        else:
            events.append(ev)
    return Received(NAME, tuple(events), ignored)


def _category(item: dict[str, Any]) -> Category | None:
    event = text(item.get("event"))
    if event == "bounce" and text(item.get("type")) == "blocked":
        event = "blocked"
    if event == "dropped":
        return lookup(NAME, "dropped", text(item.get("reason")))
    cat = lookup(NAME, "event", event)
    if cat is None or cat.ignore:
        return cat
    refined = lookup(NAME, "classification", text(item.get("bounce_classification")))
    return refined.over(cat) if refined else cat


def from_event(item: dict[str, Any]) -> WebhookEvent | None:
    cat = _category(item)
    if cat is None or cat.ignore:
        return None
    ident = text(item.get("sg_event_id")) or hashlib.sha256(
        json.dumps(item, sort_keys=True).encode()).hexdigest()[:32]
    diagnostic = "" if item.get("event") == "dropped" else text(item.get("reason")) or text(item.get("response"))
    message_id = text(item.get("smtp-id")) or text(item.get("sg_message_id"))
    return make_event(ident, text(item.get("email")), cat, diagnostic=diagnostic, status=text(item.get("status")),
                      date=epoch(item.get("timestamp")), original=original_of(message_id=message_id),
                      decoded_by=DECODED_BY)
