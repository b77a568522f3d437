#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `docmill -t text` on every AKN file in $DM_SHARED_DIR/samples-external/
# unxml/: check_text.py reads each source with Python's XML parser and
# checks that the text holds every word of it (footnote texts included),
# every <num> label at the start of a line, in order, and every
# authorialNote marker at its reference and before its note. One line per
# file, and the totals.
. "$(dirname "$0")/../cli/lib.sh"
PY=$1
CHECK="$DM_SOURCE_DIR/tests/text-write/check_text.py"
dir="$DM_SHARED_DIR/samples-external/unxml"
if [ ! -d "$dir" ]; then
  skip "no $dir"
  exit 77
fi
files=0 words=0 labels=0 markers=0
for src in "$dir"/*.xml; do
  b=$(basename "$src")
  NAME="$b"
  dm "$b" -t text "$src"
  expect_status 0 || continue
  if "$PY" "$CHECK" akn "$src" stdout >check.out; then
    files=$((files + 1))
    words=$((words + $(sed -n 's/.*: \([0-9]*\) words in the source.*/\1/p' check.out)))
    labels=$((labels + $(sed -n 's/.*: \([0-9]*\) labels checked/\1/p' check.out)))
    markers=$((markers + $(sed -n 's/.*: \([0-9]*\) markers checked/\1/p' check.out)))
  else
    fail "$b: $(grep -v checked check.out | head -5)"
  fi
done
echo "files $files, words $words, paragraph labels $labels, footnote markers $markers, all present"
[ "$files" -gt 0 ] || fail "no AKN file checked"
finish
