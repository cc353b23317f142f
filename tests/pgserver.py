"""A throwaway PostgreSQL server on a free loopback port, for the tests and the benchmarks.

``initdb`` in a temporary folder, ``pg_ctl start`` on 127.0.0.1, ``pg_ctl stop``
at the end (recipe: ../shared/reference/real-mail-stack.md, pg-e2e). PostgreSQL
refuses to run as root, so as root every server command runs as the
``postgres`` system user (``runuser``), which the Debian package creates.
Durability is switched off (fsync=off ...): it is a test server.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

RUN_AS = "postgres"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server programs on this machine."""


def bindir() -> Path:
    """The folder holding initdb and pg_ctl: Debian's newest version, else the PATH."""
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        versions = sorted((p for p in debian.iterdir() if (p / "bin" / "initdb").exists()),
                          key=lambda p: [int(x) for x in p.name.split(".") if x.isdigit()])
        if versions:
            return versions[-1] / "bin"
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise PostgresUnavailable("initdb not found (Debian: apt-get install postgresql)")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    base: Path
    port: int
    bin: Path
    as_root: bool

    @property
    def data(self) -> Path:
        return self.base / "data"

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if self.as_root:
            cmd = ["runuser", "-u", RUN_AS, "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.base, ignore_errors=True)


def start() -> PgServer:
    """initdb + start; the caller must ``stop()`` it."""
    programs = bindir()
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="bounceback-pg-"))
    base.chmod(0o755)
    server = PgServer(base, free_port(), programs, as_root)
    sock = base / "sock"
    sock.mkdir()
    if as_root:
        shutil.chown(base, RUN_AS, RUN_AS)
        shutil.chown(sock, RUN_AS, RUN_AS)
    try:
        server._run(str(programs / "initdb"), "-D", str(server.data), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -p {server.port} -c unix_socket_directories={sock} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        server._run(str(programs / "pg_ctl"), "-D", str(server.data), "-l", str(base / "postgres.log"),
                    "-w", "-t", "60", "start", "-o", options)
    except subprocess.CalledProcessError as exc:
        log = (base / "postgres.log")
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        raise PostgresUnavailable(f"{exc.cmd[0]} failed: {exc.stderr.decode(errors='replace')}{detail}") from None
    return server
