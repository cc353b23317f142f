"""Headless Debian Chromium driven by Playwright (the machine's browser; Playwright downloads nothing).

Flags from the machine notes: no sandbox as root, and no background networking
(the closed network refuses Chromium's own connections otherwise).
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("BOUNCEBACK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def launch(playwright):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("BOUNCEBACK_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium when run as root")
        pytest.skip(f"{CHROMIUM} is missing (scripts/test.sh installs it when run as root)")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
