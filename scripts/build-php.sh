#!/usr/bin/env bash
# scripts/build-php.sh [--clean] [--gen-stubs]
# Builds the PHP extension out of tree (phpize and node-gyp both use ./build): copies config.m4, php/
# and src/ into build-php/ and runs phpize && ./configure --enable-mailhive && make -j2 there.
# Result: build-php/modules/mailhive.so. Offline; phpize/configure run again only when config.m4,
# src/sources.txt or the list of php/*.cc files changed. Concurrent runs (several test scripts) are
# serialised with flock on build-php/.lock: two configures in one directory clobber each other.
#   --clean      start from an empty build-php/
#   --gen-stubs  regenerate php/*_arginfo.h from php/*.stub.php first (needs Debian's php-parser;
#                the generated headers are committed, so a normal build never needs this)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B="$ROOT/build-php"
PHP_BUILD_DIR="$(php-config --extension-dir)/build"   # Debian: /usr/lib/php/20220829/build

clean=0
stubs=0
for a in "$@"; do
  case "$a" in
    --clean) clean=1 ;;
    --gen-stubs) stubs=1 ;;
    *) echo "usage: $0 [--clean] [--gen-stubs]" >&2; exit 2 ;;
  esac
done

mkdir -p "$B"
exec 9>"$B/.lock"
flock 9

if [ "$stubs" = 1 ]; then
  # gen_stub.php would download PHP-Parser; point it at Debian's copy instead (ENVIRONMENT.md §6).
  G=$(mktemp -d)
  trap 'rm -rf "$G"' EXIT
  cp "$PHP_BUILD_DIR/gen_stub.php" "$G/"
  mkdir -p "$G/PHP-Parser-4.15.1/lib"
  [ -d /usr/share/php/PhpParser ] || { echo "build-php.sh: apt-get install php-parser" >&2; exit 1; }
  ln -s /usr/share/php/PhpParser "$G/PHP-Parser-4.15.1/lib/PhpParser"
  for f in "$ROOT"/php/*.stub.php; do php "$G/gen_stub.php" "$f"; done
fi

[ "$clean" = 1 ] && find "$B" -mindepth 1 -maxdepth 1 ! -name .lock -exec rm -rf {} +

# Fresh copies of the sources (cp -p keeps mtimes, so make rebuilds only what changed).
rm -rf "$B/php" "$B/src"
cp -p "$ROOT/config.m4" "$B/config.m4"
cp -rp "$ROOT/php" "$B/php"
cp -rp "$ROOT/src" "$B/src"

stamp=$( (cat "$B/config.m4" "$B/src/sources.txt"; cd "$B" && ls php/*.cc) | sha256sum | cut -d' ' -f1)
cd "$B"
if [ ! -f Makefile ] || [ "$(cat .mailhive-configured 2>/dev/null)" != "$stamp" ]; then
  phpize >/dev/null
  ./configure --enable-mailhive >configure.out 2>&1 || { tail -n 30 configure.out >&2; exit 1; }
  echo "$stamp" > .mailhive-configured
fi
# A new file (new inode) rather than an overwrite: processes that have the old module loaded keep it.
rm -f modules/mailhive.so modules/mailhive.la
make -j2
ls -l "$B/modules/mailhive.so"
