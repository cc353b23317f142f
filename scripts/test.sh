#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need
# (Python packages into .venv; Debian packages when run as root), runs ruff and
# pytest. Servers the tests use are started and stopped by the test fixtures.
#
# As root, the real-server suite (tests/e2e: Postfix, Exim, Dovecot) runs too, inside a
# private network namespace (e2e/netns-run.sh) after e2e/install.sh has installed the
# servers. With arguments, only `pytest ARGS` runs (outside the namespace).
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian packages the tests run (as root only; a no-op when they are there):
# nsd — the authoritative DNS server the reputation tests serve their zones from;
# postgresql — the store tests start a throwaway server of their own (tests/pgserver.py);
# chromium (+ a font) — the browser Playwright drives in the dashboard tests (tests/web/test_browser.py).
need_deb=()
if ! command -v nsd >/dev/null 2>&1 && [ ! -x /usr/sbin/nsd ]; then need_deb+=(nsd); fi
if ! command -v initdb >/dev/null 2>&1 && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    need_deb+=(postgresql)
fi
if [ ! -x /usr/bin/chromium ]; then need_deb+=(chromium fonts-dejavu-core); fi
if [ "${#need_deb[@]}" -gt 0 ] && [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_deb[@]}" >/dev/null
fi
# as root (CI) PostgreSQL and Chromium are installed above, so the tests that need them must run, not skip
if [ "$(id -u)" = 0 ]; then export BOUNCEBACK_REQUIRE_PG=1 BOUNCEBACK_REQUIRE_BROWSER=1; fi
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/ruff check src tests bench
if [ $# -gt 0 ]; then exec .venv/bin/pytest -q "$@"; fi
if [ "$(id -u)" != 0 ]; then
  echo "not root: the real-server tests (tests/e2e) are skipped" >&2
  exec .venv/bin/pytest -q
fi
bash e2e/install.sh
rc=0
.venv/bin/pytest -q -m "not e2e" || rc=$?
e2e/netns-run.sh .venv/bin/pytest -q -p no:cacheprovider -m e2e tests/e2e || rc=$?
exit $rc
