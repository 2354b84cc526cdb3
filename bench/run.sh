#!/usr/bin/env bash
# bench/run.sh [--smoke] [--only=id,...] — mailhive's side-by-side benchmarks, one command.
# Installs bench/'s own npm dev dependencies (npm ci) when missing, builds the Node addon and the PHP
# extension (scripts/setup.sh), builds bench/limit/replay (gcc + GnuTLS), starts the private Postfix
# (scripts/mailstack.sh) when it is not running, then bench/index.js starts its own smtp-server sinks
# on free ports, runs every case and writes bench/RESULTS.md (bench/out/smoke.md for --smoke).
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"

if [ ! -d "$BENCH/node_modules" ] || [ "$BENCH/package-lock.json" -nt "$BENCH/node_modules/.package-lock.json" ]; then
  (cd "$BENCH" && npm ci --no-audit --no-fund --silent)
fi
if ! bash "$ROOT/scripts/setup.sh" >&2; then
  # A shared work tree can be mid-edit or mid-build by someone else: go on with the last good builds,
  # loudly, rather than measure nothing; a clean clone without them still fails here.
  if [ -f "$ROOT/build/Release/mailhive.node" ] && [ -f "$ROOT/build-php/modules/mailhive.so" ]; then
    echo "bench: WARNING: scripts/setup.sh failed; benchmarking the existing builds" >&2
    export BENCH_SETUP_WARNING="scripts/setup.sh failed at run time; the existing builds of the addon and the PHP extension were measured"
  else
    exit 1
  fi
fi
command -v php >/dev/null || { echo "bench: php not found (scripts/setup.sh installs php8.2-cli)" >&2; exit 1; }

if [ ! -x "$BENCH/limit/replay" ] || [ "$BENCH/limit/replay.c" -nt "$BENCH/limit/replay" ]; then
  gcc -O2 -Wall -o "$BENCH/limit/replay" "$BENCH/limit/replay.c" $(pkg-config --cflags --libs gnutls)
fi

# Postfix (and the test CA the sinks and clients use) come from the project's private mail stack.
started_stack=0
if ! (exec 3<>/dev/tcp/127.0.0.1/10025) 2>/dev/null || [ ! -f "${MAILHIVE_TEST_DIR:-/tmp/mailhive-test}/certs/ca.pem" ]; then
  bash "$ROOT/scripts/mailstack.sh" start >&2
  started_stack=1
fi
stop_stack() { if [ "$started_stack" = 1 ]; then bash "$ROOT/scripts/mailstack.sh" stop >&2 || true; fi; }
trap stop_stack EXIT

cd "$BENCH"
node index.js "$@"
