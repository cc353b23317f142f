from __future__ import annotations

from pathlib import Path

import pytest

from ..dnsserver import BlackHole, CountingProxy, NsdServer
from .zones import ZONES

LISTS_FILE = str(Path(__file__).with_name("lists.toml"))


@pytest.fixture(scope="session")
def dns_server():
    """NSD on 127.0.0.1:<free port> serving tests/reputation/zones.py; ``.address`` is HOST:PORT."""
    server = NsdServer(ZONES).start()
    yield server
    server.close()


@pytest.fixture(scope="session")
def black_hole():
    """A resolver address that never answers."""
    hole = BlackHole()
    yield hole.address
    hole.close()


@pytest.fixture
def counting(dns_server):
    """A resolver address in front of the test NSD that counts every query (``.count``, ``.asked()``)."""
    proxy = CountingProxy(dns_server.address)
    yield proxy
    proxy.close()
