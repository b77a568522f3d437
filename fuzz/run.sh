#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every fuzz target of a `make fuzz` build for a bounded time each, one
# target at a time unless FUZZ_JOBS says more (so a shared machine keeps its
# other cores), with a corpus
# seeded from samples/, the test fixtures and goldens, the regression files
# of the hostile-input suite and the external AKN samples, and a dictionary
# per target. Fails on any crash, leak, timeout or sanitizer report. Prints
# and keeps (in BUILD_DIR/fuzz-summary.txt) each target's executions and
# coverage from libFuzzer's final statistics. The corpus in BUILD_DIR/corpus
# grows from run to run, so repeated runs add up. FUZZ_BUDGET_MB (default
# 2048, the library's default budget for inputs this small) is both each
# conversion's memory budget and libFuzzer's -rss_limit_mb.
# FUZZ_KEEP_GOING=1 runs libFuzzer in fork mode (still one process at a
# time) so that it saves each crash and goes on looking for others; the
# target then fails if it left any crash, leak or timeout file.
#   usage: fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET] [TARGET...]
set -eu
build=$1
secs=${2:-60}
budget=${FUZZ_BUDGET_MB:-2048}
if [ $# -ge 2 ]; then shift 2; else shift $#; fi
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${DM_SHARED_DIR:-$top/../shared}
corpus=$build/corpus
summary=$build/fuzz-summary.txt
mkdir -p "$corpus"

# seed TARGET EXTENSION...: copies every file of the sources with one of the
# extensions (and under 256 KiB: bigger seeds only slow the fuzzer) into the
# target's corpus, named by checksum so that repeated seeding adds nothing.
seed() {
  d=$corpus/$1
  shift
  mkdir -p "$d"
  for ext in "$@"; do
    find "$top/samples" "$top/tests/fixtures" "$top/tests" "$top/fuzz/seeds" \
      "$shared/samples-external" -type f -name "*.$ext" -size -256k 2>/dev/null
  done | sort -u | while read -r f; do
    cp "$f" "$d/seed-$(cksum <"$f" | cut -d' ' -f1)"
  done
}

targets=$*
if [ -z "$targets" ]; then
  for t in "$build"/fuzz/fuzz_*; do [ -x "$t" ] && targets="$targets ${t##*/fuzz_}"; done
fi
[ -n "$targets" ] || { echo "no fuzz targets in $build/fuzz; run make fuzz" >&2; exit 1; }

# FUZZ_JOBS=N runs up to N targets at once, each in a run of this script
# of its own (each target has its own corpus, log and artifacts); any
# failure fails the whole.
if [ "${FUZZ_JOBS:-1}" -gt 1 ] && [ "$(echo $targets | wc -w)" -gt 1 ]; then
  # shellcheck disable=SC2086 # one target per word
  printf '%s\n' $targets | FUZZ_JOBS=1 xargs -P "$FUZZ_JOBS" -I{} sh "$0" "$build" "$secs" {} || exit 1
  exit 0
fi

status=0
for name in $targets; do
  t=$build/fuzz/fuzz_$name
  case $name in
    markdown) seed "$name" md markdown txt; dicts="markdown" ;;
    text) seed "$name" txt md; dicts="resolution" ;;
    akn) seed "$name" xml akn; dicts="akn" ;;
    docx) seed "$name" docx; dicts="docx" ;;
    un_resolution_md) seed "$name" md; dicts="markdown resolution" ;;
    un_resolution_text) seed "$name" txt; dicts="resolution" ;;
    pdf) seed "$name" pdf; dicts="pdf" ;;
    *) seed "$name" md txt xml; dicts="resolution" ;;
  esac
  # libFuzzer takes one -dict: join the ones this target needs.
  dict=$build/fuzz-$name.dict
  for d in $dicts; do cat "$top/fuzz/dict/$d.dict"; done >"$dict"
  art=$build/artifacts/$name
  mkdir -p "$art"
  before=$(ls "$art" | wc -l)
  fork=
  [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && fork="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
  echo "== fuzz_$name: $secs s, corpus $(ls "$corpus/$name" | wc -l) files" >&2
  # shellcheck disable=SC2086 # $fork is a list of options
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    DM_FUZZ_BUDGET_MB=$budget \
    "$t" "$corpus/$name" -dict="$dict" -max_total_time="$secs" -timeout=10 -rss_limit_mb="$budget" \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$art/" $fork \
    >"$build/fuzz-$name.log" 2>&1 || [ "$(ls "$art" | wc -l)" -ne "$before" ]; then
    echo "fuzz_$name FAILED; see $build/fuzz-$name.log and $art/" >&2
    grep -E 'ERROR|runtime error|SUMMARY|^reader|^transform|: text output|well-formed|read back' \
      "$build/fuzz-$name.log" | sort | uniq -c | head -20 >&2
    status=1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/fuzz-$name.log" | tail -1)
  # Fork mode prints no final statistics; its progress lines start "#EXECS:".
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\): .*/\1/p' "$build/fuzz-$name.log" | tail -1)
  cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$build/fuzz-$name.log" | tail -1)
  line="$(date -u +%Y-%m-%dT%H:%M:%SZ) fuzz_$name ${secs}s execs=${execs:-?} ${cov:-cov: ?}"
  echo "$line" >&2
  echo "$line" >>"$summary"
done
exit $status
