"""The dashboard serves its own front-end libraries: vendored from npm, matching the lock file, no CDN."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "src" / "bounceback" / "web"
VENDOR = WEB / "static" / "vendor"


def test_vendored_versions_match_the_lock_file():
    lock = json.loads((ROOT / "assets" / "package-lock.json").read_text())["packages"]
    vendored = json.loads((VENDOR / "versions.json").read_text())
    declared = json.loads((ROOT / "assets" / "package.json").read_text())["dependencies"]
    assert set(vendored) == set(declared)
    for name, version in vendored.items():
        assert lock[f"node_modules/{name}"]["version"] == version == declared[name]
    assert f"Chart.js v{vendored['chart.js']}" in (VENDOR / "chart.umd.min.js").read_text()[:200]
    assert f'version:"{vendored["htmx.org"]}"' in (VENDOR / "htmx.min.js").read_text()


def test_pages_load_nothing_from_elsewhere():
    pattern = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""")
    for path in [*(WEB / "templates").rglob("*.html"), WEB / "static" / "app.js", WEB / "static" / "upload.js"]:
        assert not pattern.search(path.read_text()), f"{path} loads something from another host"


def test_the_app_serves_the_assets(client):
    for name in ("chart.umd.min.js", "htmx.min.js", "swagger-ui-bundle.js", "swagger-ui.css"):
        r = client.get(f"/static/vendor/{name}")
        assert r.status_code == 200 and len(r.content) > 10_000


def test_api_docs_use_the_vendored_swagger_ui(client):
    html = client.get("/api/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
