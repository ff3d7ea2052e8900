#!/usr/bin/env bash
# Installs what the test command needs beyond the Rust toolchain, gcc and python3:
# rustfmt and clippy, and valgrind for the C example's memory check. The Python tests
# install their own tools (maturin, cffi, pytest) into a venv (scripts/test-python.sh).
set -euo pipefail

rustup component add rustfmt clippy >/dev/null 2>&1 || true
if ! command -v valgrind >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq valgrind >/dev/null
fi
