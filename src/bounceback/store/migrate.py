"""Alembic migrations shipped inside the package, applied when a store is opened.

Developers add a revision with::

    .venv/bin/python -m bounceback.store.migrate revision "add a column"
"""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision() or ""


def upgrade(engine: Engine) -> tuple[str, str]:
    """Bring the schema to the newest revision: (revision before, revision after)."""
    before = current_revision(engine)
    head = head_revision()
    if before == head:
        return before, head
    cfg = alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()
    return before, current_revision(engine)


def _developer_revision(message: str) -> None:
    """Autogenerate a revision against a scratch SQLite database at the current head."""
    import tempfile

    from .db import create_engines

    with tempfile.TemporaryDirectory() as tmp:
        _, writer = create_engines(f"sqlite:///{tmp}/scratch.db")
        upgrade(writer)
        cfg = alembic_config()
        with writer.connect() as conn:
            cfg.attributes["connection"] = conn
            # numbered 0001, 0002 ...: one line of history that reads in order
            rev_id = f"{len(list(ScriptDirectory.from_config(cfg).walk_revisions())) + 1:04d}"
            command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        sys.exit("usage: python -m bounceback.store.migrate revision MESSAGE")
    _developer_revision(sys.argv[2])
