"""Database fixtures: every store test runs on SQLite and on a real PostgreSQL server.

The PostgreSQL server is started once per test session (``tests/pgserver.py``)
and each test gets a database of its own. Without PostgreSQL programs the
PostgreSQL half is skipped, unless ``BOUNCEBACK_REQUIRE_PG`` is set (CI sets it,
through scripts/test.sh, so a missing server fails the run instead).
"""

from __future__ import annotations

import itertools
import os

import pytest

from bounceback.store import Store

from . import pgserver

_names = itertools.count(1)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, tmp_path):
    """No user settings leak in: no BOUNCEBACK_* variables, and the default database lands in tmp.
    No DNS blocklist lookups either (they would ask the machine's resolver): the tests that
    want them ask the tests' own DNS server (tests/reputation/) and drop BOUNCEBACK_OFFLINE."""
    for name in ("BOUNCEBACK_DB", "BOUNCEBACK_CONFIG", "BOUNCEBACK_DQS_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BOUNCEBACK_OFFLINE", "1")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture(scope="session")
def pg_server():
    try:
        server = pgserver.start()
    except pgserver.PostgresUnavailable as exc:
        if os.environ.get("BOUNCEBACK_REQUIRE_PG"):
            pytest.fail(f"PostgreSQL is required here: {exc}")
        pytest.skip(f"no PostgreSQL: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request, tmp_path):
    """Makes fresh, empty databases of one kind: SQLite file paths, or PostgreSQL URLs."""
    if request.param == "sqlite":
        return lambda: str(tmp_path / f"bounceback-{next(_names)}.db")
    server = request.getfixturevalue("pg_server")
    return lambda: server.create_database(f"test_{os.getpid()}_{next(_names)}")


@pytest.fixture
def db_url(new_db) -> str:
    """A fresh, empty database (both kinds, see ``new_db``)."""
    return new_db()


@pytest.fixture
def store(db_url):
    with Store.open(db_url) as s:
        yield s
