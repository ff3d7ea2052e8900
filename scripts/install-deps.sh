#!/usr/bin/env bash
# Installs what the test command needs beyond the Rust toolchain, gcc and python3:
# rustfmt and clippy, valgrind for the C example's memory check, and the venv module for
# the Python tests (which then pip-install maturin, cffi and pytest from PyPI themselves).
set -euo pipefail

rustup component add rustfmt clippy >/dev/null 2>&1 || true
if ! command -v valgrind >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq valgrind >/dev/null
fi
if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
fi
