"""API tokens: stored hashed, required once one exists, by bearer header or the dashboard's cookie."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from bounceback.auth import looks_like_token, new_token, token_hash
from bounceback.store.tokens import any_active, create_token, list_tokens, lookup, revoke_token
from bounceback.web import ServerSettings, create_app
from bounceback.web.auth import COOKIE

from .server import free_port


def test_the_store_keeps_only_the_hash(tmp_path, empty_store):
    record, secret = create_token(empty_store, "ci")
    assert lookup(empty_store, token_hash(secret)) == record and secret.startswith(record.prefix)
    empty_store.close()
    for f in Path(empty_store.url.removeprefix("sqlite:///")).parent.glob("empty.db*"):
        assert secret.encode() not in f.read_bytes()


def test_names_and_revocation(empty_store):
    create_token(empty_store, "ci")
    with pytest.raises(Exception, match="already"):
        create_token(empty_store, "ci")
    assert any_active(empty_store)
    revoke_token(empty_store, "ci")
    assert not any_active(empty_store) and list_tokens(empty_store) == ()
    assert len(list_tokens(empty_store, include_revoked=True)) == 1
    create_token(empty_store, "ci")  # the name is free again


@pytest.fixture
def locked(empty_store):
    """A server with one token: (client, token)."""
    _, secret = create_token(empty_store, "tests")
    return TestClient(create_app(ServerSettings(store=empty_store))), secret, empty_store


def test_without_tokens_the_server_is_open(empty_store):
    c = TestClient(create_app(ServerSettings(store=empty_store)))
    assert c.get("/api/v1/explain", params={"q": "550"}).status_code == 200


def test_every_endpoint_but_health_needs_the_token(locked):
    c, secret, _ = locked
    assert c.get("/api/v1/health").status_code == 200
    spec = c.app.openapi()["paths"]
    api = [p for p, ops in spec.items() if "get" in ops and p != "/api/v1/health"] + ["/api/v1/openapi.json"]
    assert len(api) >= 8
    for p in api:
        url = p.replace("{address}", "x@example.org").replace("{job_id}", "j")
        r = c.get(url, params={"q": "550"})
        assert r.status_code == 401, p
        assert r.headers["www-authenticate"] == "Bearer" and "error" in r.json()
    ok = c.get("/api/v1/explain", params={"q": "550"}, headers={"Authorization": f"Bearer {secret}"})
    assert ok.status_code == 200
    assert c.get("/api/v1/explain", params={"q": "550"},
                 headers={"Authorization": f"Bearer {new_token()}"}).status_code == 401
    assert c.get("/api/v1/explain", params={"q": "550"},
                 headers={"Authorization": f"Basic {secret}"}).status_code == 401


def test_a_revoked_token_stops_working_at_once(locked):
    c, secret, store = locked
    create_token(store, "other")  # auth stays required after the revocation
    h = {"Authorization": f"Bearer {secret}"}
    assert c.get("/api/v1/suppressions", headers=h).status_code == 200
    revoke_token(store, "tests")
    assert c.get("/api/v1/suppressions", headers=h).status_code == 401


def test_dashboard_login_with_a_token(locked):
    c, secret, _ = locked
    r = c.get("/suppressions?q=x", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/suppressions%3Fq%3Dx"
    bad = c.post("/login", data={"token": "bb_nope", "next": "/"}, follow_redirects=False)
    assert bad.status_code == 401 and COOKIE not in bad.cookies
    r = c.post("/login", data={"token": secret, "next": "//evil.example/"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"  # no open redirect
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert c.get("/").status_code == 200
    assert c.get("/api/v1/suppressions").status_code == 200  # the cookie works for the API the pages call
    c.post("/logout", headers={"Origin": "http://testserver"})
    assert c.get("/", follow_redirects=False).status_code == 303


def test_cookie_writes_must_come_from_our_pages(locked):
    c, secret, _ = locked
    c.cookies.set(COOKIE, secret)
    body = {"addresses": ["x@example.org"], "note": "n"}
    assert c.post("/api/v1/suppressions", json=body).status_code == 401
    assert c.post("/api/v1/suppressions", json=body, headers={"Origin": "http://evil.example"}).status_code == 401
    assert c.post("/api/v1/suppressions", json=body, headers={"Origin": "http://testserver"}).status_code == 200


def test_webhooks_need_no_token_but_their_signature(locked):
    c, _, _ = locked
    assert c.post("/webhooks/postmark", content=b"{}").status_code == 404  # not configured: refused all the same


def _cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bounceback", *args], capture_output=True, text=True, **kw)


def test_token_cli(tmp_path):
    db = str(tmp_path / "t.db")
    out = _cli("token", "create", "deploy", "--db", db, "--json")
    assert out.returncode == 0, out.stderr
    assert list(json.loads(out.stdout)) == ["token"]
    secret = json.loads(out.stdout)["token"]
    listed = _cli("token", "list", "--db", db, "--json")
    assert json.loads(listed.stdout)[0]["name"] == "deploy" and secret not in listed.stdout
    plain = _cli("token", "create", "ops", "--db", db)
    assert looks_like_token(plain.stdout.strip()) and "not shown again" in plain.stderr
    assert _cli("token", "revoke", "deploy", "--db", db, "--json").returncode == 0
    gone = _cli("token", "revoke", "deploy", "--db", db)
    assert gone.returncode == 1 and gone.stderr.count("\n") == 1 and "no active token" in gone.stderr


def test_tokens_never_reach_the_logs(tmp_path):
    db = str(tmp_path / "s.db")
    secret = json.loads(_cli("token", "create", "ci", "--db", db, "--json").stdout)["token"]
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "bounceback", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(f"{base}/api/v1/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        h = {"Authorization": f"Bearer {secret}"}
        assert httpx.get(f"{base}/api/v1/explain", params={"q": "550"}, headers=h).status_code == 200
        assert httpx.get(f"{base}/api/v1/explain", params={"q": "550"},
                         headers={"Authorization": "Bearer bb_" + "x" * 43}).status_code == 401
        assert httpx.post(f"{base}/login", data={"token": secret}).status_code in (200, 303)
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=10)
    assert "GET /api/v1/explain" in err  # requests are logged ...
    assert secret not in err and secret not in out  # ... tokens are not
