"""SendGrid, Mailgun and Postmark: real signatures made with keys generated here, and their mappings."""

from __future__ import annotations

import json
import time

import pytest

from bounceback.sources.webhooks import (
    WebhookInvalid,
    WebhookNotConfigured,
    WebhookRefused,
    WebhookRequest,
    Webhooks,
    WebhookSettings,
)
from bounceback.sources.webhooks.mailgun import MailgunSettings
from bounceback.sources.webhooks.postmark import PostmarkSettings
from bounceback.sources.webhooks.sendgrid import SendGridSettings

from . import samples
from .signers import SendGridSigner, basic_auth, mailgun_body

MAILGUN_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0"


@pytest.fixture(scope="module")
def sg() -> SendGridSigner:
    return SendGridSigner()


@pytest.fixture
def hooks(sg) -> Webhooks:
    return Webhooks(WebhookSettings(sendgrid=SendGridSettings(sg.public_key),
                                    mailgun=MailgunSettings(MAILGUN_KEY),
                                    postmark=PostmarkSettings("postmark", "s3cret-pass")))


# --- SendGrid -------------------------------------------------------------------------------------

def test_sendgrid_signed_batch(hooks, sg):
    body = json.dumps(samples.sendgrid_events()).encode()
    received = hooks.receive("sendgrid", WebhookRequest.of(body, sg.headers(body)))
    assert received.ignored == 1  # the open
    got = {b.recipient: b for b in hooks.bounces(received)}
    assert (got["gone@example.org"].reason, got["gone@example.org"].hard_bounce) == ("userunknown", True)
    assert (got["bl@example.com"].reason, got["bl@example.com"].fault) == ("blocked", "sender")
    assert (got["full@example.com"].reason, got["full@example.com"].action) == ("mailboxfull", "delayed")
    assert (got["angry@example.net"].reason, got["angry@example.net"].feedback_type) == ("feedback", "abuse")
    assert got["gone@example.org"].source == "webhook:sendgrid:sg-evt-1"
    assert got["gone@example.org"].original.message_id == "m2@sender.example"


@pytest.mark.parametrize("tamper", ["body", "timestamp", "missing", "garbage", "other_key"])
def test_sendgrid_refuses_bad_signatures(hooks, sg, tamper):
    body = json.dumps(samples.sendgrid_events()).encode()
    headers = sg.headers(body)
    if tamper == "body":
        body = body.replace(b"gone@example.org", b"else@example.org")
    elif tamper == "timestamp":
        headers["X-Twilio-Email-Event-Webhook-Timestamp"] = "1793610848"
    elif tamper == "missing":
        del headers["X-Twilio-Email-Event-Webhook-Signature"]
    elif tamper == "garbage":
        headers["X-Twilio-Email-Event-Webhook-Signature"] = "AAAA"
    elif tamper == "other_key":
        headers = SendGridSigner().headers(body)
    with pytest.raises(WebhookRefused):
        hooks.receive("sendgrid", WebhookRequest.of(body, headers))


def test_sendgrid_signed_but_not_an_array_is_invalid(hooks, sg):
    body = b'{"event": "bounce"}'
    with pytest.raises(WebhookInvalid):
        hooks.receive("sendgrid", WebhookRequest.of(body, sg.headers(body)))


def test_sendgrid_classification_is_only_a_fallback(hooks, sg):
    events = [{"email": "x@example.org", "event": "bounce", "sg_event_id": "e1", "status": "5.0.0",
               "reason": "", "bounce_classification": "Mailbox Unavailable"},
              {"email": "y@example.org", "event": "dropped", "reason": "Bounced Address", "sg_event_id": "e2"},
              {"email": "z@example.org", "event": "dropped", "reason": "Invalid SMTPAPI header",
               "sg_event_id": "e3"}]
    body = json.dumps(events).encode()
    received = hooks.receive("sendgrid", WebhookRequest.of(body, sg.headers(body)))
    got = {b.recipient: b.reason for b in hooks.bounces(received)}
    assert got == {"x@example.org": "suspend", "y@example.org": "userunknown"}
    assert received.ignored == 1


def test_sendgrid_key_in_pem_form(sg):
    from cryptography.hazmat.primitives import serialization

    pem = sg.key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    hooks = Webhooks(WebhookSettings(sendgrid=SendGridSettings(pem)))
    body = json.dumps(samples.sendgrid_events()[:1]).encode()
    assert len(hooks.receive("sendgrid", WebhookRequest.of(body, sg.headers(body))).events) == 1


# --- Mailgun --------------------------------------------------------------------------------------

def _mailgun(hooks, event, *, key=MAILGUN_KEY, timestamp=None, token="a8ce0edb2dd8301dcfe8c2b1d1b6cb4e"):
    body = mailgun_body(key, event, timestamp or str(int(time.time())), token)
    return hooks.receive("mailgun", WebhookRequest.of(body, {"Content-Type": "application/json"}))


def test_mailgun_permanent_failure(hooks):
    [b] = hooks.bounces(_mailgun(hooks, samples.mailgun_failed()))
    assert (b.recipient, b.reason, b.hard_bounce, b.reply_code, b.status) == (
        "alice@example.org", "userunknown", True, "550", "5.1.1")
    assert b.remote_mta == "mx.example.org" and b.original.message_id == "m3@sender.example"


