"""Webhooks over HTTP: signed requests are accepted, unsigned or wrongly signed ones get 401."""

from __future__ import annotations

import json
import time

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from bounceback.sources.webhooks import WebhookSettings
from bounceback.sources.webhooks.ses import SnsHttp
from bounceback.web import ServerSettings, create_app

from ..webhooks import samples
from ..webhooks.signers import (
    TOPIC,
    Loopback,
    SendGridSigner,
    SnsSigner,
    basic_auth,
    mailgun_body,
    self_signed,
    sns_headers,
)

SETTINGS = {"ses": {"topic_arns": [TOPIC]}, "mailgun": {"signing_key": "mg-key"},
            "postmark": {"username": "pm", "password": "pm-pass"}}


@pytest.fixture(scope="module")
def sns_server():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    server = Loopback(self_signed(key)).start()
    yield server, SnsSigner(f"{server.base}/cert.pem", key)
    server.stop()


@pytest.fixture(scope="module")
def sg():
    return SendGridSigner()


@pytest.fixture
def app_client(sns_server, sg):
    server, _ = sns_server
    table = {**SETTINGS, "sendgrid": {"public_key": sg.public_key}}
    app = create_app(ServerSettings(webhooks=WebhookSettings.from_table(table)),
                     sns=SnsHttp(allow_url=lambda u: u.startswith(server.base + "/")))
    return TestClient(app)


def test_ses_over_http(app_client, sns_server):
    _, signer = sns_server
    msg = signer.notification(samples.ses_bounce())
    r = app_client.post("/webhooks/ses", content=json.dumps(msg), headers=sns_headers(msg))
    assert r.status_code == 200, r.text
    assert r.json()["events"] == 1 and r.json()["bounces"][0]["reason"] == "userunknown"
    msg["Message"] = msg["Message"].replace("jane@", "john@")
    r = app_client.post("/webhooks/ses", content=json.dumps(msg), headers=sns_headers(msg))
    assert r.status_code == 401 and "does not match" in r.json()["error"]


def test_sendgrid_over_http(app_client, sg):
    body = json.dumps(samples.sendgrid_events()).encode()
    r = app_client.post("/webhooks/sendgrid", content=body, headers=sg.headers(body))
    assert r.status_code == 200 and r.json()["events"] == 4 and r.json()["ignored"] == 1
    r = app_client.post("/webhooks/sendgrid", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 401


def test_mailgun_over_http(app_client):
    body = mailgun_body("mg-key", samples.mailgun_failed(), str(int(time.time())), "tok-http-1")
    assert app_client.post("/webhooks/mailgun", content=body).status_code == 200
    forged = mailgun_body("not-the-key", samples.mailgun_failed(), str(int(time.time())), "tok-http-2")
    assert app_client.post("/webhooks/mailgun", content=forged).status_code == 401


def test_postmark_over_http(app_client):
    body = json.dumps(samples.postmark_bounce())
    assert app_client.post("/webhooks/postmark", content=body, headers=basic_auth("pm", "pm-pass")).status_code == 200
    r = app_client.post("/webhooks/postmark", content=body, headers=basic_auth("pm", "guess"))
    assert r.status_code == 401 and r.json() == {"error": "wrong Postmark webhook credentials"}


def test_not_json_after_auth_is_400(app_client):
    r = app_client.post("/webhooks/postmark", content=b"<xml/>", headers=basic_auth("pm", "pm-pass"))
    assert r.status_code == 400 and "not JSON" in r.json()["error"]


def test_oversized_webhook_is_413(sns_server):
    app = create_app(ServerSettings(max_webhook_bytes=100,
                                    webhooks=WebhookSettings.from_table(SETTINGS)))
    r = TestClient(app).post("/webhooks/postmark", content=b"x" * 1000, headers=basic_auth("pm", "pm-pass"))
    assert r.status_code == 413


def _counts(store):
    from bounceback.store.maintenance import info

    i = info(store)
    return i["messages"], i["events"]


def test_webhooks_ingest_into_the_store_once(empty_store, sg):
    table = {"sendgrid": {"public_key": sg.public_key}, "postmark": {"username": "pm", "password": "pm-pass"}}
    c = TestClient(create_app(ServerSettings(webhooks=WebhookSettings.from_table(table), store=empty_store)))
    body = json.dumps(samples.sendgrid_events()).encode()
    r = c.post("/webhooks/sendgrid", content=body, headers=sg.headers(body))
    assert r.status_code == 200 and r.json()["recorded"] == 4
    assert c.get("/api/v1/suppressions/gone@example.org").json()["suppression"]["cause"] == "hard_bounce"
    assert c.get("/api/v1/suppressions/angry@example.net").json()["suppression"]["cause"] == "complaint"
    assert c.get("/api/v1/suppressions/full@example.com").status_code == 404  # one soft bounce: a strike
    history = c.get("/api/v1/addresses/gone@example.org").json()
    assert history["events"][0]["source"] == "webhook:sendgrid:sg-evt-1"
    # the ESP retries the same delivery: nothing is recorded twice
    again = c.post("/webhooks/sendgrid", content=body, headers=sg.headers(body))
    assert again.status_code == 200 and again.json()["recorded"] == 0
    assert _counts(empty_store) == (4, 4)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Basic cG06d3Jvbmc="}])
def test_refused_webhooks_store_nothing(empty_store, sg, headers):
    table = {"sendgrid": {"public_key": sg.public_key}, "postmark": {"username": "pm", "password": "pm-pass"}}
    c = TestClient(create_app(ServerSettings(webhooks=WebhookSettings.from_table(table), store=empty_store)))
    body = json.dumps(samples.sendgrid_events()).encode()
    forged = {**sg.headers(body), "X-Twilio-Email-Event-Webhook-Timestamp": "1"}
    assert c.post("/webhooks/sendgrid", content=body, headers=forged).status_code == 401
    assert c.post("/webhooks/sendgrid", content=body, headers=headers).status_code == 401
    pm = json.dumps(samples.postmark_bounce()).encode()
    assert c.post("/webhooks/postmark", content=pm, headers=headers).status_code == 401
    assert _counts(empty_store) == (0, 0)


def test_webhook_events_carry_blocklist_evidence_looked_up_after_commit(empty_store, sg):
    from bounceback.web.storeside import webhook_recorder

    asked: list[tuple[str, ...]] = []
    table = {"sendgrid": {"public_key": sg.public_key}}
    c = TestClient(create_app(ServerSettings(webhooks=WebhookSettings.from_table(table), store=empty_store),
                              record_webhook=webhook_recorder(empty_store, asked.append)))
    body = json.dumps(samples.sendgrid_events()).encode()
    assert c.post("/webhooks/sendgrid", content=body, headers=sg.headers(body)).status_code == 200
    assert asked == [("192.0.2.9",)]  # the blocked event's reply text names the sending IP
    [incident] = [i for i in c.get("/api/v1/incidents?since=3650d").json()["incidents"] if i["kind"] == "sender"]
    assert [(e["target"], e["found_in"]) for e in incident["evidence"]] == [("192.0.2.9", ["reply"])]
    c.post("/webhooks/sendgrid", content=body, headers=sg.headers(body))  # retried: nothing new to look up
    assert len(asked) == 1
