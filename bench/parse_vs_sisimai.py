#!/usr/bin/env python3
"""Throughput of ``bounceback parse`` against Debian's Sisimai on the whole shared corpus.

Both decoders get every message file of ../shared/corpus in one command, in
alternating rounds (so machine load hits both alike); the best round of each
counts. Prints messages/second (wall clock) and the ratio bounceback / Sisimai,
for bounceback in one process (``--jobs 1``, like Sisimai) and with one worker
per CPU (its default for inputs this size). CPU seconds (user + system) are
printed too: on a busy machine they are the steadier single-process measure. The
ratio of the median rounds shows how much the best-of figure owes to luck.

    python3 bench/parse_vs_sisimai.py [--rounds 5] [--json out.json]

Needs Debian's libsisimai-perl (apt-get install libsisimai-perl) for the reference.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# as installed for users: Python keeps its bytecode cache (some shells set PYTHONDONTWRITEBYTECODE,
# which makes every run recompile every module)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
SKIP = {"README.md", "LICENSE", "ORIGIN.md", "expected.jsonl"}


def corpus_files(corpus: Path) -> list[str]:
    return sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*") if p.is_file() and p.name not in SKIP)


def run(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):  # 1 = some input unreadable; still a complete run
        sys.exit(f"{cmd[0]} failed with exit {p.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--corpus", default=str(SHARED / "corpus"))
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    files = corpus_files(corpus)
    exe = shutil.which("bounceback", path=str(Path(sys.executable).parent)) or "bounceback"
    commands = {
        "bounceback -j1": [exe, "parse", "--format", "jsonl", "--jobs", "1", *files],
        "bounceback": [exe, "parse", "--format", "jsonl", *files],
        "sisimai": ["perl", str(SHARED / "tools" / "anchors" / "sisimai_perl.pl"), *files],
    }
    if subprocess.run(["perl", "-MSisimai", "-e", "1"], capture_output=True).returncode != 0:
        sys.exit("Debian's Sisimai is missing: apt-get install libsisimai-perl")
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, cmd in commands.items():
            w, c = run(cmd, corpus)
            walls[name].append(w)
            cpus[name].append(c)
    wall = {name: min(v) for name, v in walls.items()}
    cpu = {name: min(v) for name, v in cpus.items()}
    median = {name: statistics.median(v) for name, v in walls.items()}
    n = len(files)
    print(f"messages: {n} (whole shared corpus, one command each, best of {args.rounds} alternating rounds, "
          f"{os.cpu_count()} CPUs)")
    for name in commands:
        print(f"{name:15s} wall {wall[name]:6.3f} s {n / wall[name]:7.0f} msg/s   cpu {cpu[name]:6.3f} s "
              f"{n / cpu[name]:7.0f} msg/cpu-s")
    ratios = {
        "single process, wall": wall["sisimai"] / wall["bounceback -j1"],
        "single process, cpu": cpu["sisimai"] / cpu["bounceback -j1"],
        "default (parallel), wall": wall["sisimai"] / wall["bounceback"],
        "default (parallel), median wall": median["sisimai"] / median["bounceback"],
    }
    for k, v in ratios.items():
        print(f"ratio bounceback / Debian Sisimai, {k}: {v:.2f}x")
    if args.json:
        Path(args.json).write_text(json.dumps({"files": n, "wall": wall, "cpu": cpu, "median_wall": median,
                                               "ratios": ratios}))


if __name__ == "__main__":
    main()
