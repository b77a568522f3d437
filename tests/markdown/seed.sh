#!/bin/sh
# SPDX-License-Identifier: MIT
# The seed resolution end to end: read without -f it is detected as
# Markdown (its native dump equals the one read with -f markdown, which the
# plain-text reader would not give), converting it to Markdown succeeds, a
# second pass gives the same bytes, and cmark-gfm renders the same HTML from
# the sample and from docmill's output. Runs on the committed sample and,
# when the shared data is there, on the seed itself (named .txt).
set -eu
: "${DOCMILL:?}" "${DM_SOURCE_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
set -- "$DM_SOURCE_DIR/samples/un-ga-75-158-zh.md"
seed="${DM_SHARED_DIR:-}/seeds/000_2e532d7a288a1a10.txt"
[ -f "$seed" ] && set -- "$@" "$seed"
for f in "$@"; do
  "$DOCMILL" -q -t native "$f" >"$tmp/detected.native"
  "$DOCMILL" -q -f markdown -t native "$f" >"$tmp/forced.native"
  cmp -s "$tmp/detected.native" "$tmp/forced.native" || { echo "FAIL: $f not detected as markdown"; exit 1; }
  "$DOCMILL" -q -t markdown -o "$tmp/one.md" "$f"
  "$DOCMILL" -q -f markdown -t markdown -o "$tmp/two.md" "$tmp/one.md"
  cmp "$tmp/one.md" "$tmp/two.md" || { echo "FAIL: $f: second pass differs"; exit 1; }
  if command -v cmark-gfm >/dev/null 2>&1; then
    # the recogniser may add structure; compare against a run without it
    "$DOCMILL" -q -f markdown -t markdown --no-transform all -o "$tmp/plain.md" "$f"
    cmark-gfm --extension table --extension footnotes --extension strikethrough --extension autolink "$f" >"$tmp/a.html"
    cmark-gfm --extension table --extension footnotes --extension strikethrough --extension autolink "$tmp/plain.md" >"$tmp/b.html"
    cmp "$tmp/a.html" "$tmp/b.html" || { echo "FAIL: $f: HTML differs"; exit 1; }
  fi
  echo "ok: $f"
done
