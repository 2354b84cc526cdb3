#!/usr/bin/env bash
# test/browser/setup.sh — make sure the browser tests can run: Debian's Chromium (apt) and
# playwright-core (npm, already a devDependency). Never downloads a browser through Playwright.
# Idempotent; needs root for apt-get. Exit status 0 when /usr/bin/chromium works.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  # apt-get update only when the package lists do not know chromium yet (fresh machine).
  if ! apt-cache show chromium >/dev/null 2>&1; then
    apt-get update -qq
  fi
  if ! apt-get install -y -qq chromium >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  fi
fi
chromium --version >/dev/null 2>&1 || { echo "setup.sh: /usr/bin/chromium does not run" >&2; exit 1; }

# playwright-core comes from package.json (devDependencies); install it if node_modules lacks it.
if [ ! -f "$ROOT/node_modules/playwright-core/package.json" ]; then
  (cd "$ROOT" && npm install --no-audit --no-fund --ignore-scripts >/dev/null)
fi
echo "browser test setup: $(chromium --version 2>/dev/null | head -1), playwright-core $(node -p "require('$ROOT/node_modules/playwright-core/package.json').version")"
