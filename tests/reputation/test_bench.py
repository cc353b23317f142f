"""The validate benchmark script still runs (small numbers; the figure itself is in README)."""

from __future__ import annotations

import json
import subprocess
import sys

from ..conftest import ROOT


def test_validate_benchmark_runs_and_checks_its_verdicts(tmp_path):
    out = tmp_path / "figures.json"
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "validate_dns.py"), "--addresses", "2000",
                        "--domains", "100", "--json", str(out)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    figures = json.loads(out.read_text())
    assert figures["wrong_verdicts"] == 0 and figures["addresses"] == 2000
    assert figures["results"]["ok"] + figures["results"]["undeliverable"] + figures["results"]["invalid"] == 2000
