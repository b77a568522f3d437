#!/bin/sh
# SPDX-License-Identifier: MIT
# Markdown -> AKN (the writer) -> this reader -> Markdown must give exactly
# the Markdown that Markdown -> Markdown gives, for the seed resolution and
# the resolution fixtures; and AKN -> AKN must be byte-identical after the
# first pass. Skipped until an AKN writer is built in.
set -u
: "${DOCMILL:?}" "${DM_SOURCE_DIR:?}"
"$DOCMILL" --list-formats 2>/dev/null | grep -q '^akn  *write' || { echo "no AKN writer built: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for f in "$DM_SOURCE_DIR"/samples/un-ga-75-158-zh.md "$DM_SOURCE_DIR"/tests/fixtures/resolutions/*.md \
  "$DM_SOURCE_DIR"/tests/fixtures/resolutions/*.txt; do
  [ -f "$f" ] || continue
  b=$(basename "$f")
  [ "$b" = README.md ] && continue
  n=$((n + 1))
  "$DOCMILL" -q -t markdown "$f" -o "$tmp/$b.direct.md" || { echo "FAIL $b: md -> md"; fail=1; continue; }
  "$DOCMILL" -q -t akn "$f" -o "$tmp/$b.1.xml" || { echo "FAIL $b: md -> akn"; fail=1; continue; }
  "$DOCMILL" -q -f akn -t markdown "$tmp/$b.1.xml" -o "$tmp/$b.via.md" || { echo "FAIL $b: akn -> md"; fail=1; continue; }
  if ! cmp -s "$tmp/$b.direct.md" "$tmp/$b.via.md"; then
    echo "FAIL $b: Markdown through AKN differs:"
    diff "$tmp/$b.direct.md" "$tmp/$b.via.md" | head -20
    fail=1
  fi
  "$DOCMILL" -q -f akn -t akn "$tmp/$b.1.xml" -o "$tmp/$b.2.xml" || { echo "FAIL $b: akn -> akn"; fail=1; continue; }
  "$DOCMILL" -q -f akn -t akn "$tmp/$b.2.xml" -o "$tmp/$b.3.xml" || { echo "FAIL $b: akn -> akn (2)"; fail=1; continue; }
  if ! cmp -s "$tmp/$b.2.xml" "$tmp/$b.3.xml"; then
    echo "FAIL $b: AKN -> AKN is not a fixpoint:"
    diff "$tmp/$b.2.xml" "$tmp/$b.3.xml" | head -20
    fail=1
  fi
  echo "checked $b"
done
[ "$n" -gt 0 ] || { echo "no inputs: skipped"; exit 77; }
exit $fail
