#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every file under tests/hostile/regressions/ is an input that once broke
# docmill (most found by the fuzzers), named after what it broke. Each is
# converted by the reader its extension names (and the resolution
# recogniser when the name says so) into every writer; the expected status
# is given below per file, and must never be a crash or a hang. A bug still
# open in a plugin is listed as known and reported on every run.
. "$(dirname "$0")/lib.sh"

reader_for() {
  case $1 in
    *.md) echo markdown ;;
    *.txt) echo text ;;
    *.xml | *.akn) echo akn ;;
    *) echo "" ;;
  esac
}

# The status each reproducer must give once its bug is fixed, and, for
# bugs still open, what the bug is.
expect_for() {
  case $1 in
    markdown-whitespace-only.md) echo "1|" ;;
    akn-invalid-utf8-two-line-message.xml) echo "1|" ;;
    *) echo "0|" ;;
  esac
}
# converts FILE READER WRITER: true when every run ends with the wanted
# status and no crash.
converts() {
  local f=$1 r=$2 w=$3 want=$4 tr=
  case ${f##*/} in un-resolution-*) tr="--transform un-resolution" ;; esac
  # shellcheck disable=SC2086 # $tr is two words or none
  run "${f##*/} to $w" -q -f "$r" -t "$w" $tr -o "out.$w" "$f" && [ "$STATUS" -eq "$want" ]
}

for f in "$REGRESSIONS"/*; do
  [ -f "$f" ] || continue
  base=${f##*/}
  r=$(reader_for "$base")
  [ -n "$r" ] || { fail "$base: no reader for its extension"; continue; }
  need read "$r" "$base" || continue
  IFS='|' read -r want bug <<<"$(expect_for "$base")"
  for w in $("$DOCMILL" --list-formats | awk '$2 == "write" { print $1 }'); do
    if [ -n "$bug" ]; then
      known_bug "$base" "$bug (to $w)" converts "$f" "$r" "$w" "$want"
    elif converts "$f" "$r" "$w" "$want"; then
      ok "$base to $w"
    else
      [ "$STATUS" -ge 124 ] || fail "$base to $w: status $STATUS, want $want: $(head -c 300 stderr)"
    fi
  done
done

hostile_finish
