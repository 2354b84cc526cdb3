#!/usr/bin/env bash
# scripts/fuzz.sh [seconds-per-target] [target...] — builds the libFuzzer targets of test/fuzz/ under
# ASan + UBSan and runs each one for the given time (default 30 s), one after another (2 cores are
# enough). Every target first replays its test/fuzz/regressions/<target>/ reproducers, then fuzzes a
# scratch copy of test/fuzz/corpus/<target>/ (the repository is never written). Ends with one line:
#   fuzz: N passed, N failed
# and exits non-zero when any target found something. Build and scratch files go to
# ${MAILHIVE_FUZZ_DIR:-/tmp/mailhive-fuzz}; test/fuzz/README.md says how to fuzz longer.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SECS="${1:-30}"
shift $(($# > 0 ? 1 : 0))
case "$SECS" in '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [seconds-per-target] [target...]" >&2; exit 2 ;; esac
OUT="${MAILHIVE_FUZZ_DIR:-/tmp/mailhive-fuzz}"
CXX="${FUZZ_CXX:-$(command -v clang++ || command -v clang++-14)}"
ALL_TARGETS=(smtp_reply pop3_reply imap_response mime_parser address data_encoder)
TARGETS=("$@")
[ "$#" -eq 0 ] && TARGETS=("${ALL_TARGETS[@]}")
# The I/O-free engine sources the targets reach. They go into one archive, so each target links only
# the objects it uses; net/, proto/ and the clients are not needed.
ENGINE=(core/error core/codec smtp/reply smtp/data pop3/reply imap/parser imap/utf7
        mime/address mime/message mime/writer mime/charset mime/parser)

if [ -z "$CXX" ]; then echo "fuzz: clang++ not found"; echo "fuzz: 0 passed, ${#TARGETS[@]} failed"; exit 1; fi
FLAGS=(-std=c++20 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
       -I"$ROOT/src" $(pkg-config --cflags gnutls))
LIBS=($(pkg-config --libs gnutls))
mkdir -p "$OUT/obj" "$OUT/bin" "$OUT/log"

# An object is rebuilt when its source or any engine/fuzz header is newer than it.
stale() {
  local obj=$1 src=$2
  [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find src test/fuzz -name '*.h' -newer "$obj" -print -quit)" ]
}

build() {
  local pids=() failed=0 objs=()
  for unit in "${ENGINE[@]}"; do
    local obj="$OUT/obj/${unit//\//_}.o"
    objs+=("$obj")
    if stale "$obj" "src/$unit.cc"; then
      "$CXX" "${FLAGS[@]}" -fsanitize=fuzzer-no-link -c "src/$unit.cc" -o "$obj" 2>"$obj.log" &
      pids+=($!)
      # Two compilers at a time: the CI machine has 2 cores.
      if [ "${#pids[@]}" -ge 2 ]; then wait "${pids[0]}" || failed=1; pids=("${pids[@]:1}"); fi
    fi
  done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  if [ "$failed" -ne 0 ]; then cat "$OUT"/obj/*.log; return 1; fi
  local lib="$OUT/obj/libmailhive-fuzz.a"
  if [ ! -f "$lib" ] || [ -n "$(find "${objs[@]}" -newer "$lib" -print -quit)" ]; then
    rm -f "$lib" && ar rcs "$lib" "${objs[@]}" || return 1
  fi
  pids=()
  for t in "${TARGETS[@]}"; do
    local bin="$OUT/bin/fuzz_$t" src="test/fuzz/fuzz_$t.cc"
    if [ ! -f "$src" ]; then echo "fuzz: no such target: $t"; return 1; fi
    if stale "$bin" "$src" || [ "$lib" -nt "$bin" ]; then
      "$CXX" "${FLAGS[@]}" -fsanitize=fuzzer "$src" "$lib" "${LIBS[@]}" -o "$bin" 2>"$OUT/log/build_$t.log" &
      pids+=($!)
      if [ "${#pids[@]}" -ge 2 ]; then wait "${pids[0]}" || failed=1; pids=("${pids[@]:1}"); fi
    fi
  done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  if [ "$failed" -ne 0 ]; then cat "$OUT"/log/build_*.log; return 1; fi
}

start=$(date +%s)
if ! build; then
  echo "fuzz: build failed"
  echo "fuzz: 0 passed, ${#TARGETS[@]} failed"
  exit 1
fi
echo "fuzz: built ${#TARGETS[@]} targets in $(($(date +%s) - start)) s ($OUT/bin), ${SECS} s each"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
passed=0; failed=0
for t in "${TARGETS[@]}"; do
  bin="$OUT/bin/fuzz_$t"
  log="$OUT/log/$t.log"
  verdict=""
  # 1. Known reproducers: each must run clean (a fixed bug stays fixed).
  reg="test/fuzz/regressions/$t"
  if [ -d "$reg" ] && [ -n "$(ls -A "$reg" 2>/dev/null)" ]; then
    if ! "$bin" -runs=1 "$reg"/* >"$OUT/log/$t.regressions.log" 2>&1; then
      verdict="FAILED regression replay ($(ls "$reg" | wc -l) files), see $OUT/log/$t.regressions.log"
    fi
  fi
  # 2. Fuzzing on a scratch copy of the seed corpus.
  corpus="$OUT/corpus/$t"
  artifacts="$OUT/artifacts/$t"
  rm -rf "$corpus" && mkdir -p "$corpus" "$artifacts"
  [ -d "test/fuzz/corpus/$t" ] && cp -R "test/fuzz/corpus/$t/." "$corpus/"
  dict=()
  [ -f "test/fuzz/$t.dict" ] && dict=(-dict="test/fuzz/$t.dict")
  "$bin" "${dict[@]}" -max_total_time="$SECS" -rss_limit_mb=2048 -max_len=65536 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1
  rc=$?
  execs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  rate=$(grep -oE '^stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  files=$(ls "$corpus" | wc -l)
  if [ "$rc" -ne 0 ]; then
    artifact=$(ls -t "$artifacts" 2>/dev/null | head -1)
    what=$(grep -m1 -oE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-zA-Z -]+|runtime error: .*|deadly signal|uncaught exception.*' "$log")
    verdict="${verdict:+$verdict; }FAILED: ${what:-exit $rc}; reproducer $artifacts/$artifact; log $log"
  fi
  if [ -z "$verdict" ]; then
    passed=$((passed + 1))
    echo "fuzz_$t: ok, ${execs:-?} execs (${rate:-?}/s), cov ${cov:-?}, corpus $files files"
  else
    failed=$((failed + 1))
    echo "fuzz_$t: $verdict"
    grep -m1 -A12 -E '^==[0-9]+==ERROR|runtime error|deadly signal' "$log" | sed 's/^/    /'
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
