from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bounceback.config import load_config
from bounceback.store import Store, StoreError, migrate
from bounceback.store.db import redact, resolve_url
from bounceback.store.models import Base


def test_a_path_is_a_sqlite_file_and_postgres_urls_use_psycopg(tmp_path):
    assert resolve_url(str(tmp_path / "b.db")) == f"sqlite:///{tmp_path / 'b.db'}"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(StoreError):
        resolve_url(str(tmp_path / "no-such-folder" / "b.db"))


def test_the_option_beats_the_environment_beats_the_config_beats_the_default(tmp_path, monkeypatch):
    opt, env, cfg = (str(tmp_path / n) for n in ("opt.db", "env.db", "cfg.db"))
    monkeypatch.setenv("BOUNCEBACK_DB", env)
    assert resolve_url(opt, cfg).endswith("opt.db")
    assert resolve_url(None, cfg).endswith("env.db")
    monkeypatch.delenv("BOUNCEBACK_DB")
    assert resolve_url(None, cfg).endswith("cfg.db")
    default = resolve_url(None, "")
    assert default == f"sqlite:///{tmp_path / 'xdg-data' / 'bounceback' / 'bounceback.db'}"  # platformdirs
    assert Path(default.removeprefix("sqlite:///")).parent.is_dir()


def test_the_config_file_names_the_database_and_overrides_the_policy(tmp_path, monkeypatch):
    toml = tmp_path / "bounceback.toml"
    toml.write_text(f'[store]\ndb = "{tmp_path / "x.db"}"\n[policy.soft]\nstrikes = 5\n')
    monkeypatch.chdir(tmp_path)
    cfg = load_config()  # found in the current directory
    assert cfg.db.endswith("x.db") and cfg.policy.soft.strikes == 5
    with Store.open(None, cfg) as store:
        assert store.url.endswith("x.db")
    toml.write_text('[policy.by_fault]\nsender = "punish"\n')
    with pytest.raises(Exception, match="bounceback.toml: policy.by_fault.sender"):
        load_config(str(toml))


def test_passwords_are_hidden_in_messages():
    assert "secret" not in redact("postgresql+psycopg://u:secret@h/db")


def test_migrations_create_exactly_the_models(db_url):
    with Store.open(db_url) as store:
        assert migrate.current_revision(store.reader) == migrate.head_revision()
        with store.reader.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == []
        tables = set(inspect(store.reader).get_table_names())
        assert {"messages", "events", "addresses", "suppressions", "incidents", "manual_actions"} <= tables


def test_opening_twice_and_upgrading_again_changes_nothing(db_url):
    with Store.open(db_url) as store:
        head = migrate.head_revision()
        assert store.upgrade() == (head, head)
    with Store.open(db_url) as store:
        assert store.upgrade() == (head, head)


def test_six_processes_creating_the_schema_at_once_apply_it_once(db_url):
    """The migration takes a lock first (SQLite BEGIN IMMEDIATE, PostgreSQL advisory lock)."""
    # every process imports first, then all open the database at the same agreed moment
    code = ("import sys, time; from bounceback.store import Store; "
            "time.sleep(max(0, float(sys.argv[2]) - time.time())); Store.open(sys.argv[1]).close()")
    start = str(time.time() + 2.5)
    procs = [subprocess.Popen([sys.executable, "-c", code, db_url, start], stderr=subprocess.PIPE)
             for _ in range(6)]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err.decode()
    with Store.open(db_url) as store:
        assert migrate.current_revision(store.reader) == migrate.head_revision()


def test_an_unreachable_server_is_one_line():
    with pytest.raises(StoreError) as info:
        Store.open("postgresql://nobody@127.0.0.1:1/none")
    assert "\n" not in str(info.value) and "127.0.0.1" in str(info.value)
