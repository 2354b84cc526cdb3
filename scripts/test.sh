#!/usr/bin/env bash
# scripts/test.sh — every mailhive test: engine (GoogleTest, also under ASan+UBSan), Node (Mocha),
# browser end-to-end (Chromium), libFuzzer targets (ASan+UBSan), PHP (PHPT). Starts the private Postfix/Dovecot it needs and ends with one line:
#   N passed, N failed
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export MAILHIVE_TEST_DIR="${MAILHIVE_TEST_DIR:-/tmp/mailhive-test}"

bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/certs.sh "$MAILHIVE_TEST_DIR/certs" >/dev/null
bash scripts/mailstack.sh start || { echo "0 passed, 1 failed"; exit 1; }

passed=0; failed=0
add() { passed=$((passed + $1)); failed=$((failed + $2)); echo "== $3: $1 passed, $2 failed"; }

# gtest prints "[  PASSED  ] N tests." and "[  FAILED  ] N tests, listed below:".
gtest_counts() {
  local log=$1 p f
  p=$(grep -oE '^\[  PASSED  \] [0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  f=$(grep -oE '^\[  FAILED  \] [0-9]+ tests?,' "$log" | grep -oE '[0-9]+' | tail -1)
  echo "${p:-0} ${f:-0}"
}
run_engine() {
  local label=$1; shift
  local log="/tmp/mailhive-$label.log"
  if make -s -C test/engine "$@" >"$log.build" 2>&1; then
    local bin
    bin=$(make -s -C test/engine "$@" print-binary 2>/dev/null)
    (cd "$ROOT" && "$bin") >"$log" 2>&1
    local rc=$?
    read -r p f < <(gtest_counts "$log")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; tail -30 "$log"; fi
    [ "$f" -gt 0 ] && grep -E '^\[  FAILED  \]' "$log" | head -30
    add "$p" "$f" "$label"
  else
    tail -30 "$log.build"
    add 0 1 "$label (build failed)"
  fi
}
run_engine "engine"
run_engine "engine-asan-ubsan" SANITIZE=1

# Mocha: its reporter prints "mocha: N passed, N failed".
mlog=/tmp/mailhive-mocha.log
npx mocha 'test/node/**/*.test.js' --timeout 30000 --reporter "$ROOT/test/node/summary-reporter.js" >"$mlog" 2>&1
mrc=$?
mp=$(grep -oE '^mocha: [0-9]+ passed' "$mlog" | grep -oE '[0-9]+' | tail -1)
mf=$(grep -oE '^mocha: [0-9]+ passed, [0-9]+ failed' "$mlog" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' | tail -1)
mp=${mp:-0}; mf=${mf:-0}
if [ "$mrc" -ne 0 ] && [ "$mf" -eq 0 ]; then mf=1; fi
[ "$mf" -gt 0 ] && tail -60 "$mlog"
add "$mp" "$mf" "mocha"

# Packaging: types (tsc --strict), ESM, npm pack + offline install (built in a temp dir), worker_threads, CLI.
klog=/tmp/mailhive-package.log
npx mocha test/package --timeout 300000 --reporter "$ROOT/test/node/summary-reporter.js" >"$klog" 2>&1
krc=$?
kp=$(grep -oE '^mocha: [0-9]+ passed' "$klog" | grep -oE '[0-9]+' | tail -1)
kf=$(grep -oE '^mocha: [0-9]+ passed, [0-9]+ failed' "$klog" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' | tail -1)
kp=${kp:-0}; kf=${kf:-0}
if [ "$krc" -ne 0 ] && [ "$kf" -eq 0 ]; then kf=1; fi
[ "$kf" -gt 0 ] && tail -60 "$klog"
add "$kp" "$kf" "package"

# Browser end-to-end tests of examples/contact-{php,node} (Debian chromium + playwright-core).
blog=/tmp/mailhive-browser.log
if bash test/browser/setup.sh >"$blog.setup" 2>&1; then
  npx mocha test/browser --timeout 60000 --reporter "$ROOT/test/node/summary-reporter.js" >"$blog" 2>&1
  brc=$?
  bp=$(grep -oE '^mocha: [0-9]+ passed' "$blog" | grep -oE '[0-9]+' | tail -1)
  bf=$(grep -oE '^mocha: [0-9]+ passed, [0-9]+ failed' "$blog" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' | tail -1)
  bp=${bp:-0}; bf=${bf:-0}
  if [ "$brc" -ne 0 ] && [ "$bf" -eq 0 ]; then bf=1; fi
  [ "$bf" -gt 0 ] && tail -60 "$blog"
  add "$bp" "$bf" "browser"
else
  tail -20 "$blog.setup"
  add 0 1 "browser (setup failed)"
fi

# libFuzzer targets under ASan+UBSan, ${MAILHIVE_FUZZ_SECONDS:-30} s each: "fuzz: N passed, N failed".
flog=/tmp/mailhive-fuzz.log
bash scripts/fuzz.sh "${MAILHIVE_FUZZ_SECONDS:-30}" >"$flog" 2>&1
frc=$?
fp=$(grep -oE '^fuzz: [0-9]+ passed' "$flog" | grep -oE '[0-9]+' | tail -1)
ff=$(grep -oE '^fuzz: [0-9]+ passed, [0-9]+ failed' "$flog" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' | tail -1)
fp=${fp:-0}; ff=${ff:-0}
if [ "$frc" -ne 0 ] && [ "$ff" -eq 0 ]; then ff=1; fi
[ "$ff" -gt 0 ] && tail -40 "$flog"
add "$fp" "$ff" "fuzz"

# PHPT: run-tests.php prints "Tests passed : N" / "Tests failed : N".
plog=/tmp/mailhive-phpt.log
if [ -f build-php/modules/mailhive.so ]; then
  NO_INTERACTION=1 php /usr/lib/php/20220829/build/run-tests.php -q -d "extension=$ROOT/build-php/modules/mailhive.so" \
    test/php/ >"$plog" 2>&1
  pp=$(grep -E '^Tests passed' "$plog" | grep -oE ':\s*[0-9]+' | grep -oE '[0-9]+' | head -1)
  pf=$(grep -E '^Tests failed' "$plog" | grep -oE ':\s*[0-9]+' | grep -oE '[0-9]+' | head -1)
  pp=${pp:-0}; pf=${pf:-0}
  [ "$pp" -eq 0 ] && [ "$pf" -eq 0 ] && pf=1
  [ "$pf" -gt 0 ] && grep -E '^FAIL|^BORK|^SKIP' "$plog" | head -30
  add "$pp" "$pf" "phpt"
else
  add 0 1 "phpt (extension not built)"
fi

# PHP under php-fpm: "php-fpm: N passed, N failed".
qlog=/tmp/mailhive-php-fpm.log
bash scripts/php-fpm-test.sh >"$qlog" 2>&1
qrc=$?
qp=$(grep -oE '^php-fpm: [0-9]+ passed' "$qlog" | grep -oE '[0-9]+' | tail -1)
qf=$(grep -oE '^php-fpm: [0-9]+ passed, [0-9]+ failed' "$qlog" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' | tail -1)
qp=${qp:-0}; qf=${qf:-0}
if [ "$qrc" -ne 0 ] && [ "$qf" -eq 0 ]; then qf=1; fi
[ "$qf" -gt 0 ] && tail -30 "$qlog"
add "$qp" "$qf" "php-fpm"

# The mailer PHPT files again under valgrind (USE_ZEND_ALLOC=0): "valgrind: N passed, N failed".
vlog=/tmp/mailhive-phpt-valgrind.log
bash scripts/phpt-valgrind.sh >"$vlog" 2>&1
vrc=$?
vp=$(grep -oE '^valgrind: [0-9]+ passed' "$vlog" | grep -oE '[0-9]+' | tail -1)
vf=$(grep -oE '^valgrind: [0-9]+ passed, [0-9]+ failed' "$vlog" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' | tail -1)
vp=${vp:-0}; vf=${vf:-0}
if [ "$vrc" -ne 0 ] && [ "$vf" -eq 0 ]; then vf=1; fi
[ "$vf" -gt 0 ] && tail -30 "$vlog"
add "$vp" "$vf" "phpt-valgrind"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
