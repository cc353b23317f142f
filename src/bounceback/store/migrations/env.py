"""Alembic environment: run by ``store.migrate.upgrade`` with an open connection.

The whole upgrade is one transaction that first takes a lock (SQLite: the
writer's ``BEGIN IMMEDIATE``; PostgreSQL: an advisory lock), so two processes
opening a new database at once apply each migration exactly once.
"""

from __future__ import annotations

from alembic import context

from bounceback.store.models import Base

# an arbitrary constant: the advisory lock key bounceback's migrations share
MIGRATION_LOCK_KEY = 0x626F756E6365

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table instead
    transactional_ddl=True,
    compare_type=True,
)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
    context.run_migrations()
