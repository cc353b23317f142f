from __future__ import annotations

import pytest

from bounceback.errors import BouncebackError
from bounceback.web.settings import check_bind, is_loopback


def test_health(client):
    r = client.get("/api/v1/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_explain(client):
    r = client.get("/api/v1/explain", params={"q": "452 4.2.2 mailbox full"})
    assert r.status_code == 200
    body = r.json()
    assert (body["reason"], body["fault"], body["permanent"]) == ("mailboxfull", "recipient", False)


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x" * 4001}])
def test_explain_bad_input_is_a_one_line_422(client, params):
    r = client.get("/api/v1/explain", params=params)
    assert r.status_code == 422
    assert set(r.json()) == {"error"} and "\n" not in r.json()["error"]


def test_parse_upload(client, sample):
    r = client.post("/api/v1/parse", files={"file": ("b.eml", sample("01-postfix-user-unknown.eml"))})
    assert r.status_code == 200
    [b] = r.json()["bounces"]
    assert (b["reason"], b["hard_bounce"], r.json()["messages"]) == ("userunknown", True, 1)


def test_parse_mbox_upload(client, sample):
    mbox = b"".join(b"From MAILER-DAEMON Mon Nov  2 09:14:00 2026\n" + sample(n).replace(b"\r\n", b"\n") + b"\n"
                    for n in ("01-postfix-user-unknown.eml", "02-exim-mailbox-full.eml",
                              "08-newsletter-not-a-bounce.eml"))
    r = client.post("/api/v1/parse", files={"file": ("bounces.mbox", mbox)})
    assert r.status_code == 200
    assert r.json()["messages"] == 3
    assert sorted(b["reason"] for b in r.json()["bounces"]) == ["mailboxfull", "userunknown"]


def test_parse_without_file_is_422(client):
    r = client.post("/api/v1/parse")
    assert r.status_code == 422 and "file" in r.json()["error"]


def test_upload_too_large_is_413(sample):
    from fastapi.testclient import TestClient

    from bounceback.web import ServerSettings, create_app

    c = TestClient(create_app(ServerSettings(max_upload_bytes=1000)))
    r = c.post("/api/v1/parse", files={"file": ("big.eml", b"x" * 5000)})
    assert r.status_code == 413 and "larger" in r.json()["error"]


def test_unknown_route_is_json_404(client):
    r = client.get("/api/v1/nothing")
    assert r.status_code == 404 and "error" in r.json()


def test_unconfigured_webhook_is_404_json(client):
    r = client.post("/webhooks/sendgrid", content=b"[]")
    assert r.status_code == 404 and "not configured" in r.json()["error"]
    assert client.post("/webhooks/nosuch", content=b"[]").status_code == 422


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for p in ("/api/v1/health", "/api/v1/explain", "/api/v1/parse", "/webhooks/{provider}",
              "/webhooks/generic/{name}"):
        assert p in paths
    assert not any(p.startswith(("/explain", "/login", "/static")) for p in paths)


@pytest.mark.parametrize(("host", "loop"), [("127.0.0.1", True), ("127.8.9.1", True), ("::1", True),
                                             ("[::1]", True), ("localhost", True), ("0.0.0.0", False),
                                             ("::", False), ("192.0.2.1", False), ("example.org", False)])
def test_loopback(host, loop):
    assert is_loopback(host) is loop


def test_bind_beyond_loopback_needs_auth():
    check_bind("127.0.0.1", False)
    check_bind("0.0.0.0", True)
    with pytest.raises(BouncebackError, match="refusing"):
        check_bind("0.0.0.0", False)
