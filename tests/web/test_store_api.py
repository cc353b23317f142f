"""The API over a store holding the demo month."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from bounceback.web import ServerSettings, create_app


def a_suppressed(client, reason="userunknown") -> str:
    return client.get("/api/v1/suppressions", params={"reason": reason, "limit": 1}).json()["items"][0]["address"]


def test_check_a_suppressed_address(store_client):
    address = a_suppressed(store_client)
    r = store_client.get(f"/api/v1/suppressions/{address.upper()}")
    assert r.status_code == 200
    body = r.json()
    assert body["address"] == address and body["status"] == "suppressed" and body["mailable"] is False
    assert body["suppression"]["cause"] == "hard_bounce"
    assert body["evidence"] and body["evidence"][0]["reason"] in ("userunknown", "hostunknown")
    assert {e["id"] for e in body["evidence"]} == set(body["suppression"]["evidence"])


def test_check_a_clean_or_invalid_address(store_client):
    r = store_client.get("/api/v1/suppressions/nobody@nowhere.example")
    assert r.status_code == 404 and r.json() == {"error": "nobody@nowhere.example is not suppressed (unknown)"}
    assert store_client.get("/api/v1/suppressions/not-an-address").status_code == 422


def test_search_filter_and_page(store_client):
    everything = store_client.get("/api/v1/suppressions", params={"limit": 500}).json()
    assert everything["total"] == len(everything["items"]) > 50
    gmail = store_client.get("/api/v1/suppressions", params={"q": "@gmail.com", "limit": 500}).json()
    assert gmail["items"] and all(i["address"].endswith("@gmail.com") for i in gmail["items"])
    full = store_client.get("/api/v1/suppressions", params={"reason": "mailboxfull"}).json()
    assert full["items"] and all(i["reason"] == "mailboxfull" and i["until"] for i in full["items"])
    page2 = store_client.get("/api/v1/suppressions", params={"limit": 10, "offset": 10}).json()
    assert [i["address"] for i in page2["items"]] == [i["address"] for i in everything["items"][10:20]]


def test_add_then_remove_with_note(empty_store):
    c = TestClient(create_app(ServerSettings(store=empty_store)))
    r = c.post("/api/v1/suppressions", json={"addresses": ["Ann@Example.org", "bad"], "note": "asked by phone"})
    assert r.status_code == 200
    assert [ch["outcome"] for ch in r.json()["changes"]] == ["added", "invalid"]
    assert c.get("/api/v1/suppressions/ann@example.org").json()["suppression"]["cause"] == "manual"
    assert c.delete("/api/v1/suppressions/ann@example.org").status_code == 422  # the note is required
    r = c.delete("/api/v1/suppressions/ann@example.org", params={"note": "she wrote back"})
    assert r.status_code == 200 and r.json()["changes"][0]["outcome"] == "removed"
    assert c.get("/api/v1/suppressions/ann@example.org").status_code == 404
    assert c.delete("/api/v1/suppressions/ann@example.org", params={"note": "again"}).status_code == 404
    h = c.get("/api/v1/addresses/ann@example.org").json()
    assert [m["note"] for m in h["manual"]] == ["asked by phone", "she wrote back"]
    assert h["suppressions"][0]["removed_note"] == "she wrote back"


def test_add_needs_a_note(empty_store):
    c = TestClient(create_app(ServerSettings(store=empty_store)))
    r = c.post("/api/v1/suppressions", json={"addresses": ["a@example.org"], "note": ""})
    assert r.status_code == 422 and set(r.json()) == {"error"}
    r = c.post("/api/v1/suppressions", json={"addresses": ["a@example.org"], "note": "x", "until": "yesterday"})
    assert r.status_code == 400 and "ISO date" in r.json()["error"]


def test_export_csv(store_client):
    r = store_client.get("/api/v1/suppressions/export.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    total = store_client.get("/api/v1/suppressions", params={"limit": 1}).json()["total"]
    assert len(rows) == total and {"address", "kind", "cause", "reason", "since"} <= set(rows[0])


def test_history_and_events(store_client):
    address = a_suppressed(store_client, "mailboxfull")
    h = store_client.get(f"/api/v1/addresses/{address}").json()
    assert h["status"] == "suppressed" and len(h["events"]) >= 3
    assert all(e["reason"] == "mailboxfull" for e in h["events"])
    assert store_client.get("/api/v1/addresses/nobody@nowhere.example").status_code == 404
    ev = store_client.get("/api/v1/events", params={"address": address}).json()
    assert ev["total"] == len(h["events"])
    sender = store_client.get("/api/v1/events", params={"fault": "sender", "limit": 5}).json()
    assert sender["total"] > 0 and all(e["fault"] == "sender" for e in sender["items"])


def test_stats_and_incidents(store_client):
    s = store_client.get("/api/v1/stats", params={"since": "30d"}).json()
    assert s["events"] == sum(s["by_fault"].values())
    assert len(s["daily"]["days"]) == 31
    daily_failures = sum(sum(v) for v in s["daily"]["failures_by_fault"].values())
    not_failures = sum(s["by_reason"].get(r, 0) for r in ("feedback", "vacation", "delivered"))
    assert daily_failures == s["events"] - not_failures
    assert s["by_domain"]["outlook.com"] > 0
    inc = store_client.get("/api/v1/incidents", params={"open_only": True}).json()["incidents"]
    assert ("microsoft", "blocked") in {(i["receiver"], i["reason"]) for i in inc}
    assert all(i["open"] for i in inc)


@pytest.mark.parametrize("since", ["bogus", "-3d", "2026-13-45"])
def test_bad_periods_are_400(store_client, since):
    r = store_client.get("/api/v1/stats", params={"since": since})
    assert r.status_code == 400 and set(r.json()) == {"error"}


def test_ingest_upload_and_job(empty_store, sample):
    c = TestClient(create_app(ServerSettings(store=empty_store)))
    r = c.post("/api/v1/ingest", files={"file": ("a.eml", sample("01-postfix-user-unknown.eml"))})
    assert r.status_code == 200 and r.json()["by_message"]["recorded"] == 1
    address = c.get("/api/v1/suppressions").json()["items"][0]["address"]
    assert c.get(f"/api/v1/suppressions/{address}").status_code == 200
    again = c.post("/api/v1/ingest", files={"file": ("a.eml", sample("01-postfix-user-unknown.eml"))}).json()
    assert again["by_message"]["already ingested"] == 1
    job = c.post("/api/v1/ingest/jobs", files={"file": ("b.eml", sample("02-exim-mailbox-full.eml"))})
    assert job.status_code == 202
    import time

    for _ in range(200):
        state = c.get(f"/api/v1/ingest/jobs/{job.json()['id']}").json()
        if state["state"] != "running":
            break
        time.sleep(0.02)
    assert state["state"] == "done" and state["done"] == state["total"] == 1
    assert c.get("/api/v1/ingest/jobs/nope").status_code == 404


def test_ingest_a_raw_message(empty_store, sample):
    c = TestClient(create_app(ServerSettings(store=empty_store)))
    r = c.post("/api/v1/ingest/raw", content=sample("02-exim-mailbox-full.eml"),
               headers={"Content-Type": "message/rfc822"})
    assert r.status_code == 200 and r.json()["by_message"]["recorded"] == 1 and r.json()["events"] == 1
    assert c.post("/api/v1/ingest/raw", content=b"  ").status_code == 422