def test_mailgun_temporary_failure_is_a_delay(hooks):
    event = samples.mailgun_failed("temporary", "generic")
    event["delivery-status"] = {"code": 452, "message": "4.2.2 The email account is over quota", "description": ""}
    [b] = hooks.bounces(_mailgun(hooks, event, token="t2"))
    assert (b.reason, b.action, b.permanent) == ("mailboxfull", "delayed", False)


def test_mailgun_suppress_bounce_without_words(hooks):
    event = samples.mailgun_failed("permanent", "suppress-bounce")
    event["delivery-status"] = {"code": 605, "message": "", "description": "Not delivering to previously bounced"}
    [b] = hooks.bounces(_mailgun(hooks, event, token="t3"))
    assert (b.reason, b.hard_bounce) == ("userunknown", True)


@pytest.mark.parametrize("problem", ["wrong_key", "old", "future", "no_signature"])
def test_mailgun_refuses(hooks, problem):
    event = samples.mailgun_failed()
    with pytest.raises(WebhookRefused):
        if problem == "wrong_key":
            _mailgun(hooks, event, key="key-other")
        elif problem == "old":
            _mailgun(hooks, event, timestamp=str(int(time.time()) - 3600))
        elif problem == "future":
            _mailgun(hooks, event, timestamp=str(int(time.time()) + 3600))
        else:
            hooks.receive("mailgun", WebhookRequest.of(json.dumps({"event-data": event}).encode()))


def test_mailgun_replayed_token_is_refused(hooks):
    _mailgun(hooks, samples.mailgun_failed(), token="once")
    with pytest.raises(WebhookRefused, match="replayed"):
        _mailgun(hooks, samples.mailgun_failed(), token="once")


def test_mailgun_complaint_and_ignored_events(hooks):
    [b] = hooks.bounces(_mailgun(hooks, {"event": "complained", "recipient": "c@example.org", "id": "c1",
                                         "timestamp": 1793610000}, token="t4"))
    assert (b.reason, b.feedback_type) == ("feedback", "abuse")
    assert _mailgun(hooks, {"event": "opened", "recipient": "c@example.org"}, token="t5").ignored == 1


# --- Postmark -------------------------------------------------------------------------------------

def _postmark(hooks, body, user="postmark", password="s3cret-pass"):
    return hooks.receive("postmark", WebhookRequest.of(json.dumps(body).encode(), basic_auth(user, password)))


def test_postmark_hard_bounce(hooks):
    [b] = hooks.bounces(_postmark(hooks, samples.postmark_bounce()))
    assert (b.recipient, b.reason, b.hard_bounce, b.reply_code, b.status) == (
        "bob@example.org", "userunknown", True, "550", "5.1.1")
    assert b.source == "webhook:postmark:4323372036854775807"


@pytest.mark.parametrize(("kind", "details", "reason", "permanent"), [
    ("SoftBounce", "", "mailboxfull", False),
    ("SpamNotification", "", "spamdetected", True),
    ("DnsError", "", "networkerror", False),
    ("HardBounce", "", "userunknown", True),
    ("Transient", "smtp;421 4.7.0 Try again later, closing connection.", "", False),
    ("AutoResponder", "I am away until Monday", "vacation", False),
    ("DMARCPolicy", "smtp;550 5.7.26 Unauthenticated email is not accepted", "authfailure", True),
    ("SpamComplaint", "", "feedback", False),
])
def test_postmark_types(hooks, kind, details, reason, permanent):
    [b] = hooks.bounces(_postmark(hooks, samples.postmark_bounce(kind, details)))
    if reason:
        assert b.reason == reason
    assert b.permanent is permanent


def test_postmark_spam_complaint_record_and_ignored_types(hooks):
    body = {**samples.postmark_bounce("SpamComplaint", ""), "RecordType": "SpamComplaint"}
    [b] = hooks.bounces(_postmark(hooks, body))
    assert (b.reason, b.feedback_type) == ("feedback", "abuse")
    assert _postmark(hooks, samples.postmark_bounce("Subscribe", "")).ignored == 1


@pytest.mark.parametrize(("user", "password"), [("postmark", "wrong"), ("other", "s3cret-pass"), ("", "")])
def test_postmark_refuses_wrong_credentials(hooks, user, password):
    with pytest.raises(WebhookRefused):
        _postmark(hooks, samples.postmark_bounce(), user, password)


def test_postmark_refuses_no_credentials(hooks):
    body = json.dumps(samples.postmark_bounce()).encode()
    with pytest.raises(WebhookRefused):
        hooks.receive("postmark", WebhookRequest.of(body, {"Authorization": "Bearer abc"}))
    with pytest.raises(WebhookRefused):
        hooks.receive("postmark", WebhookRequest.of(body, {"Authorization": "Basic !!!"}))


def test_unconfigured_providers_refuse(sg):
    body = json.dumps(samples.sendgrid_events()).encode()
    with pytest.raises(WebhookNotConfigured):
        Webhooks(WebhookSettings()).receive("sendgrid", WebhookRequest.of(body, sg.headers(body)))
    with pytest.raises(WebhookNotConfigured):
        Webhooks(WebhookSettings()).receive("nosuch", WebhookRequest.of(body))
