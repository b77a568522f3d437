#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every fuzz target of a `make fuzz` build for a bounded time each, with
# a corpus seeded from samples/ and the test fixtures and a dictionary per
# format, and fails on any crash, leak, timeout or sanitizer report. Prints
# libFuzzer's final statistics (executions, coverage) for each target.
#   usage: fuzz/run.sh BUILD_DIR SECONDS_PER_TARGET
set -eu
build=$1
secs=${2:-60}
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=$build/corpus
mkdir -p "$corpus"
seed_corpus() { # target, find expressions...
  d=$corpus/$1; shift
  mkdir -p "$d"
  find "$top/samples" "$top/tests" "$@" -type f -size -256k 2>/dev/null | while read -r f; do
    cp "$f" "$d/$(printf '%s' "$f" | cksum | cut -d' ' -f1)"
  done
}
status=0
for t in "$build"/fuzz/fuzz_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t" | sed 's/^fuzz_//')
  case $name in
    markdown|un_resolution_md) seed_corpus "$name" \( -name '*.md' -o -name '*.markdown' \); dict=markdown ;;
    text|un_resolution_text) seed_corpus "$name" -name '*.txt'; dict=resolution ;;
    akn) seed_corpus "$name" \( -name '*.xml' -o -name '*.akn' \); dict=akn
         [ -n "${DM_SHARED_DIR:-}" ] && cp "$DM_SHARED_DIR"/samples-external/*/*.xml "$corpus/$name/" 2>/dev/null || true ;;
    *) seed_corpus "$name" -name '*'; dict=resolution ;;
  esac
  [ "$name" = un_resolution_md ] && dict=resolution
  echo "== fuzz_$name: $secs s" >&2
  mkdir -p "$build/artifacts/$name"
  if ! ASAN_OPTIONS=detect_leaks=1 "$t" "$corpus/$name" -dict="$top/fuzz/dict/$dict.dict" \
       -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 \
       -artifact_prefix="$build/artifacts/$name/" >"$build/fuzz-$name.log" 2>&1; then
    echo "fuzz_$name FAILED; see $build/fuzz-$name.log and $build/artifacts/$name/" >&2
    tail -40 "$build/fuzz-$name.log" >&2
    status=1
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)|cov: ' "$build/fuzz-$name.log" | tail -3 >&2 || true
done
exit $status
