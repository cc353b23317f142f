"""Sender incidents carry their evidence through the API (the dashboard reads the same)."""

from __future__ import annotations


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
