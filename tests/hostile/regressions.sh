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
    markdown-whitespace-only.md) echo "1|markdown: a file of only whitespace converts to an empty document" ;;
    markdown-nul-run-invalid-utf8-tree.md) echo "0|markdown: runs of NUL bytes give a text node with invalid UTF-8" ;;
    un-resolution-note-number-overflow.*) echo "0|un-resolution: a long digit run overflows a long (UBSan: signed integer overflow in unres_notes.c)" ;;
    docx-list-realloc-use-after-free.md) echo "0|docx: a list whose first item holds enough lists to grow the list table reads the freed table (ASan: heap-use-after-free in docx_body_list)" ;;
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
