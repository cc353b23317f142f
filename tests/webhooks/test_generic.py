from __future__ import annotations

import json

import pytest

from bounceback.errors import InputError
from bounceback.sources.webhooks import (
    WebhookNotConfigured,
    WebhookRefused,
    WebhookRequest,
    Webhooks,
    WebhookSettings,
)
from bounceback.sources.webhooks.generic import resolve, split_path

from .signers import hmac_hex

TABLE = {
    "generic": {
        "acme": {
            "secret": "acme-secret", "signature_header": "X-Acme-Signature", "events": "/data/items",
            "recipient": "/rcpt/address", "status": "result.status", "reply_code": "result.code",
            "diagnostic": "result.text", "type": "kind", "date": "at", "id": "uid",
            "types": {"hard": {"action": "failed", "status": "5.0.0", "fallback": "userunknown"},
                      "soft": {"action": "delayed", "status": "4.0.0"},
                      "complaint": {"action": "", "reason": "feedback", "feedback_type": "abuse"}},
        },
    },
}

BODY = {"data": {"items": [
    {"uid": "1", "kind": "hard", "rcpt": {"address": "Dead@example.org"}, "at": 1793610000,
     "result": {"status": "5.1.1", "code": 550, "text": "550 5.1.1 no such user"}},
    {"uid": "2", "kind": "soft", "rcpt": {"address": "full@example.org"}, "at": "2026-11-02T09:00:00Z",
     "result": {"text": "452 4.2.2 mailbox full"}},
    {"uid": "3", "kind": "complaint", "rcpt": {"address": "c@example.org"}},
    {"uid": "4", "kind": "open", "rcpt": {"address": "o@example.org"}},
    {"uid": "5", "kind": "hard", "rcpt": {"address": "quiet@example.org"}},
]}}


@pytest.fixture
def hooks() -> Webhooks:
    return Webhooks(WebhookSettings.from_table(TABLE))


def signed(body: bytes, secret: str = "acme-secret", prefix: str = "sha256=") -> WebhookRequest:
    return WebhookRequest.of(body, {"X-Acme-Signature": prefix + hmac_hex(secret, body)})


def test_mapping_by_pointer_and_dotted_paths(hooks):
    body = json.dumps(BODY).encode()
    received = hooks.receive("generic", signed(body), "acme")
    got = {b.recipient: b for b in hooks.bounces(received)}
    assert received.ignored == 1
    assert (got["Dead@example.org"].reason, got["Dead@example.org"].hard_bounce) == ("userunknown", True)
    assert got["Dead@example.org"].date.isoformat().startswith("2026-11-02")
    assert (got["full@example.org"].reason, got["full@example.org"].permanent) == ("mailboxfull", False)
    assert got["c@example.org"].reason == "feedback"
    assert got["quiet@example.org"].reason == "userunknown"  # the type's fallback, no words
    assert got["Dead@example.org"].source == "webhook:generic:acme:1"


def test_signature_without_prefix(hooks):
    body = json.dumps(BODY).encode()
    assert len(hooks.receive("generic", signed(body, prefix=""), "acme").events) == 4


@pytest.mark.parametrize("bad", ["secret", "missing", "body"])
def test_generic_refuses(hooks, bad):
    body = json.dumps(BODY).encode()
    req = signed(body, secret="nope") if bad == "secret" else signed(body)
    if bad == "missing":
        req = WebhookRequest.of(body)
    if bad == "body":
        req = WebhookRequest.of(body + b" ", dict(req.headers))
    with pytest.raises(WebhookRefused):
        hooks.receive("generic", req, "acme")


def test_unknown_name(hooks):
    with pytest.raises(WebhookNotConfigured):
        hooks.receive("generic", signed(b"{}"), "other")


def test_paths():
    doc = {"a": {"b/c": [10, {"d~": 5}]}}
    assert resolve(doc, split_path("/a/b~1c/1/d~0")) == 5
    assert resolve(doc, split_path("a.b/c.0")) == 10
    assert resolve(doc, split_path("a.x.0")) is None
    assert resolve(doc, split_path("")) == doc


@pytest.mark.parametrize(("table", "names"), [
    ({"ses": {"topic_arns": []}}, "webhooks.ses.topic_arns"),
    ({"sendgrid": {"public_key": "not a key"}}, "webhooks.sendgrid.public_key"),
    ({"mailgun": {}}, "webhooks.mailgun.signing_key"),
    ({"mailgun": {"signing_key": "k", "max_age_seconds": -1}}, "webhooks.mailgun.max_age_seconds"),
    ({"postmark": {"username": "u"}}, "webhooks.postmark.password"),
    ({"generic": {"x": {"recipient": "/a"}}}, "webhooks.generic.x"),
    ({"generic": {"x": {"secret": "s"}}}, "webhooks.generic.x"),
    ({"generic": "nope"}, "webhooks.generic"),
])
def test_bad_settings_name_the_setting(table, names):
    with pytest.raises(InputError) as exc:
        WebhookSettings.from_table(table)
    assert names in str(exc.value)


def test_configured_list():
    s = WebhookSettings.from_table({**TABLE, "mailgun": {"signing_key": "k"}})
    assert s.configured() == ("mailgun", "generic/acme")
