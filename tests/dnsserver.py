"""An authoritative DNS server for the tests and benchmarks: NSD on 127.0.0.1, own zones.

``NsdServer(zones).start()`` writes the zone files and an nsd.conf into a fresh
directory, runs Debian's ``nsd`` in the foreground on a free port of 127.0.0.1
and waits until it answers. Run as root it drops privileges to the ``nsd`` user
that Debian's package creates; run by anyone else it runs as that user. The
reputation code asks it directly, as if it were a recursive resolver: it answers
for its own zones and REFUSES everything else, so no test can reach the
machine's resolver or the network.

``BlackHole`` is a UDP socket on 127.0.0.1 that never answers (timeouts).
``CountingProxy`` forwards to a real server and counts the queries (caching tests).
"""

from __future__ import annotations

import os
import pwd
import selectors
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import dns.exception
import dns.message
import dns.query
import dns.rcode

NSD_HINT = "Debian's nsd is needed for the DNS tests: apt-get install nsd (scripts/test.sh does it when run as root)"


def nsd_binary() -> str:
    found = shutil.which("nsd") or next((p for p in ("/usr/sbin/nsd", "/usr/local/sbin/nsd") if os.access(p, os.X_OK)), None)
    if not found:
        raise RuntimeError(NSD_HINT)
    return found


def free_port() -> int:
    """A port free for both UDP and TCP on 127.0.0.1."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.bind(("127.0.0.1", 0))
            port = u.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
                try:
                    t.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
    raise RuntimeError("no free port on 127.0.0.1")


def zone_text(origin: str, records: list[str], ttl: int = 300) -> str:
    """A zone file: SOA and NS for ``origin`` followed by ``records`` (relative to the origin)."""
    head = [
        f"$ORIGIN {origin}.",
        f"$TTL {ttl}",
        f"@ IN SOA ns.{origin}. hostmaster.{origin}. 1 3600 900 604800 60",
        f"@ IN NS ns.{origin}.",
        "ns IN A 127.0.0.1",
    ]
    return "\n".join(head + records) + "\n"


class NsdServer:
    def __init__(self, zones: dict[str, list[str]], port: int = 0) -> None:
        self.zones = zones
        self.host = "127.0.0.1"
        self.port = 0
        self.fixed_port = port  # 0: a free one
        self.dir = Path()
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self, wait: float = 20.0) -> NsdServer:
        exe = nsd_binary()
        user = _nsd_user() if os.geteuid() == 0 else ""
        # as root, NSD reads its files after dropping to `user`: /tmp is open to it, $TMPDIR may not be
        self.dir = Path(tempfile.mkdtemp(prefix="bounceback-nsd-", dir="/tmp" if user else None))
        lines = []
        for origin, records in self.zones.items():
            (self.dir / f"{origin}.zone").write_text(zone_text(origin, records))
            lines += ["zone:", f"    name: {origin}", f'    zonefile: "{self.dir}/{origin}.zone"']
        for attempt in range(5):
            self.port = self.fixed_port or free_port()
            conf = self.dir / "nsd.conf"
            conf.write_text("\n".join([
                "server:",
                f"    ip-address: {self.host}@{self.port}",
                f"    port: {self.port}",
                f'    username: "{user}"',
                '    chroot: ""',
                f'    zonesdir: "{self.dir}"',
                '    database: ""',
                f'    zonelistfile: "{self.dir}/zone.list"',
                f'    xfrdfile: "{self.dir}/xfrd.state"',
                f'    xfrdir: "{self.dir}"',
                f'    pidfile: "{self.dir}/nsd.pid"',
                f'    logfile: "{self.dir}/nsd.log"',
                "    server-count: 1",
                "    do-ip6: no",
                "    verbosity: 1",
                "    hide-version: yes",
                "    refuse-any: yes",
                "    rrl-ratelimit: 0",  # no response rate limiting: every query comes from 127.0.0.1
                "remote-control:",
                "    control-enable: no",
                *lines,
            ]) + "\n")
            if user:
                _give_to(self.dir, user)
            self._proc = subprocess.Popen([exe, "-d", "-c", str(conf)], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.PIPE)
            if self._wait_ready(wait):
                return self
            self.stop()
            if attempt == 4:
                break
        log = (self.dir / "nsd.log").read_text(errors="replace") if (self.dir / "nsd.log").exists() else ""
        raise RuntimeError(f"nsd did not start on {self.address}:\n{log[-2000:]}")

    def _wait_ready(self, wait: float) -> bool:
        first = next(iter(self.zones))
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                return False
            try:
                r = dns.query.udp(dns.message.make_query(first + ".", "SOA"), self.host, port=self.port, timeout=0.3)
                if r.rcode() == dns.rcode.NOERROR and r.answer:
                    return True
            except (OSError, EOFError, dns.exception.DNSException):  # not up yet
                time.sleep(0.05)
        return False

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        if self._proc is not None and self._proc.stderr is not None:
            self._proc.stderr.close()
        self._proc = None

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> NsdServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def _nsd_user() -> str:
    """The unprivileged user NSD drops to when started as root."""
    for name in ("nsd", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    return ""


def _give_to(folder: Path, user: str) -> None:
    pw = pwd.getpwnam(user)
    for p in [folder, *folder.iterdir()]:
        os.chown(p, pw.pw_uid, pw.pw_gid)


class BlackHole:
    """A bound UDP socket on 127.0.0.1 that reads nothing and answers nothing."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.address = f"127.0.0.1:{self.sock.getsockname()[1]}"

    def close(self) -> None:
        self.sock.close()


class CountingProxy:
    """A UDP forwarder on 127.0.0.1 in front of a real server that counts the queries it passes on.

    ``address`` is what the code under test is told to use as its resolver; ``names``
    lists the question of every query received, so a test can say exactly what was
    asked (or that nothing was). Answers come from the real server, unchanged.
    """

    def __init__(self, upstream: str) -> None:
        host, port = upstream.rsplit(":", 1)
        self.upstream = (host, int(port))
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.address = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self.names: list[str] = []
        self._lock = threading.Lock()
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.names)

    def asked(self) -> list[str]:
        with self._lock:
            return list(self.names)

    def _run(self) -> None:
        selector = selectors.DefaultSelector()
        selector.register(self.sock, selectors.EVENT_READ, None)
        while not self._stop:
            for key, _ in selector.select(timeout=0.1):
                if key.data is None:  # a query from a client: pass it on from a socket of its own
                    try:
                        wire, client = self.sock.recvfrom(65535)
                    except OSError:
                        return
                    try:
                        name = dns.message.from_wire(wire).question[0].name.to_text().lower()
                    except (dns.exception.DNSException, IndexError):
                        name = "?"
                    with self._lock:
                        self.names.append(name)
                    out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    out.sendto(wire, self.upstream)
                    selector.register(out, selectors.EVENT_READ, client)
                else:  # the real server's answer: back to the client that asked
                    out = key.fileobj
                    try:
                        answer = out.recv(65535)
                        self.sock.sendto(answer, key.data)
                    except OSError:
                        pass
                    selector.unregister(out)
                    out.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join(2)
        self.sock.close()
