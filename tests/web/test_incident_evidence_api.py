"""Sender incidents carry their evidence through the API (the dashboard reads the same), and uploads
through the API get it looked up after their messages are committed, against the tests' own DNS server."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import timedelta

import httpx
from fastapi.testclient import TestClient

from bounceback.reputation.settings import Settings
from bounceback.store import utcnow
from bounceback.web import ServerSettings, create_app

from .. import builders as b
from .server import free_port


def test_incidents_carry_the_sending_host_and_domains(store_client):
    found = store_client.get("/api/v1/incidents", params={"since": "90d"}).json()["incidents"]
    sender = [i for i in found if i["kind"] == "sender"]
    assert sender and all(i["evidence"] for i in sender)
    for i in sender:
        ev = {e["target"]: e for e in i["evidence"]}
        assert ev["news.example.com"]["found_in"] == ["from", "envelope"]
        # the demo is ingested without lookups: nothing checked yet, nothing claimed
        assert {e["status"] for e in i["evidence"]} == {"unchecked"} and all(e["checks"] == [] for e in ev.values())
    assert all(i["evidence"] == [] for i in found if i["kind"] == "content")


def _uploader(store, reputation):
    return TestClient(create_app(ServerSettings(store=store, reputation=reputation)))


def _blocklisted(recipient: str = "carol@example.net") -> bytes:
    """A bounce an hour old (its incident open) saying the receiver blocked 192.0.2.44 (on ZEN's PBL)."""
    return b.blocklisted(recipient, utcnow() - timedelta(hours=1))


def _settled(client, job_id: str) -> dict:
    """The job once its blocklist check (which follows the committed messages) has finished."""
    deadline = time.monotonic() + 20
    while True:
        job = client.get(f"/api/v1/ingest/jobs/{job_id}").json()
        if job["state"] != "running" and not job["checking"]:
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.05)


def _sender_evidence(client) -> dict:
    [incident] = [i for i in client.get("/api/v1/incidents").json()["incidents"] if i["kind"] == "sender"]
    return {e["target"]: e for e in incident["evidence"]}


def test_a_web_upload_of_a_blocklisted_bounce_gets_evidence_from_the_resolver(empty_store, counting):
    client = _uploader(empty_store, Settings(resolver=counting.address, timeout=3))
    started = client.post("/api/v1/ingest/jobs", files={"file": ("bounce.eml", _blocklisted())})
    assert started.status_code == 202
    job = _settled(client, started.json()["id"])
    assert job["state"] == "done" and job["summary"]["by_message"]["recorded"] == 1
    check = job["evidence"]
    assert (check["offline"], check["checked"], check["listed"]) == (False, 2, ["192.0.2.44"])
    assert check["queries"] == counting.count > 0
    ev = _sender_evidence(client)
    assert (ev["192.0.2.44"]["status"], ev["news.example.com"]["status"]) == ("listed", "not listed")
    [zen] = [c for c in ev["192.0.2.44"]["checks"] if c["list"] == "spamhaus-zen"]
    assert zen["listed"] is True and zen["codes"] == ["127.0.0.10"] and zen["meaning"].startswith("PBL")
    assert "authenticated submission server" in zen["advice"]

    # a later upload naming the same IP is answered from the cache (24 h), not one query more
    asked = counting.count
    again = client.post("/api/v1/ingest/jobs", files={"file": ("b2.eml", _blocklisted("dave@example.net"))})
    check = _settled(client, again.json()["id"])["evidence"]
    assert (check["checked"], check["cached"], check["listed"]) == (0, 2, ["192.0.2.44"])
    assert counting.count == asked


def test_the_waiting_ingest_endpoint_answers_before_the_lookups_finish(empty_store, black_hole):
    client = _uploader(empty_store, Settings(resolver=black_hole, timeout=3))  # never answers
    started = time.monotonic()
    done = client.post("/api/v1/ingest", files={"file": ("bounce.eml", _blocklisted())})
    assert done.status_code == 200 and done.json()["by_message"]["recorded"] == 1
    assert time.monotonic() - started < 2.5  # the messages are committed; DNS is not waited for
    assert {e["status"] for e in _sender_evidence(client).values()} == {"unchecked"}
    deadline = time.monotonic() + 20  # then the background check records the timeouts as unknown answers
    while {e["status"] for e in _sender_evidence(client).values()} != {"unknown"}:
        assert time.monotonic() < deadline
        time.sleep(0.1)


def test_offline_a_web_upload_looks_nothing_up(empty_store, counting):
    client = _uploader(empty_store, Settings(offline=True, resolver=counting.address))
    started = client.post("/api/v1/ingest/jobs", files={"file": ("bounce.eml", _blocklisted())})
    check = _settled(client, started.json()["id"])["evidence"]
    assert (check["offline"], check["checked"], check["deferred"], check["queries"]) == (True, 0, 2, 0)
    assert counting.count == 0
    assert {e["status"] for e in _sender_evidence(client).values()} == {"unchecked"}
    # a server given no reputation settings is offline too (`bounceback serve` passes [reputation])
    default = TestClient(create_app(ServerSettings(store=empty_store)))
    assert default.app.state.jobs.reputation.offline


def test_bounceback_serve_looks_uploads_up_with_its_reputation_options(tmp_path, dns_server, monkeypatch):
    monkeypatch.delenv("BOUNCEBACK_OFFLINE")  # the tests' isolation; this server asks the tests' DNS server
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "bounceback", "serve", "--db", str(tmp_path / "s.db"),
                             "--port", str(port), "--resolver", dns_server.address, "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert json.loads(proc.stdout.readline())["blocklist_lookups"] is True
        base = f"http://127.0.0.1:{port}/api/v1"
        for _ in range(200):
            try:
                httpx.get(f"{base}/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        assert httpx.post(f"{base}/ingest/raw", content=_blocklisted()).json()["events"] == 1
        deadline = time.monotonic() + 20
        while (ev := httpx.get(f"{base}/incidents").json()["incidents"][0]["evidence"])[0]["status"] != "listed":
            assert time.monotonic() < deadline, ev
            time.sleep(0.1)
        assert ev[0]["target"] == "192.0.2.44"
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
