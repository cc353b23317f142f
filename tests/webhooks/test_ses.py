from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from bounceback.sources.webhooks import WebhookNotConfigured, WebhookRefused, WebhookRequest, Webhooks
from bounceback.sources.webhooks.ses import SnsHttp, is_sns_url

from . import samples
from .signers import TOPIC, SnsSigner, sns_headers


def request(msg: dict) -> WebhookRequest:
    return WebhookRequest.of(json.dumps(msg).encode(), sns_headers(msg))


def test_a_signed_bounce_becomes_a_classified_bounce(ses_hooks, signer):
    received = ses_hooks.receive("ses", request(signer.notification(samples.ses_bounce())))
    [b] = ses_hooks.bounces(received)
    assert (b.recipient, b.reason, b.hard_bounce, b.fault) == ("jane@example.org", "userunknown", True, "recipient")
    assert (b.status, b.reply_code, b.diagnostic_type) == ("5.1.1", "550", "SMTP")
    assert b.decoded_by == "ses-webhook" and b.source.startswith("webhook:ses:0102018f-feedback-1")
    assert b.original.message_id == "m1@sender.example"
    assert ("x-campaign-id", "autumn-2026") in b.original.extra
    assert b.date is not None and b.date.isoformat() == "2026-11-02T09:14:05+00:00"


def test_signature_version_2_sha256(ses_hooks, signer):
    received = ses_hooks.receive("ses", request(signer.notification(samples.ses_bounce(), version="2")))
    assert len(received.events) == 1


@pytest.mark.parametrize("tamper", ["message", "topic_in_body", "drop_signature", "bad_base64", "version"])
def test_tampered_or_unsigned_messages_are_refused(ses_hooks, signer, tamper):
    msg = signer.notification(samples.ses_bounce())
    if tamper == "message":
        msg["Message"] = json.dumps(samples.ses_bounce(recipients=("victim@example.org",)))
    elif tamper == "topic_in_body":
        msg["Timestamp"] = "2026-11-03T00:00:00.000Z"
    elif tamper == "drop_signature":
        del msg["Signature"]
    elif tamper == "bad_base64":
        msg["Signature"] = "not base64!!"
    elif tamper == "version":
        msg["SignatureVersion"] = "3"
    with pytest.raises(WebhookRefused):
        ses_hooks.receive("ses", request(msg))


def test_a_key_that_is_not_the_certificates_is_refused(ses_hooks, loopback):
    forger = SnsSigner(f"{loopback.base}/cert.pem", rsa.generate_private_key(public_exponent=65537, key_size=2048))
    with pytest.raises(WebhookRefused, match="does not match"):
        ses_hooks.receive("ses", request(forger.notification(samples.ses_bounce())))


def test_a_validly_signed_message_from_another_topic_is_refused(ses_hooks, signer):
    other = signer.notification(samples.ses_bounce(), topic="arn:aws:sns:eu-west-1:999999999999:theirs")
    with pytest.raises(WebhookRefused, match="topic"):
        ses_hooks.receive("ses", request(other))


def test_production_rule_fetches_only_from_sns_hosts(loopback, signer):
    hooks = Webhooks(SesHooksSettings(), SnsHttp())  # the production rule: loopback is not allowed
    with pytest.raises(WebhookRefused, match="not an Amazon SNS URL"):
        hooks.receive("ses", request(signer.notification(samples.ses_bounce())))
    assert loopback.hits == []


def SesHooksSettings():  # noqa: N802
    from bounceback.sources.webhooks import WebhookSettings
    from bounceback.sources.webhooks.ses import SesSettings

    return WebhookSettings(ses=SesSettings((TOPIC,)))


@pytest.mark.parametrize(("url", "ok"), [
    ("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem", True),
    ("https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem", True),
    ("https://sns.us-gov-west-1.amazonaws.com/x.pem", True),
    ("http://sns.eu-west-1.amazonaws.com/x.pem", False),
    ("https://sns.eu-west-1.amazonaws.com.evil.example/x.pem", False),
    ("https://evil.example/sns.eu-west-1.amazonaws.com/x.pem", False),
    ("https://sns.amazonaws.com/x.pem", False),
    ("https://sns.eu_west.amazonaws.com/x.pem", False),
    ("https://user@sns.eu-west-1.amazonaws.com/x.pem", False),
    ("https://sns.eu-west-1.amazonaws.com:8443/x.pem", False),
    ("https://s3.eu-west-1.amazonaws.com/x.pem", False),
    ("", False),
])
def test_sns_url_rule(url, ok):
    assert is_sns_url(url) is ok


def test_certificates_are_fetched_once(ses_hooks, signer, loopback):
    for n in range(3):
        ses_hooks.receive("ses", request(signer.notification(samples.ses_bounce(), message_id=f"m-{n}")))
    assert [h for h in loopback.hits if h.startswith("/cert.pem")] == ["/cert.pem"]


