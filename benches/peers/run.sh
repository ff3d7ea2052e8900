#!/usr/bin/env bash
# Installs the peer tools in a private venv (target/peers-venv) and times them on the
# same texts and gazetteers as the criterion benches. Arguments go to peers.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/peers-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q spacy flashtext pyahocorasick blingfire
fi
exec "$venv/bin/python" benches/peers/peers.py "$@"
