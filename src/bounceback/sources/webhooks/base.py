"""What every ESP webhook shares: the request, the normalised events, the mapping tables, the errors.

A provider module turns one authenticated HTTP request into ``WebhookEvent``
records: a ``Delivery`` (the same fields a decoded bounce has) with a stable id
for deduplication, and the ESP category's fallback reason. ``to_bounces`` runs
them through ``classify`` like any decoded message.
"""

from __future__ import annotations

import hmac
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from ...classify import classify
from ...decode.common import delivery
from ...decode.scan import clean_address
from ...errors import BouncebackError
from ...model import Bounce, Delivery, Original


class WebhookError(BouncebackError):
    """A webhook request that is refused; ``status`` is the HTTP status to answer with."""

    status = 400


class WebhookRefused(WebhookError):
    """Missing or wrong signature or credentials: nothing from the request is used."""

    status = 401


class WebhookInvalid(WebhookError):
    """Authenticated (or not yet), but not a payload this provider sends."""

    status = 400


class WebhookNotConfigured(WebhookError):
    """The provider has no secret or key configured, so no request can be verified."""

    status = 404


@dataclass(frozen=True, slots=True)
class WebhookRequest:
    """An HTTP request as the provider sent it: the raw body is what signatures cover."""

    body: bytes
    headers: tuple[tuple[str, str], ...] = ()  # names in lower case
    url: str = ""

    @classmethod
    def of(cls, body: bytes, headers: Mapping[str, str] | None = None, url: str = "") -> WebhookRequest:
        return cls(body, tuple((k.lower(), v) for k, v in (headers or {}).items()), url)

    def header(self, name: str) -> str:
        name = name.lower()
        return next((v for k, v in self.headers if k == name), "")

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise WebhookInvalid(f"the body is not JSON ({exc})") from None


@dataclass(frozen=True, slots=True)
class Category:
    """One ESP category from ``knowledge/webhooks.toml`` (see the field list there)."""

    action: str | None = None  # None: not set by this entry
    status: str = ""
    reason: str = ""
    fallback: str = ""
    feedback_type: str = ""
    ignore: bool = False

    def over(self, base: Category) -> Category:
        """This entry refining ``base``: the fields this one sets win."""
        return Category(
            action=self.action if self.action is not None else base.action,
            status=self.status or base.status, reason=self.reason or base.reason,
            fallback=self.fallback or base.fallback, feedback_type=self.feedback_type or base.feedback_type,
            ignore=self.ignore or base.ignore)


@dataclass(frozen=True, slots=True)
class WebhookEvent:
    """One recipient's outcome from a webhook, ready for classify."""

    id: str  # the provider's event id (or a digest of the event): the deduplication key
    delivery: Delivery
    fallback: str = ""  # reason when classify cannot tell
    assumed_status: bool = False  # the status came from the category, not from the event


@dataclass(frozen=True, slots=True)
class Received:
    """What one request brought: its events, and what was done besides (a confirmed subscription)."""

    provider: str
    events: tuple[WebhookEvent, ...] = ()
    ignored: int = 0  # events acknowledged but not about a recipient's delivery (opens, clicks ...)
    note: str = ""


@cache
def _tables() -> dict[str, Any]:
    text = resources.files("bounceback.knowledge").joinpath("webhooks.toml").read_text("utf-8")
    return tomllib.loads(text)


def category_from(entry: Mapping[str, Any]) -> Category:
    return Category(action=entry.get("action"), status=str(entry.get("status", "")),
                    reason=str(entry.get("reason", "")), fallback=str(entry.get("fallback", "")),
                    feedback_type=str(entry.get("feedback_type", "")), ignore=bool(entry.get("ignore", False)))


@cache
def table(provider: str, kind: str) -> dict[str, Category]:
    """``[provider.kind]`` of webhooks.toml as ``{key: Category}``."""
    return {k: category_from(v) for k, v in _tables()[provider][kind].items()}


def lookup(provider: str, kind: str, key: str, *wildcards: str) -> Category | None:
    """The entry for ``key``, else the first wildcard key present (``Permanent/*``, ``*``)."""
    t = table(provider, kind)
    for k in (key, *wildcards):
        if k in t:
            return t[k]
    return None


def make_event(event_id: str, recipient: str, cat: Category, *, diagnostic: str = "", status: str = "",
               reply_code: str = "", remote_mta: str = "", reporting_mta: str = "", date: datetime | None = None,
               feedback_type: str = "", diagnostic_type: str = "", original: Original | None = None,
               decoded_by: str) -> WebhookEvent | None:
    """A ``WebhookEvent`` from an event's own fields completed by its category (None: no address)."""
    address = clean_address(recipient)
    if not address:
        return None
    d = delivery(address, action=cat.action or "", status=status, diagnostic=diagnostic,
                 reply_code=reply_code, remote_mta=remote_mta, reporting_mta=reporting_mta, date=date,
                 reason=cat.reason, decoded_by=decoded_by, feedback_type=feedback_type or cat.feedback_type,
                 diagnostic_type=diagnostic_type)
    assumed = not d.status and bool(cat.status and cat.action)
    if assumed:
        d = replace(d, status=cat.status)
    if original is not None:
        d = replace(d, original=original)
    if cat.action == "":  # complaints and opt-outs are about the recipient, not a delivery
        d = replace(d, action="")
    return WebhookEvent(event_id, d, cat.fallback, assumed)


def to_bounces(received: Received, source: str) -> list[Bounce]:
    """Classify every event; a category's fallback applies where the codes and text say nothing.

    "Nothing" includes a reason read only from the status the category assumed (a bare 5.7.1
    assumed for Postmark's SpamNotification must not turn it into securityerror).
    """
    out = []
    for ev in received.events:
        b = classify(ev.delivery, f"{source}:{ev.id}")
        only_assumed = ev.assumed_status and not ev.delivery.diagnostic
        if ev.fallback and (b.reason in ("onhold", "undefined") or only_assumed):
            b = classify(replace(ev.delivery, reason=ev.fallback), f"{source}:{ev.id}")
        out.append(b)
    return out


def original_of(message_id: str = "", sender: str = "", to: str = "", subject: str = "",
                headers: Mapping[str, str] | None = None) -> Original:
    """The returned original's identity from what the ESP echoes back (X-* headers kept for campaigns)."""
    extra = tuple((k.lower(), v) for k, v in (headers or {}).items() if k.lower().startswith("x-"))
    list_id = next((v for k, v in (headers or {}).items() if k.lower() == "list-id"), "")
    return Original(message_id=message_id.strip().strip("<>"), sender=sender, to=to, subject=subject,
                    list_id=list_id, extra=extra)


def constant_time_equal(a: str | bytes, b: str | bytes) -> bool:
    a = a.encode() if isinstance(a, str) else a
    b = b.encode() if isinstance(b, str) else b
    return hmac.compare_digest(a, b)


def epoch(value: Any) -> datetime | None:
    """A Unix timestamp (int, float or digits) as an aware UTC datetime."""
    try:
        return datetime.fromtimestamp(float(value), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def iso_time(value: Any) -> datetime | None:
    """An ISO 8601 time (``2026-11-02T09:14:00.000Z``) as an aware datetime."""
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def text(value: Any) -> str:
    """A JSON value as text ('' for null, objects and arrays)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return ""
    return str(value)
