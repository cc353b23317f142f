"""A generic JSON webhook: any sender, with the field mapping in the configuration.

    [webhooks.generic.acme]                  # POST /webhooks/generic/acme
    secret = "…"                             # HMAC-SHA256 of the raw body, hex, in the header below
    signature_header = "X-Signature"         # default X-Bounceback-Signature; "sha256=" prefix allowed
    events = "/events"                       # where the list of events is ("": the body is one event or a list)
    recipient = "/email"                     # JSON pointer (RFC 6901) ...
    status = "delivery.status"               # ... or a dotted path (numbers index arrays)
    reply_code = "delivery.code"
    diagnostic = "delivery.message"
    type = "event"
    date = "timestamp"                       # Unix time or ISO 8601
    id = "event_id"                          # deduplication key (default: a digest of the event)

    [webhooks.generic.acme.types]            # the value of `type` -> what it means (webhooks.toml fields)
    bounce = { action = "failed", status = "5.0.0" }
    complaint = { action = "", reason = "feedback", feedback_type = "abuse" }
    "*" = { ignore = true }                  # any other type (unlisted types are ignored anyway)

Every request must carry the signature; there is no unsigned mode.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any

from ...errors import InputError
from .base import (
    Category,
    Received,
    WebhookEvent,
    WebhookInvalid,
    WebhookNotConfigured,
    WebhookRefused,
    WebhookRequest,
    category_from,
    constant_time_equal,
    epoch,
    iso_time,
    make_event,
    text,
)

NAME = "generic"
FIELDS = ("recipient", "status", "reply_code", "diagnostic", "type", "date", "id", "remote_mta")
DEFAULT_HEADER = "X-Bounceback-Signature"
MAX_EVENTS = 10_000


def split_path(path: str) -> tuple[str, ...]:
    """``/a/b~1c`` (JSON pointer) or ``a.b.0`` (dotted) -> the keys, in order."""
    if path == "":
        return ()
    if path.startswith("/"):
        return tuple(p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/"))
    return tuple(path.split("."))


def resolve(doc: Any, keys: tuple[str, ...]) -> Any:
    """The value at ``keys`` in ``doc``, or None when any step is missing."""
    for k in keys:
        if isinstance(doc, dict):
            doc = doc.get(k)
        elif isinstance(doc, list) and k.isdigit() and int(k) < len(doc):
            doc = doc[int(k)]
        else:
            return None
    return doc


@dataclass(frozen=True, slots=True)
class GenericSettings:
    name: str
    secret: str
    signature_header: str = DEFAULT_HEADER
    events: tuple[str, ...] = ()
    paths: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (field, keys)
    types: tuple[tuple[str, Category], ...] = field(default_factory=tuple)

    @classmethod
    def from_table(cls, name: str, t: dict[str, Any]) -> GenericSettings:
        where = f"webhooks.generic.{name}"
        if not isinstance(t.get("secret"), str) or not t["secret"]:
            raise InputError(where, "needs a secret (the HMAC-SHA256 key the sender signs the body with)")
        if not isinstance(t.get("recipient"), str):
            raise InputError(where, "needs recipient = the path of the recipient's address")
        types = t.get("types", {"*": {"action": "failed"}})
        if not isinstance(types, dict) or not all(isinstance(v, dict) for v in types.values()):
            raise InputError(f"{where}.types", "must map each event type to a table")
        return cls(name=name, secret=t["secret"], signature_header=str(t.get("signature_header", DEFAULT_HEADER)),
                   events=split_path(str(t.get("events", ""))),
                   paths=tuple((f, split_path(str(t[f]))) for f in FIELDS if f in t),
                   types=tuple((str(k), category_from(v)) for k, v in types.items()))

    def path(self, name: str) -> tuple[str, ...] | None:
        return next((keys for f, keys in self.paths if f == name), None)

    def category(self, event_type: str) -> Category | None:
        table = dict(self.types)
        return table.get(event_type, table.get("*"))


def verify(request: WebhookRequest, settings: GenericSettings) -> None:
    given = request.header(settings.signature_header).strip()
    if not given:
        raise WebhookRefused(f"the {settings.signature_header} header is missing")
    if given.lower().startswith("sha256="):
        given = given[7:]
    expected = hmac.new(settings.secret.encode(), request.body, hashlib.sha256).hexdigest()
    if not constant_time_equal(expected, given.lower()):
        raise WebhookRefused(f"the {settings.signature_header} signature does not match")


def receive(request: WebhookRequest, settings: GenericSettings | None) -> Received:
    if settings is None:
        raise WebhookNotConfigured("no such generic webhook is configured")
    verify(request, settings)
    found = resolve(request.json(), settings.events)
    items = found if isinstance(found, list) else [found]
    if len(items) > MAX_EVENTS or not all(isinstance(i, dict) for i in items):
        raise WebhookInvalid(f"expected JSON objects (at most {MAX_EVENTS}) at the events path")
    events: list[WebhookEvent] = []
    for item in items:
        ev = from_event(item, settings)
        if ev is not None:
            events.append(ev)
    return Received(f"{NAME}:{settings.name}", tuple(events), len(items) - len(events))


def _value(item: dict[str, Any], settings: GenericSettings, name: str) -> Any:
    keys = settings.path(name)
    return resolve(item, keys) if keys is not None else None


def from_event(item: dict[str, Any], settings: GenericSettings) -> WebhookEvent | None:
    kind = text(_value(item, settings, "type"))
    cat = settings.category(kind)
    if cat is None or cat.ignore:
        return None
    raw_date = _value(item, settings, "date")
    when = iso_time(raw_date) if isinstance(raw_date, str) and not raw_date.replace(".", "").isdigit() \
        else epoch(raw_date)
    ident = text(_value(item, settings, "id")) or hashlib.sha256(
        json.dumps(item, sort_keys=True).encode()).hexdigest()[:32]
    return make_event(ident, text(_value(item, settings, "recipient")), cat,
                      diagnostic=text(_value(item, settings, "diagnostic")),
                      status=text(_value(item, settings, "status")),
                      reply_code=text(_value(item, settings, "reply_code")),
                      remote_mta=text(_value(item, settings, "remote_mta")), date=when,
                      decoded_by=f"{NAME}-webhook")
