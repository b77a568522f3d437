#!/bin/sh
# SPDX-License-Identifier: MIT
# Documents that are not resolutions pass through unchanged: on Markdown
# README files, the tree is the same with the transform left to its probe,
# turned off, or forced. Skipped (77) when no README is found.
set -u
: "${DOCMILL:?}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
for f in "$DM_SOURCE_DIR/samples/README.md" "$DM_SOURCE_DIR/tests/fixtures/resolutions/README.md" \
         /usr/share/doc/*/README.md /usr/share/doc/*/README.markdown; do
  [ -f "$f" ] || continue
  [ $n -ge 8 ] && break
  "$DOCMILL" -f markdown -t native --no-transform un-resolution "$f" > "$tmp/off" 2>/dev/null || continue
  "$DOCMILL" -f markdown -t native "$f" > "$tmp/probe" 2>/dev/null || { echo "FAIL probe run: $f"; exit 1; }
  "$DOCMILL" -f markdown -t native --transform un-resolution "$f" > "$tmp/forced" 2>/dev/null || { echo "FAIL forced run: $f"; exit 1; }
  cmp -s "$tmp/off" "$tmp/probe" || { echo "FAIL: the probe fired on $f"; exit 1; }
  cmp -s "$tmp/off" "$tmp/forced" || { echo "FAIL: forcing changed $f"; diff "$tmp/off" "$tmp/forced" | head; exit 1; }
  "$DOCMILL" -f markdown -t markdown --transform un-resolution "$f" > "$tmp/md-forced" 2>/dev/null &&
  "$DOCMILL" -f markdown -t markdown --no-transform un-resolution "$f" > "$tmp/md-off" 2>/dev/null &&
  { cmp -s "$tmp/md-off" "$tmp/md-forced" || { echo "FAIL: forcing changed the Markdown of $f"; exit 1; }; }
  n=$((n + 1))
done
[ $n -gt 0 ] || exit 77
# the seed, by contrast, is recognised by the probe alone
"$DOCMILL" -t native "$DM_SOURCE_DIR/samples/un-ga-75-158-zh.md" 2>/dev/null | grep -q 'role=preamble' ||
  { echo "FAIL: the probe did not fire on the seed"; exit 1; }
echo "ok: $n README files unchanged"
