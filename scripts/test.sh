#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need
# (Python packages into .venv; Debian packages when run as root), runs ruff and
# pytest. Servers the tests use are started and stopped by the test fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/ruff check src tests bench
exec .venv/bin/pytest -q "$@"
