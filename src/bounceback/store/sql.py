"""The few statements whose spelling differs between SQLite and PostgreSQL.

Statements are built once per dialect and table and executed with parameters,
so SQLAlchemy's compiled cache serves every later call (building an INSERT …
ON CONFLICT per row costs more than running it).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def _insert(dialect: str, table: Table):
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"bounceback supports SQLite and PostgreSQL, not {dialect}")


@cache
def _insert_ignore(dialect: str, table: Table, conflict: tuple[str, ...]):
    return _insert(dialect, table).on_conflict_do_nothing(index_elements=list(conflict)).returning(table.c.id)


@cache
def _upsert(dialect: str, table: Table, key: tuple[str, ...]):
    stmt = _insert(dialect, table)
    return stmt.on_conflict_do_update(index_elements=list(key),
                                      set_={c.name: stmt.excluded[c.name] for c in table.c if c.name not in key})


def insert_ignore_returning_id(session: Session, table: Table, values: dict[str, Any],
                               conflict: tuple[str, ...]) -> int | None:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id: the new row's id, or None when it existed."""
    stmt = _insert_ignore(session.get_bind().dialect.name, table, conflict)
    return session.execute(stmt, values).scalar_one_or_none()


def upsert(session: Session, table: Table, values: dict[str, Any], key: tuple[str, ...]) -> None:
    """INSERT … ON CONFLICT (key) DO UPDATE SET every other column (``values`` has every column)."""
    session.execute(_upsert(session.get_bind().dialect.name, table, key), values)
