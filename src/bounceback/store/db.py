"""Which database, how to connect, and how to write to it safely.

The database is, first match wins: the ``--db`` option, ``BOUNCEBACK_DB``, the
``[store] db`` setting of bounceback.toml, else ``bounceback.db`` in the user
data directory (platformdirs). A value with ``://`` is a SQLAlchemy URL
(``postgresql://…`` means psycopg 3); anything else is a SQLite file path.

Writes run in ``Store.write``: one transaction that is retried when another
process got in the way, so two ingest processes on one database lose nothing.
SQLite transactions that write start with ``BEGIN IMMEDIATE`` (the write lock is
taken before anything is read, so two writers queue instead of deadlocking) in
WAL mode with a busy timeout; PostgreSQL writes run SERIALIZABLE and are retried
on serialization failures.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session

from ..errors import BouncebackError

DB_ENV = "BOUNCEBACK_DB"
BUSY_TIMEOUT_S = 60
RETRIES = 50
# SQLSTATEs that mean "run the transaction again": serialization failure, deadlock, and a unique
# violation (every insert that can race is ON CONFLICT-guarded except a bulk import's new addresses,
# where a concurrent writer may have created the row since the transaction looked)
_RETRY_SQLSTATES = frozenset({"40001", "40P01", "23505"})

T = TypeVar("T")


class StoreError(BouncebackError):
    """The database cannot be opened or used."""


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("bounceback", appauthor=False)) / "bounceback.db"


def resolve_url(db: str | None = None, configured: str = "") -> str:
    """The SQLAlchemy URL for an option value, the environment, the config file or the default."""
    value = db or os.environ.get(DB_ENV) or configured
    if not value:
        path = default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" not in value:
        path = Path(value).expanduser().resolve()
        if not path.parent.is_dir():
            raise StoreError(f"{value}: the folder {path.parent} does not exist")
        return f"sqlite:///{path}"
    scheme, _, rest = value.partition("://")
    if scheme in ("postgres", "postgresql"):  # psycopg 3 is the driver bounceback installs
        return f"postgresql+psycopg://{rest}"
    return value


def redact(url: str) -> str:
    """The URL without its password, for messages and ``db info``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy, not the driver, decides when a transaction begins
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer, a crash loses nothing committed
        cur.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: durable across a process crash
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def create_engines(url: str) -> tuple[Engine, Engine]:
    """(reader, writer) engines sharing one connection pool."""
    try:
        if url.startswith("sqlite"):
            engine = _sqlite_engine(url)
            return engine, engine.execution_options(sqlite_begin="IMMEDIATE")
        engine = create_engine(url, pool_pre_ping=True)
    except ArgumentError as exc:
        raise StoreError(f"{redact(url)}: not a database URL ({exc})") from None
    except ModuleNotFoundError as exc:
        raise StoreError(f"{redact(url)}: the driver is not installed ({exc.name}); "
                         "for PostgreSQL: pip install 'bounceback[postgresql]'") from None
    return engine, engine.execution_options(isolation_level="SERIALIZABLE")


def _should_retry(exc: DBAPIError) -> bool:
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    if code in _RETRY_SQLSTATES:
        return True
    text = str(exc.orig).lower()
    return isinstance(exc, OperationalError) and ("database is locked" in text or "database is busy" in text)


def run_transaction(engine: Engine, work: Callable[[Session], T], retries: int = RETRIES) -> T:
    """``work(session)`` in one transaction, committed at the end, retried on conflicts."""
    for attempt in range(retries + 1):
        try:
            with Session(engine, expire_on_commit=False) as session, session.begin():
                return work(session)
        except DBAPIError as exc:
            if attempt < retries and _should_retry(exc):
                time.sleep(random.uniform(0.001, 0.02) * (attempt + 1))  # jitter so racers separate
                continue
            raise
    raise AssertionError("unreachable")
