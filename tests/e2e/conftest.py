"""Fixtures of the real-server suite: they start and stop the mail stack of ``mailstack.py``.

The tests run only inside ``e2e/netns-run.sh`` (``scripts/test.sh`` does that as root):
elsewhere they are skipped with the command to run them; inside, a missing server is a
failure, not a skip.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from .mailstack import (
    BATCH,
    EXPECTED_DSNS,
    PIPE_BOUNCEBACK,
    PORTS,
    Stack,
    missing_prerequisites,
    submit,
    wait_messages,
)

IN_NETNS = os.environ.get("BOUNCEBACK_E2E_NETNS") == "1"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def stack():
    if not IN_NETNS:
        pytest.skip("real-server tests run in a private network namespace: as root, bash scripts/test.sh "
                    "(or e2e/install.sh, then e2e/netns-run.sh .venv/bin/pytest -m e2e)")
    missing = missing_prerequisites()
    if missing:
        pytest.fail(f"e2e prerequisites missing: {', '.join(missing)} (run e2e/install.sh as root)")
    d = Path(tempfile.mkdtemp(prefix="bb-e2e-"))
    d.chmod(0o755)
    (d / "log").mkdir()
    env = dict(os.environ, E2E=str(d), FAKE_MX="mx.example.test", FAKE_PORT=str(PORTS["fake"]),
               PF_PORT=str(PORTS["postfix"]), EXIM_PORT=str(PORTS["exim"]), IMAP_PORT=str(PORTS["imap"]))
    s = Stack(d, env)
    pipe_dir = d / "pipe"  # Postfix and Exim pipe bounces for bounces-pipe@ into `bounceback ingest -`
    pipe_dir.mkdir()
    shutil.chown(pipe_dir, "vmail", "vmail")
    try:
        s.start(pipe_command=f"{PIPE_BOUNCEBACK} ingest --db {pipe_dir}/{{mta}}.db -")
        yield s
    finally:
        s.stop()
        if os.environ.get("BOUNCEBACK_E2E_KEEP") != "1":
            shutil.rmtree(d, ignore_errors=True)


@pytest.fixture(scope="session")
def delivered(stack):
    """Both MTAs got the batch and every DSN (immediate, delay notice, expiry) is in their Maildirs."""
    errors: list[BaseException] = []

    def run(port: int, user: str, tag: str) -> None:
        try:
            submit(port, BATCH, tag)
            wait_messages(stack.maildir(user), EXPECTED_DSNS)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(PORTS["postfix"], "bounces", "pf")),
               threading.Thread(target=run, args=(PORTS["exim"], "exim-bounces", "ex"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(90)
    if errors:
        raise errors[0]
    return stack


@pytest.fixture
def folder(delivered):
    """A fresh IMAP folder on the real Dovecot with the 6 real Postfix bounces and one newsletter."""
    from .imapbox import fill_folder

    return fill_folder(delivered)
