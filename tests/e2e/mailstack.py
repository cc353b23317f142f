"""The real mail stack of the e2e suite: fake remote MX, Postfix, Exim, Dovecot, a DNS tripwire.

Driven by the scripts in ``e2e/`` (the same ones a person can run by hand), started
and stopped by the fixtures in ``conftest.py``. Everything listens on 127.0.0.1
inside the private network namespace ``e2e/netns-run.sh`` makes.
"""

from __future__ import annotations

import glob
import os
import shutil
import smtplib
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "e2e"
EXIM_ROOT = Path(os.environ.get("EXIM_ROOT", SCRIPTS / "exim-pkg" / "root"))
PIPE_BOUNCEBACK = SCRIPTS / "pipe-venv" / "bin" / "bounceback"  # e2e/install.sh makes it (vmail can run it)
PORTS = {"fake": 2525, "postfix": 10025, "exim": 10026, "imap": 10143}
IMAP_PASSWORD = "secret"
SENDER = "bounces@bounceback.test"
# one message per group; the local part picks the fake MX's answer (e2e/fake_mx.py)
BATCH = [["unknown1@example.test"], ["full1@example.test"], ["blocked1@example.test"], ["ok1@example.test"],
         ["spam1@example.test"], ["unknown2@example.test", "blocked2@example.test", "ok2@example.test"]]
# 4 immediate bounces, 1 delay notice, 1 bounce when full1's 452 expires (10 s queue lifetime)
EXPECTED_DSNS = 6


def missing_prerequisites() -> list[str]:
    out = []
    if os.geteuid() != 0:
        out.append("root")
    for tool in ("postfix", "postconf", "dovecot", "doveconf", "unshare", "ip"):
        if shutil.which(tool) is None:
            out.append(tool)
    if not PIPE_BOUNCEBACK.exists():
        out.append(str(PIPE_BOUNCEBACK))
    if not (EXIM_ROOT / "usr/sbin/exim4").exists():
        out.append(f"{EXIM_ROOT}/usr/sbin/exim4")
    for user in ("vmail", "Debian-exim"):
        if subprocess.run(["id", user], capture_output=True).returncode:
            out.append(f"user {user}")
    try:
        import aiosmtpd  # noqa: F401
        import imapclient  # noqa: F401
    except ImportError as exc:
        out.append(exc.name or "python packages")
    return out


def wait_port(port: int, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


class DnsTripwire:
    """Answers REFUSED to every DNS query on 127.0.0.1:53 and remembers it: a daemon looked something up."""

    def __init__(self) -> None:
        self.queries: list[bytes] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 53))
        self.sock.settimeout(0.2)
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                data, addr = self.sock.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            self.queries.append(data)
            resp = bytearray(data)
            if len(resp) > 3:
                resp[2] |= 0x80
                resp[3] = (resp[3] & 0xF0) | 5
                self.sock.sendto(bytes(resp), addr)

    def close(self) -> None:
        self._stop.set()
        self.thread.join(2)
        self.sock.close()


@dataclass
class Stack:
    dir: Path
    env: dict[str, str]
    procs: list[subprocess.Popen] = field(default_factory=list)
    started: list[str] = field(default_factory=list)
    dns: DnsTripwire | None = None

    def script(self, name: str, action: str, **extra: str) -> None:
        env = dict(self.env, **extra)
        # output to a file, not a pipe: the daemons it starts keep inherited descriptors open
        out = self.dir / "log" / f"{name}-{action}.out"
        with out.open("w") as fh:
            r = subprocess.run(["bash", str(SCRIPTS / f"{name}.sh"), action], env=env, stdin=subprocess.DEVNULL,
                               stdout=fh, stderr=subprocess.STDOUT, timeout=120)
        if r.returncode:
            raise RuntimeError(f"e2e/{name}.sh {action} failed ({r.returncode}): {out.read_text()[-2000:]}")

    def start(self, pipe_command: str = "") -> None:
        self.dns = DnsTripwire()
        spool = self.dir / "fake-spool"
        log = (self.dir / "log" / "fake_mx.log").open("w")
        self.procs.append(subprocess.Popen(
            [sys.executable, str(SCRIPTS / "fake_mx.py"), "--port", str(PORTS["fake"]), "--spool", str(spool)],
            stdout=log, stderr=subprocess.STDOUT))
        wait_port(PORTS["fake"])
        for name, port in (("postfix", PORTS["postfix"]), ("exim", PORTS["exim"]), ("dovecot", PORTS["imap"])):
            extra = {}
            if pipe_command and name in ("postfix", "exim"):
                extra = {"PF_PIPE" if name == "postfix" else "EXIM_PIPE": pipe_command.format(mta=name)}
            self.script(name, "configure", **extra)
            self.started.append(name)  # stop even when start fails half-way
            self.script(name, "start", **extra)
            wait_port(port)

    def stop(self) -> None:
        for name in reversed(self.started):
            try:
                self.script(name, "stop")
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                print(f"stopping {name}: {exc}", file=sys.stderr)
        for p in self.procs:
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        if self.dns is not None:
            self.dns.close()

    # ---- mail

    def maildir(self, user: str) -> Path:
        return self.dir / "mail" / user / "Maildir"

    @property
    def postfix_log(self) -> Path:
        return self.dir / "log" / "postfix.log"

    @property
    def exim_log(self) -> Path:
        return self.dir / "exim" / "log" / "mainlog"


def submit(port: int, batch: list[list[str]], tag: str, sender: str = SENDER) -> None:
    with smtplib.SMTP("127.0.0.1", port, local_hostname="client.bounceback.test", timeout=30) as s:
        for i, rcpts in enumerate(batch):
            m = EmailMessage()
            m["From"] = f"Newsletter <{sender}>"
            m["To"] = ", ".join(rcpts)
            m["Subject"] = f"e2e {tag} {i}"
            m["Message-ID"] = f"<e2e-{tag}-{i}@bounceback.test>"
            m["List-Id"] = "Test list <test.bounceback.test>"
            m.set_content(f"Hello {', '.join(rcpts)}, this is test message {i}.\n")
            s.send_message(m, from_addr=sender, to_addrs=rcpts)


def messages(maildir: Path) -> list[str]:
    return sorted(glob.glob(str(maildir / "new" / "*")) + glob.glob(str(maildir / "cur" / "*")))


def wait_messages(maildir: Path, n: int, timeout: float = 60.0) -> list[str]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = messages(maildir)
        if len(found) >= n:
            return found
        time.sleep(0.2)
    raise RuntimeError(f"{maildir}: {len(messages(maildir))} of {n} messages after {timeout} s")
