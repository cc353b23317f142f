#!/usr/bin/env bash
# Refresh the dashboard's vendored front-end libraries from the npm registry.
#
# The built files are committed in src/bounceback/web/static/vendor/ so that
# `pip install -e .` + `bounceback serve` works with no network and no Node.js.
# Run this after changing a version in assets/package.json; commit the result
# (assets/package-lock.json and the vendor/ files). tests/web/test_assets.py
# fails when the committed files and the lock file disagree.
set -euo pipefail
cd "$(dirname "$0")/../assets"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
out=../src/bounceback/web/static/vendor
mkdir -p "$out"
cp node_modules/chart.js/dist/chart.umd.min.js "$out/chart.umd.min.js"
cp node_modules/chart.js/LICENSE.md "$out/chart.js.LICENSE.md"
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx.min.js"
cp node_modules/htmx.org/LICENSE "$out/htmx.org.LICENSE"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js "$out/swagger-ui-bundle.js"
cp node_modules/swagger-ui-dist/swagger-ui.css "$out/swagger-ui.css"
cp node_modules/swagger-ui-dist/LICENSE "$out/swagger-ui-dist.LICENSE"
node -e '
const lock = require("./package-lock.json").packages;
const v = {};
for (const n of ["chart.js", "htmx.org", "swagger-ui-dist"]) v[n] = lock["node_modules/" + n].version;
require("fs").writeFileSync(process.argv[1], JSON.stringify(v, null, 2) + "\n");
' "$out/versions.json"
echo "vendored: $(cat "$out/versions.json" | tr -d '\n ')"
