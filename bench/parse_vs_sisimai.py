#!/usr/bin/env python3
"""Throughput of ``bounceback parse`` against Debian's Sisimai on the whole shared corpus.

Both decoders get every message file of ../shared/corpus in one command, in
alternating rounds (so machine load hits both alike); the best round of each
counts. Prints messages/second and the ratio bounceback / Sisimai.

    python3 bench/parse_vs_sisimai.py [--rounds 5] [--json out.json]

Needs Debian's libsisimai-perl (apt-get install libsisimai-perl) for the reference.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SKIP = {"README.md", "LICENSE", "ORIGIN.md", "expected.jsonl"}


def corpus_files(corpus: Path) -> list[str]:
    return sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*") if p.is_file() and p.name not in SKIP)


def run(cmd: list[str], cwd: Path) -> float:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - t0
    if p.returncode not in (0, 1):  # 1 = some input unreadable; still a complete run
        sys.exit(f"{cmd[0]} failed with exit {p.returncode}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--corpus", default=str(SHARED / "corpus"))
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    files = corpus_files(corpus)
    exe = shutil.which("bounceback", path=str(Path(sys.executable).parent)) or "bounceback"
    ours = [exe, "parse", "--format", "jsonl", *files]
    ref = ["perl", str(SHARED / "tools" / "anchors" / "sisimai_perl.pl"), *files]
    if subprocess.run(["perl", "-MSisimai", "-e", "1"], capture_output=True).returncode != 0:
        sys.exit("Debian's Sisimai is missing: apt-get install libsisimai-perl")
    best = {"bounceback": float("inf"), "sisimai": float("inf")}
    for _ in range(args.rounds):
        best["bounceback"] = min(best["bounceback"], run(ours, corpus))
        best["sisimai"] = min(best["sisimai"], run(ref, corpus))
    rate = {k: len(files) / v for k, v in best.items()}
    ratio = rate["bounceback"] / rate["sisimai"]
    print(f"messages: {len(files)} (whole shared corpus, one process each, best of {args.rounds} alternating rounds)")
    for k in ("bounceback", "sisimai"):
        print(f"{k:11s} {best[k]:6.3f} s  {rate[k]:8.0f} messages/s")
    print(f"ratio bounceback / Debian Sisimai: {ratio:.2f}x")
    if args.json:
        Path(args.json).write_text(json.dumps({"files": len(files), "seconds": best, "rate": rate, "ratio": ratio}))


if __name__ == "__main__":
    main()
