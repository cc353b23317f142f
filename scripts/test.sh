#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need
# (Python packages into .venv; Debian packages when run as root), runs ruff and
# pytest. Servers the tests use are started and stopped by the test fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."

# PostgreSQL server programs: the store tests start a throwaway server of their own
# (tests/pgserver.py). As root (CI) a missing server is installed and then required.
if ! command -v initdb >/dev/null 2>&1 && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >/dev/null
    else
        echo "scripts/test.sh: PostgreSQL is not installed; the PostgreSQL half of the store tests is skipped" >&2
    fi
fi
if [ "$(id -u)" = 0 ]; then export BOUNCEBACK_REQUIRE_PG=1; fi

if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/ruff check src tests bench
exec .venv/bin/pytest -q "$@"
