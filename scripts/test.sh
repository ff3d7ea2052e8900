#!/usr/bin/env bash
# Runs every test of the project: formatting and lints, Rust unit, integration and doc
# tests (the C header freshness check and the C example run inside them), the benches
# compiled, and the Python package's tests.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo test
cargo build --benches
bash scripts/test-python.sh