def test_subscription_confirmation_fetches_the_subscribe_url(ses_hooks, signer, loopback):
    msg = signer.sign({"Type": "SubscriptionConfirmation", "MessageId": "165545c9", "Token": "2336412f37f",
                       "TopicArn": TOPIC, "Message": "You have chosen to subscribe to the topic ...",
                       "SubscribeURL": f"{loopback.base}/confirm?Action=ConfirmSubscription&Token=2336412f37f",
                       "Timestamp": "2026-11-02T09:00:00.000Z"})
    received = ses_hooks.receive("ses", request(msg))
    assert "confirmed" in received.note and received.events == ()
    assert "/confirm?Action=ConfirmSubscription&Token=2336412f37f" in loopback.hits


def test_a_forged_subscription_confirmation_fetches_nothing(ses_hooks, signer, loopback):
    msg = signer.sign({"Type": "SubscriptionConfirmation", "MessageId": "1", "Token": "t", "TopicArn": TOPIC,
                       "Message": "m", "SubscribeURL": f"{loopback.base}/confirm?x", "Timestamp": "t"})
    msg["SubscribeURL"] = f"{loopback.base}/confirm?forged"
    with pytest.raises(WebhookRefused):
        ses_hooks.receive("ses", request(msg))
    assert not any(h.startswith("/confirm") for h in loopback.hits)


def test_not_configured_refuses_everything(signer):
    from bounceback.sources.webhooks import WebhookSettings

    with pytest.raises(WebhookNotConfigured):
        Webhooks(WebhookSettings()).receive("ses", request(signer.notification(samples.ses_bounce())))


def _one(ses_hooks, signer, event):
    [b] = ses_hooks.bounces(ses_hooks.receive("ses", request(signer.notification(event))))
    return b


@pytest.mark.parametrize(("bounce_type", "sub_type", "reason", "hard", "permanent"), [
    ("Transient", "MailboxFull", "mailboxfull", False, False),
    ("Transient", "MessageTooLarge", "mesgtoobig", False, True),
    ("Permanent", "Suppressed", "userunknown", True, True),
    ("Permanent", "OnAccountSuppressionList", "userunknown", True, True),
    ("Permanent", "NoEmail", "userunknown", True, True),
    ("Transient", "AttachmentRejected", "contenterror", False, True),
    ("Permanent", "SomethingNew", "undefined", False, True),
])
def test_subtypes_without_a_diagnostic_map_through_the_table(ses_hooks, signer, bounce_type, sub_type, reason,
                                                             hard, permanent):
    b = _one(ses_hooks, signer, samples.ses_bounce(bounce_type, sub_type, diagnostic="", status=""))
    assert (b.reason, b.hard_bounce, b.permanent) == (reason, hard, permanent)


def test_the_receivers_words_beat_a_vague_subtype(ses_hooks, signer):
    b = _one(ses_hooks, signer, samples.ses_bounce(
        "Permanent", "General", status="5.7.1",
        diagnostic="smtp; 554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org"))
    assert (b.reason, b.fault, b.hard_bounce) == ("blocked", "sender", False)


def test_complaint_is_feedback(ses_hooks, signer):
    b = _one(ses_hooks, signer, samples.ses_complaint())
    assert (b.recipient, b.reason, b.feedback_type, b.fault) == ("joe@example.net", "feedback", "abuse", "recipient")


def test_delivery_delay_and_delivery(ses_hooks, signer):
    delay = {"eventType": "DeliveryDelay", "mail": samples.MAIL, "deliveryDelay": {
        "timestamp": "2026-11-02T09:30:00.000Z", "delayType": "MailboxFull",
        "delayedRecipients": [{"emailAddress": "full@example.org", "status": "4.2.2",
                               "diagnosticCode": "smtp; 452 4.2.2 Mailbox full"}]}}
    b = _one(ses_hooks, signer, delay)
    assert (b.reason, b.action, b.permanent) == ("mailboxfull", "delayed", False)
    delivered = {"notificationType": "Delivery", "mail": samples.MAIL, "delivery": {
        "timestamp": "2026-11-02T09:31:00.000Z", "recipients": ["ok@example.org"],
        "smtpResponse": "250 2.6.0 Message received", "reportingMTA": "a8-70.smtp-out.amazonses.com"}}
    b = _one(ses_hooks, signer, delivered)
    assert (b.recipient, b.reason) == ("ok@example.org", "delivered")


def test_opens_are_acknowledged_and_ignored(ses_hooks, signer):
    received = ses_hooks.receive("ses", request(signer.notification({"eventType": "Open", "mail": samples.MAIL})))
    assert received.events == () and received.ignored == 1


def test_several_recipients_get_distinct_ids(ses_hooks, signer):
    event = samples.ses_bounce(recipients=("a@example.org", "b@example.org"))
    received = ses_hooks.receive("ses", request(signer.notification(event)))
    assert [e.delivery.recipient for e in received.events] == ["a@example.org", "b@example.org"]
    assert len({e.id for e in received.events}) == 2
