"""Postmark bounce, spam-complaint and delivery webhooks, authenticated by HTTP basic auth.

Postmark cannot sign webhooks; it sends the credentials written into the
webhook URL (``https://user:password@host/...``) as basic auth, compared here
in constant time. Payload (Postmark "Bounce webhook"): ``RecordType``
(Bounce, SpamComplaint, Delivery ...), ``Type`` (22 bounce types: HardBounce,
SoftBounce, Transient, DnsError, SpamNotification ...), ``Email``, ``Details``
(often the receiver's SMTP reply), ``Description``, ``BouncedAt``, ``ID``,
``MessageID``. Mapping: ``[postmark.*]`` of webhooks.toml.
"""

from __future__ import annotations

import base64
import binascii
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
    iso_time,
    lookup,
    make_event,
    original_of,
    text,
)

NAME = "postmark"
DECODED_BY = "postmark-webhook"


@dataclass(frozen=True, slots=True)
class PostmarkSettings:
    username: str
    password: str


def verify(request: WebhookRequest, settings: PostmarkSettings) -> None:
    scheme, _, value = request.header("authorization").partition(" ")
    if scheme.lower() != "basic" or not value:
        raise WebhookRefused("Postmark webhooks need HTTP basic auth")
    try:
        user, sep, password = base64.b64decode(value.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise WebhookRefused("the basic auth credentials are malformed") from None
    ok_user = constant_time_equal(user, settings.username)
    ok_password = constant_time_equal(password, settings.password)
    if not (sep and ok_user and ok_password):
        raise WebhookRefused("wrong Postmark webhook credentials")


def receive(request: WebhookRequest, settings: PostmarkSettings | None) -> Received:
    if settings is None or not settings.password:
        raise WebhookNotConfigured("Postmark webhooks are not configured (webhooks.postmark.username/password)")
    verify(request, settings)
    body = request.json()
    if not isinstance(body, dict):
        raise WebhookInvalid("a Postmark webhook body is one JSON object")
    ev = from_record(body)
    return Received(NAME, (ev,) if ev else (), 0 if ev else 1)


def _category(body: dict[str, Any]) -> Category | None:
    record = text(body.get("RecordType")) or "Bounce"
    if record == "Bounce":
        return lookup(NAME, "type", text(body.get("Type")))
    return lookup(NAME, "record", record)


def from_record(body: dict[str, Any]) -> WebhookEvent | None:
    cat = _category(body)
    if cat is None or cat.ignore:
        return None
    # Details is the receiver's reply when there was one. Description is Postmark's generic text for
    # the type ("ex: unknown user, mailbox not found"): not evidence, so classify never reads it.
    diagnostic = text(body.get("Details")).strip()
    dtype = "SMTP" if diagnostic.lower().startswith("smtp;") else ""
    if dtype:
        diagnostic = diagnostic[5:].strip()
    when = iso_time(body.get("BouncedAt") or body.get("DeliveredAt") or body.get("ReceivedAt"))
    ident = text(body.get("ID")) or f"{text(body.get('MessageID'))}:{text(body.get('RecordType'))}"
    return make_event(ident, text(body.get("Email") or body.get("Recipient")), cat, diagnostic=diagnostic,
                       diagnostic_type=dtype, date=when, original=original_of(
                           message_id=text(body.get("MessageID")), sender=text(body.get("From")),
                           subject=text(body.get("Subject"))), decoded_by=DECODED_BY)
