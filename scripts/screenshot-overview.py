#!/usr/bin/env python3
"""docs/overview.png: the dashboard's overview of the demo database, as headless Chromium renders it.

    .venv/bin/python scripts/screenshot-overview.py [--out docs/overview.png]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bounceback.store import Store  # noqa: E402
from bounceback.web import ServerSettings, create_app  # noqa: E402
from bounceback.web.demo import build  # noqa: E402
from tests.web.browser import CHROMIUM, FLAGS  # noqa: E402
from tests.web.server import running  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "overview.png"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(str(Path(tmp) / "demo.db"))
        build(store)
        from bounceback.store.tokens import create_token

        _, token = create_token(store, "screenshot")  # a logged-in view, without the open-server banner
        with running(create_app(ServerSettings(store=store))) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
            page.goto(url + "/login")
            page.fill("#token", token)
            page.click("button[type=submit]")
            page.wait_for_selector("body[data-charts-ready=true]")
            page.screenshot(path=args.out, full_page=True)
            browser.close()
        store.close()
    print(args.out)


if __name__ == "__main__":
    main()
