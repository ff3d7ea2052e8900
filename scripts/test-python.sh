#!/usr/bin/env bash
# Builds the Python package from this checkout into a virtual environment and runs its
# tests: what a user gets from `pip install ./bindings/python`.
#   bash scripts/test-python.sh [PYTEST ARGS...]
# The venv is target/venv (WHOSAID_VENV overrides); PYTHON picks the interpreter (python3).
# Fails when any test fails, and when no test ran (pytest's exit status 5).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${WHOSAID_VENV:-target/venv}
[ -x "$venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$venv"
py="$venv/bin/python"
"$py" -m pip install --quiet --disable-pip-version-check pytest "cffi>=1.15"
# An editable install leaves generated files in the source tree that break a normal build.
rm -rf bindings/python/python/whosaid/_native
"$py" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps ./bindings/python
"$py" -m pytest -q bindings/python/tests "$@"
