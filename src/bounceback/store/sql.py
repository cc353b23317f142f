"""The few statements whose spelling differs between SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def _insert(session: Session, table: Table):
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"bounceback supports SQLite and PostgreSQL, not {name}")


def insert_ignore_returning_id(session: Session, table: Table, values: dict[str, Any],
                               conflict: tuple[str, ...]) -> int | None:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id: the new row's id, or None when it existed."""
    stmt = _insert(session, table).values(**values).on_conflict_do_nothing(index_elements=list(conflict))
    return session.execute(stmt.returning(table.c.id)).scalar_one_or_none()


def upsert(session: Session, table: Table, values: dict[str, Any], key: tuple[str, ...]) -> None:
    """INSERT … ON CONFLICT (key) DO UPDATE SET every other column."""
    stmt = _insert(session, table).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=list(key), set_={k: stmt.excluded[k] for k in values if k not in key})
    session.execute(stmt)
