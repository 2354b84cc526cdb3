#!/usr/bin/env bash
# scripts/demo.sh — the main job in one command: installs what is missing, builds, starts a private
# Postfix (STARTTLS on 127.0.0.1:10025, test CA) and sends a real message through it with mailhive.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export MAILHIVE_TEST_DIR="${MAILHIVE_TEST_DIR:-/tmp/mailhive-test}"
bash scripts/setup.sh
bash scripts/mailstack.sh start
node examples/demo.js
