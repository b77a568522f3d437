#!/bin/sh
# SPDX-License-Identifier: MIT
# The OASIS examples (originals in the WD17 draft namespace and the
# *.os-ns.xml copies) and the AKN4UN-style files convert with exit 0; every
# authorialNote of the source is a note in the tree and a footnote in the
# Markdown, and every num is kept (as a label or, where nothing is
# numbered, as a span). Counts in the source come from xmllint, never from
# docmill.
set -u
: "${DOCMILL:?}" "${DM_SHARED_DIR:?}"
command -v xmllint >/dev/null 2>&1 || { echo "xmllint missing: skipped"; exit 77; }
dir="$DM_SHARED_DIR/samples-external"
[ -d "$dir/akn" ] || { echo "no samples in $dir: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for f in "$dir"/akn/*.xml "$dir"/akn4un/*.xml; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  b=$(basename "$f")
  notes=$(xmllint --xpath 'count(//*[local-name()="authorialNote"])' "$f")
  nums=$(xmllint --xpath 'count(//*[local-name()="num"])' "$f")
  if ! "$DOCMILL" -q -f akn -t native "$f" -o "$tmp/$b.native"; then
    echo "FAIL $b: native conversion failed"; fail=1; continue
  fi
  if ! "$DOCMILL" -f akn -t markdown "$f" -o "$tmp/$b.md" 2>"$tmp/$b.err"; then
    echo "FAIL $b: markdown conversion failed"; cat "$tmp/$b.err"; fail=1; continue
  fi
  got_notes=$(grep -c '^ *note\( \|$\)' "$tmp/$b.native")
  got_md_notes=$(grep -c '^\[^[^]]*\]:' "$tmp/$b.md")
  labels=$(grep -c '^ *div .*label=' "$tmp/$b.native")
  spans=$(grep -c '^ *span class="num"' "$tmp/$b.native")
  got_nums=$((labels + spans))
  [ "$got_notes" -eq "$notes" ] || { echo "FAIL $b: $notes authorialNotes, $got_notes notes in the tree"; fail=1; }
  [ "$got_md_notes" -eq "$notes" ] || { echo "FAIL $b: $notes authorialNotes, $got_md_notes Markdown footnotes"; fail=1; }
  [ "$got_nums" -eq "$nums" ] || { echo "FAIL $b: $nums nums, $labels labels + $spans num spans"; fail=1; }
  echo "ok $b: $notes notes, $nums nums"
done
[ "$n" -gt 0 ] || { echo "no sample files: skipped"; exit 77; }
# The AKN4UN files break the schema (duplicate eIds): read with warnings.
for f in "$dir"/akn4un/*.xml; do
  [ -f "$f" ] || continue
  "$DOCMILL" -f akn -t native "$f" -o "$tmp/w.native" 2>"$tmp/w.err" || { echo "FAIL $f: not exit 0"; fail=1; }
  grep -q 'warning:.*duplicate eId' "$tmp/w.err" || { echo "FAIL $(basename "$f"): no duplicate-eId warning"; fail=1; }
done
exit $fail
