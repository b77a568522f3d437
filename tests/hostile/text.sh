#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hostile plain text, beyond tests/cli/bad_input.sh (bytes, 0 bytes,
# whitespace): only form feeds, only '---' (detected, read as text and
# through the resolution recogniser), a 2 MB line with and without a final
# newline, 10^5 lines, and 20,000 footnote-like markers for the
# recogniser. Skipped as a whole while there is no text reader.
. "$(dirname "$0")/lib.sh"

if ! has_format read text; then
  skip "no text reader in this build"
  exit 77
fi
T="-f text"

printf '\f\f\f\n' >feeds.txt
# Form feeds are page breaks, not text: the input holds nothing to convert.
hostile "only form feeds" 1 "^docmill: feeds\.txt: text: the input holds only whitespace, no text$" feeds.txt native $T

printf -- '---\n' >rule.txt
RULE=$(printf 'document\n  paragraph\n    text "---"')
hostile "only ---" 0 "" rule.txt native $T && { [ "$(cat result)" = "$RULE" ] || fail "only ---: $(cat result)"; }
hostile "only ---, detected" 0 "" rule.txt native
if need transform un-resolution "only --- as a resolution"; then
  hostile "only --- as a resolution" 0 \
    "^docmill: rule\.txt: warning: un-resolution: no opening formula \(\"The General Assembly,\"\) found: structure not recognised, kept as plain paragraphs \[structure\]$" \
    rule.txt native $T --transform un-resolution &&
    { [ "$(cat result)" = "$RULE" ] || fail "only --- as a resolution: $(cat result)"; }
fi

# The dump line of a 2 MiB paragraph: '    text "' (10 bytes), the x's, '"'.
head -c 2097152 /dev/zero | tr '\0' x >long.txt
cp long.txt long-nl.txt && printf '\n' >>long-nl.txt
for f in long.txt long-nl.txt; do
  if hostile "2 MB line ($f)" 0 "" $f native $T; then
    n=$(awk 'length($0) > m { m = length($0) } END { print m }' result)
    [ "$n" = 2097163 ] || fail "2 MB line ($f): longest dump line $n bytes, want 2097163"
  fi
done
for w in markdown docx akn; do
  need write $w "2 MB line to $w" && hostile "2 MB line to $w" 0 "" long-nl.txt x $T -t "$w"
done

# 10^5 one-word lines: one paragraph (no blank line) of 10^5 lines.
seq 1 100000 >lines.txt
hostile "10^5 lines" 0 "" lines.txt native $T && {
  [ "$(count '^    text ' result)" = 100000 ] || fail "10^5 lines: $(count '^    text ' result) text nodes, want 100000"
}

# The recogniser on 20,000 glued footnote-like markers and one footnote
# line: it must finish in linear time.
if need transform un-resolution "10^5 footnote markers"; then
  { printf 'The General Assembly,\n\n1. Decides'; for i in $(seq 1 2000); do printf ' text1 text1 text1 text1 text1 text1 text1 text1 text1 text1'; done
    printf '.\n\n__________\n1 The only note.\n'; } >markers.txt
  # A formula and a numbered paragraph: a resolution, converted.
  CASE_TIMEOUT=20 run "10^5 footnote markers" $T -t native --transform un-resolution -o markers.native markers.txt &&
    expect_status 0 && { grep -q 'div role=paragraph label="1\."' markers.native && ok "$NAME" ||
    fail "$NAME: no operative paragraph 1."; }
fi

hostile_finish
