#!/bin/sh
# SPDX-License-Identifier: MIT
# Round trips through Akoma Ntoso, for the seed resolution, the resolution
# fixtures and generic Markdown (generic.md beside this script, docmill's
# own documentation, and the fixed Markdown corpus of tests/md-corpus.list):
#  - Markdown -> AKN (the writer) -> this reader -> Markdown gives exactly
#    the Markdown that Markdown -> Markdown gives;
#  - AKN -> AKN is a fixpoint after the first pass: the AKN written from
#    the AKN written from the source is byte-identical to it (issue 6);
#  - a Markdown link whose URL is its text ([A/75/471](A/75/471)) comes
#    back a link, and the cited symbol the resolution recogniser marks as a
#    span of class ref comes back a span (the writer marks which is which);
#  - a .akn package reads back to the same Markdown as the source.
# Skipped until an AKN writer is built in.
set -u
: "${DOCMILL:?}" "${DM_SOURCE_DIR:?}"
"$DOCMILL" --list-formats 2>/dev/null | grep -q '^akn  *write' || { echo "no AKN writer built: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
here=$(cd "$(dirname "$0")" && pwd)
seed=$DM_SOURCE_DIR/samples/un-ga-75-158-zh.md

"$DM_SOURCE_DIR/tests/md-corpus.sh" "$tmp" > "$tmp/doc.list" || { echo "FAIL: the Markdown corpus (tests/md-corpus.list) is incomplete"; exit 1; }
for f in "$seed" "$DM_SOURCE_DIR"/tests/fixtures/resolutions/*.md "$DM_SOURCE_DIR"/tests/fixtures/resolutions/*.txt \
  "$here/generic.md" "$DM_SOURCE_DIR/README.md" "$DM_SOURCE_DIR"/docs/*.md $(cat "$tmp/doc.list"); do
  [ -f "$f" ] || continue
  case $f in */fixtures/resolutions/README.md) continue ;; esac
  n=$((n + 1))
  b=$n-$(basename "$f")
  "$DOCMILL" -q -t markdown "$f" -o "$tmp/$b.direct.md" || { echo "FAIL $f: to markdown"; fail=1; continue; }
  "$DOCMILL" -q -t akn "$f" -o "$tmp/$b.1.xml" || { echo "FAIL $f: to akn"; fail=1; continue; }
  "$DOCMILL" -q -f akn -t markdown "$tmp/$b.1.xml" -o "$tmp/$b.via.md" || { echo "FAIL $f: akn -> md"; fail=1; continue; }
  if ! cmp -s "$tmp/$b.direct.md" "$tmp/$b.via.md"; then
    echo "FAIL $f: Markdown through AKN differs:"
    diff "$tmp/$b.direct.md" "$tmp/$b.via.md" | head -20
    fail=1
  fi
  "$DOCMILL" -q -f akn -t akn "$tmp/$b.1.xml" -o "$tmp/$b.2.xml" || { echo "FAIL $f: akn -> akn"; fail=1; continue; }
  if ! cmp -s "$tmp/$b.1.xml" "$tmp/$b.2.xml"; then
    echo "FAIL $f: AKN -> AKN is not a fixpoint after the first pass:"
    diff "$tmp/$b.1.xml" "$tmp/$b.2.xml" | head -20
    fail=1
  fi
  echo "checked $f"
done
[ "$n" -gt 0 ] || { echo "no inputs: skipped"; exit 77; }

# Link or span. The source has one link whose URL is its own text; the
# seed cites its committee report A/75/471 once, on line 18.
printf 'See [A/75/471](A/75/471).\n' > "$tmp/link.md"
"$DOCMILL" -q -f markdown -t akn "$tmp/link.md" -o "$tmp/link.xml" &&
  "$DOCMILL" -q -f akn -t markdown "$tmp/link.xml" -o "$tmp/link.via.md" || { echo "FAIL link: conversion"; fail=1; }
if grep -qF '[A/75/471](A/75/471)' "$tmp/link.via.md" 2>/dev/null; then
  echo "ok: a link whose URL is its text stays a link"
else
  echo "FAIL: [A/75/471](A/75/471) did not come back a link:"; cat "$tmp/link.via.md"; fail=1
fi
cited=$(grep -c 'A/75/471' "$seed")
"$DOCMILL" -q -t native "$seed" -o "$tmp/seed.native"
"$DOCMILL" -q -t akn "$seed" -o "$tmp/seed.xml"
"$DOCMILL" -q -f akn -t native "$tmp/seed.xml" -o "$tmp/seed.via.native"
before=$(grep -c '^ *span class="ref"' "$tmp/seed.native")
after=$(grep -c '^ *span class="ref"' "$tmp/seed.via.native")
links=$(grep -c '^ *link ' "$tmp/seed.via.native")
if [ "$cited" -eq 1 ] && [ "$before" -eq 1 ] && [ "$after" -eq 1 ] && [ "$links" -eq 0 ]; then
  echo "ok: the seed's cited symbol is a span before and after AKN"
else
  echo "FAIL: seed cites A/75/471 on $cited line(s); span ref $before before AKN, $after after, $links link(s) after"
  fail=1
fi

# The package: seed -> seed.akn -> Markdown equals seed -> Markdown.
"$DOCMILL" -q -t markdown "$seed" -o "$tmp/seed.md"
if "$DOCMILL" -q "$seed" -o "$tmp/seed.akn" && "$DOCMILL" -q -t markdown "$tmp/seed.akn" -o "$tmp/seed.pkg.md"; then
  if [ "$(unzip -Z1 "$tmp/seed.akn" 2>/dev/null)" != main.xml ]; then
    echo "FAIL: seed.akn does not hold main.xml alone: $(unzip -Z1 "$tmp/seed.akn" | tr '\n' ' ')"; fail=1
  elif cmp -s "$tmp/seed.md" "$tmp/seed.pkg.md"; then
    echo "ok: seed -> .akn -> Markdown = seed -> Markdown"
  else
    echo "FAIL: Markdown from the .akn package differs:"; diff "$tmp/seed.md" "$tmp/seed.pkg.md" | head -20; fail=1
  fi
else
  echo "FAIL: seed -> .akn -> Markdown did not convert"; fail=1
fi
exit $fail
