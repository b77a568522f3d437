#!/bin/sh
# SPDX-License-Identifier: MIT
# Segmented parsing gives the whole-text parse's tree: every Markdown file
# of the fixed corpus (tests/md-corpus.list), the seed, the
# resolution fixtures, the reader goldens and a generated benchmark input
# are converted to the native dump with markdown.segment=0 (one parse),
# 2048 (small segments) and 1 (a cut at every place the scan allows); the
# dumps and the warnings must be byte for byte the same. Prints how many
# files the scan would cut at least once.
# env: DOCMILL, DM_SOURCE_DIR, MD_SEGMENTS (the scan tool)
set -u
: "${DOCMILL:?}" "${DM_SOURCE_DIR:?}" "${MD_SEGMENTS:?}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# the list is fixed: a missing file is a broken set-up, not a smaller corpus
"$DM_SOURCE_DIR/tests/md-corpus.sh" "$tmp" >"$tmp/files" ||
  { echo "FAIL: the Markdown corpus (tests/md-corpus.list) is incomplete"; exit 1; }
ls "$DM_SOURCE_DIR"/samples/un-ga-75-158-zh.md "$DM_SOURCE_DIR"/tests/fixtures/resolutions/*-md.md \
  "$DM_SOURCE_DIR"/tests/markdown/golden/*.md >>"$tmp/files" || { echo "FAIL: fixtures missing"; exit 1; }
python3 "$DM_SOURCE_DIR/bench/gen.py" 307200 "$tmp/gen.md" && echo "$tmp/gen.md" >>"$tmp/files" ||
  { echo "FAIL: bench/gen.py could not write the generated input"; exit 1; }

total=0 cut=0 bad=0
while IFS= read -r f; do
  case "$f" in
  *.gz) gzip -dc "$f" >"$tmp/in.md" 2>/dev/null || continue ;;
  *) cp "$f" "$tmp/in.md" ;;
  esac
  total=$((total + 1))
  for s in 0 2048 1; do
    "$DOCMILL" -f markdown -t native --option markdown.lenient=true --option markdown.segment=$s \
      -o "$tmp/out.$s" "$tmp/in.md" 2>"$tmp/err.$s"
    echo "rc $?" >>"$tmp/err.$s"
  done
  for s in 2048 1; do
    if ! cmp -s "$tmp/out.0" "$tmp/out.$s" || ! cmp -s "$tmp/err.0" "$tmp/err.$s"; then
      echo "FAIL: $f differs with markdown.segment=$s"
      diff "$tmp/out.0" "$tmp/out.$s" | head -n 5
      diff "$tmp/err.0" "$tmp/err.$s" | head -n 5
      bad=$((bad + 1))
    fi
  done
  set -- $("$MD_SEGMENTS" "$tmp/in.md")
  [ "${1:-1}" -gt 1 ] && [ "${2:-0}" = 1 ] && cut=$((cut + 1))
done <"$tmp/files"
echo "$total files, $cut cut at least once, $bad differences"
[ "$bad" -eq 0 ]
