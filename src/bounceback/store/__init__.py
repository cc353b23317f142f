"""The durable store: SQLite by default, PostgreSQL by URL.

    from bounceback.store import Store
    with Store.open("bounces.db") as store:       # migrations are applied on open
        ...

``Store`` only holds the engines and the policy; what is done with them lives in
the repository modules (``record``, ``state``, ``queries``, ``manual``) and the
use cases in ``bounceback.hygiene``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ..config import Config, load_config
from ..policy import Policy
from . import migrate
from .db import StoreError, create_engines, redact, resolve_url, run_transaction

T = TypeVar("T")

__all__ = ["Store", "StoreError", "utcnow"]


def utcnow() -> datetime:
    """Now, as the naive UTC the tables hold."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


@dataclass(frozen=True, slots=True)
class Store:
    url: str
    reader: Engine
    writer: Engine
    policy: Policy

    @classmethod
    def open(cls, db: str | None = None, config: Config | str | None = None, *, upgrade: bool = True) -> Store:
        """Open (and create or upgrade) the database named by ``db`` or the usual places."""
        cfg = config if isinstance(config, Config) else load_config(config)
        url = resolve_url(db, cfg.db)
        reader, writer = create_engines(url)
        store = cls(url, reader, writer, cfg.policy)
        if upgrade:
            store.upgrade()
        return store

    @property
    def label(self) -> str:
        return redact(self.url)

    @property
    def dialect(self) -> str:
        return self.reader.dialect.name

    def upgrade(self) -> tuple[str, str]:
        """Apply pending migrations: (revision before, revision after)."""
        engine = self.writer if self.dialect == "sqlite" else self.reader  # see migrations/env.py
        try:
            with _sqlite_migration_lock(engine):
                return migrate.upgrade(engine)
        except DBAPIError as exc:
            raise StoreError(f"{self.label}: {_first_line(exc.orig)}") from None

    def write(self, work: Callable[[Session], T]) -> T:
        """``work`` in one write transaction, retried when a concurrent writer conflicts."""
        try:
            return run_transaction(self.writer, work)
        except DBAPIError as exc:
            if exc.connection_invalidated or "connect" in str(exc.orig).lower():
                raise StoreError(f"{self.label}: {_first_line(exc.orig)}") from None
            raise

    def read(self, work: Callable[[Session], T]) -> T:
        try:
            with Session(self.reader) as session:
                return work(session)
        except DBAPIError as exc:
            if "connect" in str(exc.orig).lower():
                raise StoreError(f"{self.label}: {_first_line(exc.orig)}") from None
            raise

    def close(self) -> None:
        self.reader.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _first_line(exc: object) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextlib.contextmanager
def _sqlite_migration_lock(engine: Engine):
    """Processes opening one SQLite file take turns at creating and upgrading its schema.

    SQLite's own locking covers transactions, but a brand-new file is also switched to WAL
    on first connect; two processes doing that and the first migration at once can see
    "database is locked" before any busy timeout applies. A lock file beside the database
    (flock, released on exit or crash) makes the first one finish before the next looks.
    """
    path = engine.url.database
    if engine.dialect.name != "sqlite" or not path or path == ":memory:":
        yield
        return
    import fcntl

    with open(f"{path}.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
