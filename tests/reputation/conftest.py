from __future__ import annotations

from pathlib import Path

import pytest

from ..dnsserver import BlackHole, NsdServer
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
