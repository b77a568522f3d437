#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `docmill -t text` on small inputs written here, each compared with the
# text written out by hand from the writer's rules: blocks apart by a
# blank line, labels of numbered items, notes at the end as "[marker]"
# (one note referenced twice is one note; a note without a marker is
# numbered), links with their URL, CJK and right-to-left text unchanged,
# text.wrap; then the seed and the resolution fixtures: every word of the
# source (without the recogniser, which removes page furniture), every
# operative paragraph and point label and every footnote marker (with it;
# the labels and markers from the fixtures' hand-counted .expect files).
. "$(dirname "$0")/../cli/lib.sh"
PY=$1
CHECK="$DM_SOURCE_DIR/tests/text-write/check_text.py"

# same NAME WANT: ./stdout is exactly WANT (plus the final newline).
same() {
  if [ "$(cat stdout)" = "$2" ]; then ok "$1"; else fail "$1: got"$'\n'"$(cat stdout)"$'\n'"want"$'\n'"$2"; fi
}

printf 'Intro with a note[^a] and again[^a].\n\n1. First item\n2. Second, a [link](http://x.org/) and <http://y.org/>\n\n> quoted\n\n    code line\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n[^a]: The note.\n\n    Its second paragraph.\n' >blocks.md
dm "blocks" -t text blocks.md
expect_status 0 && same "$NAME" "Intro with a note[a] and again[a].

1. First item

2. Second, a link <http://x.org/> and http://y.org/

    quoted

    code line

A | B
1 | 2

[a] The note.

    Its second paragraph."

printf '<p>\n' >raw.md
dm "raw HTML is left out with a warning" -f md -t text raw.md
expect_status 0 && grep -q "raw html content left out of plain text" stderr && ok "$NAME" || fail "$NAME: $(cat stderr)"

printf 'مرحبا بالعالم، هذا نص عربي.\n\n中文文本，不变。\n' >scripts.txt
dm "CJK and right-to-left text unchanged" -f text -t text scripts.txt
expect_status 0 && cmp -s stdout scripts.txt && ok "$NAME" || fail "$NAME: $(od -c stdout | head)"

printf '中文文本测试中文文本测试中文文本测试 English words that wrap here\n' >wrap.txt
dm "text.wrap=20: CJK breaks anywhere (two columns each), the rest at spaces" -f text -t text --option text.wrap=20 wrap.txt
expect_status 0 && same "$NAME" "中文文本测试中文文本
测试中文文本测试
English words that
wrap here"
printf 'Some words here.\n' >item.md
printf '1. %s\n' "alpha beta gamma delta epsilon" >list.md
dm "text.wrap hangs an item's further lines under its text" -t text --option text.wrap=16 list.md
expect_status 0 && same "$NAME" "1. alpha beta
   gamma delta
   epsilon"
dm "txt and TEXT name the writer and its options" -t TXT --option txt.wrap=5 item.md
expect_status 0 && same "$NAME" "Some
words
here."
printf 'x[^1] abcdefgh ij\n\n[^1]: y\n' >long.md
dm "a word longer than the line overflows it, whole" -t text --option text.wrap=3 long.md
expect_status 0 && same "$NAME" "x[1]
abcdefgh
ij

[1] y"
printf '1. a\n\n   1. b\n   2. c\n2. d\n' >nested.md
dm "nested ordered lists number themselves" -t text nested.md
expect_status 0 && same "$NAME" "1. a

   1. b

   2. c

2. d"
dm "text.wrap must be a number of columns" -t text --option text.wrap=-1 item.md
expect_error 2 "text.wrap: -1 is not a number of columns" && ok "$NAME"
dm "-o x.txt picks the text writer" -o out.txt item.md
expect_status 0 && [ "$(cat out.txt)" = "Some words here." ] && ok "$NAME" || fail "$NAME"

# The seed: the source's operative paragraph numbers (lines "N. ") and its
# footnote markers (definitions "<sup>N</sup> text"), found here with grep.
seed="$DM_SOURCE_DIR/samples/un-ga-75-158-zh.md"
"$DOCMILL" -q -t text --no-transform all "$seed" >seed-raw.txt
"$PY" "$CHECK" words "$seed" seed-raw.txt >check.out && ok "seed: every word" || fail "seed words: $(cat check.out)"
"$DOCMILL" -q -t text "$seed" >seed.txt
mapfile -t labels < <(grep -oE '^[0-9]+\. ' "$seed" | sed 's/ $//')
mapfile -t markers < <(grep -oE '^<sup>[0-9]+</sup> ' "$seed" | grep -oE '[0-9]+')
[ ${#labels[@]} -gt 50 ] && [ ${#markers[@]} -gt 30 ] || fail "seed: only ${#labels[@]} labels, ${#markers[@]} markers found"
"$PY" "$CHECK" numbers seed.txt "${labels[@]}" >check.out && ok "seed: ${#labels[@]} paragraph numbers" ||
  fail "seed numbers: $(cat check.out)"
"$PY" "$CHECK" markers seed.txt "${markers[@]}" >check.out && ok "seed: ${#markers[@]} footnote markers" ||
  fail "seed markers: $(cat check.out)"

# The fixtures: labels and markers from their .expect files.
fx="$DM_SOURCE_DIR/tests/fixtures/resolutions"
for src in "$fx"/*-md.md "$fx"/*-txt.txt; do
  b=$(basename "$src")
  exp="$fx/${b%.*}.expect"
  "$DOCMILL" -q -t text --no-transform all "$src" >raw.txt
  "$PY" "$CHECK" words "$src" raw.txt >check.out && ok "$b: every word" || fail "$b words: $(cat check.out)"
  "$DOCMILL" -q -t text "$src" >out.txt
  # Operative labels in order, then point labels in order (each list is
  # in document order; the points sit inside paragraph 8).
  n=0
  for key in operative-labels point-labels; do
    IFS='|' read -ra labels <<<"$(sed -n "s/^$key: //p" "$exp")"
    labels=("${labels[@]# }")
    labels=("${labels[@]% }")
    n=$((n + ${#labels[@]}))
    "$PY" "$CHECK" numbers out.txt "${labels[@]}" >check.out || fail "$b $key: $(cat check.out)"
  done
  read -ra markers <<<"$(sed -n 's/^footnote-markers: //p' "$exp")"
  [ "$n" -ge 15 ] && [ ${#markers[@]} -ge 8 ] || fail "$b: only $n labels, ${#markers[@]} markers in the .expect file"
  "$PY" "$CHECK" markers out.txt "${markers[@]}" >check.out && ok "$b: $n labels, ${#markers[@]} markers" ||
    fail "$b markers: $(cat check.out)"
done
finish
