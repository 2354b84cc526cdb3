#!/usr/bin/env bash
# scripts/setup.sh — everything mailhive's demo and tests need, on a fresh Debian 12 machine:
# Debian packages (only those missing), npm packages (npm ci), the Node addon, the PHP extension
# and the engine test binary. Idempotent; nothing is downloaded but Debian and npm packages.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PKGS="g++ make pkg-config libgnutls28-dev gnutls-bin libgtest-dev php8.2-cli php8.2-dev postfix
      dovecot-core dovecot-imapd dovecot-pop3d valgrind"
missing=()
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # Postfix asks no questions in this mode and is left unconfigured: the tests run their own instance.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm packages (node-addon-api, node-gyp, mocha, mailparser); --ignore-scripts: the addon is built below.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund
fi

# The Node addon, against the local headers (never downloads them).
if [ ! -f build/Release/mailhive.node ] || [ -n "$(find src node binding.gyp -newer build/Release/mailhive.node -print -quit)" ]; then
  npx node-gyp rebuild --nodedir=/usr -j 2 >/tmp/mailhive-node-gyp.log 2>&1 || { tail -40 /tmp/mailhive-node-gyp.log; exit 1; }
fi
# The PHP extension, built out of tree in build-php/.
if [ -f scripts/build-php.sh ]; then
  if [ ! -f build-php/modules/mailhive.so ] || [ -n "$(find src php config.m4 -newer build-php/modules/mailhive.so -print -quit)" ]; then
    bash scripts/build-php.sh >/tmp/mailhive-php-build.log 2>&1 || { tail -40 /tmp/mailhive-php-build.log; exit 1; }
  fi
fi
echo "setup: ready"
