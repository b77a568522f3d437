#!/bin/sh
# SPDX-License-Identifier: MIT
# Markdown as other tools make it from the UN's PDFs (fixture en-tool.md,
# after A/RES/73/8): YAML front matter read as metadata, never as a rule
# and a heading; the footnote call left as a bare digit after a semicolon
# ("resolution 72/4; 1") and its "[^1]:" definition at the end attached;
# a front matter line of another shape reported, not dropped silently. The
# expected values are read off the fixture.
set -u
docmill=${DOCMILL:-docmill}
dir=$(dirname "$0")/../fixtures/resolutions
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # what, pattern, file
  if ! grep -qF -- "$2" "$3"; then echo "FAIL: $1: no '$2' in $3"; fail=1; fi
}
"$docmill" "$dir/en-tool.md" -t native >"$tmp/out" 2>"$tmp/err"
echo "exit $?" >>"$tmp/err"
check "exit status" "exit 0" "$tmp/err"
check "title from the front matter" 'meta "title" "Necessity of ending the economic, commercial and financial embargo imposed by the United States of America against Cuba"' "$tmp/out"
check "symbol from the front matter" 'meta "symbol" "A/RES/73/8"' "$tmp/out"
check "language from 'lang'" 'meta "language" "en"' "$tmp/out"
check "the list line is reported" "front matter line 6 is not a 'key: value' line" "$tmp/err"
check "transform ran" "div role=main_body" "$tmp/out"
check "the note is attached" 'note marker="1"' "$tmp/out"
check "the note's text" 'text "A/73/85."' "$tmp/out"
check "the call's text is gone" 'text " of the report of the Secretary-General on the implementation of resolution 72/4;"' "$tmp/out"
check "the lead words in italics" 'text "Takes note"' "$tmp/out"
if grep -q 'thematic_break\|heading' "$tmp/out"; then echo "FAIL: front matter read as a rule or heading"; fail=1; fi
if grep -q '\[\^1\]' "$tmp/out"; then echo "FAIL: the definition stayed in the text"; fail=1; fi
# 2 operative paragraphs and 2 preambular clauses, counted in the fixture
n=$(grep -c 'div role=paragraph' "$tmp/out"); [ "$n" = 2 ] || { echo "FAIL: $n operative paragraphs, want 2"; fail=1; }
n=$(grep -c 'div role=recital' "$tmp/out"); [ "$n" = 2 ] || { echo "FAIL: $n recitals, want 2"; fail=1; }
# Markdown back out: the front matter as it was
"$docmill" "$dir/en-tool.md" -t markdown --no-transform all >"$tmp/md" 2>/dev/null
head -8 "$dir/en-tool.md" >"$tmp/want"
head -8 "$tmp/md" | cmp -s - "$tmp/want" || { echo "FAIL: front matter not written back as it was"; fail=1; }
[ "$fail" = 0 ] && echo "ok: tool Markdown"
exit "$fail"
