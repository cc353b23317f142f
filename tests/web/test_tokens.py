"""Token hashing, and the server refusing to listen beyond loopback while no token exists."""

from __future__ import annotations

import subprocess
import sys

from bounceback.auth import looks_like_token, new_token, token_hash

from .server import free_port


def test_tokens_are_random_and_hashed():
    a, b = new_token(), new_token()
    assert a != b and looks_like_token(a) and a.startswith("bb_") and len(a) >= 40
    assert token_hash(a) == token_hash(a) != token_hash(b) and len(token_hash(a)) == 64
    assert not looks_like_token("bb_short") and not looks_like_token("Bearer " + a) and not looks_like_token("")


def _cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bounceback", *args], capture_output=True, text=True, **kw)


def test_serve_refuses_beyond_loopback_without_a_token(tmp_path):
    out = _cli("serve", "--db", str(tmp_path / "s.db"), "--host", "0.0.0.0", "--port", str(free_port()),
               timeout=60)
    assert out.returncode == 1 and "refusing to listen on 0.0.0.0" in out.stderr
