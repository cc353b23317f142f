from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bounceback.web import ServerSettings, create_app


@pytest.fixture
def client() -> TestClient:
    """The server without a database (explain, parse, webhooks)."""
    return TestClient(create_app(ServerSettings()))


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    """A SQLite store holding the demo month (real bounce messages through the real ingest)."""
    from bounceback.store import Store
    from bounceback.web.demo import build

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = Store.open(str(path))
    build(store)
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path):
    from bounceback.store import Store

    store = Store.open(str(tmp_path / "empty.db"))
    yield store
    store.close()


@pytest.fixture
def store_client(demo_store) -> TestClient:
    return TestClient(create_app(ServerSettings(store=demo_store)))
