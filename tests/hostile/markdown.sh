#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hostile Markdown: only whitespace, only '---', a 2 MB line, nesting far
# past the depth limit (block quotes, lists, emphasis, <sup>), pathological
# inline runs, 10^5 references to one footnote, a footnote that refers to
# itself, two notes that refer to each other, duplicate markers, invalid
# UTF-8 and NUL bytes through the Markdown reader. Each case gives its exact
# status and message, never a crash or a hang, no output on failure and an
# existing output left as it was. Writers other than native are exercised
# where they exist. Skipped as a whole while there is no Markdown reader.
. "$(dirname "$0")/lib.sh"

if ! has_format read markdown; then
  skip "no markdown reader in this build"
  exit 77
fi
M="-f markdown"

# ---- inputs with nothing in them -----------------------------------------
# A file of blanks: see regressions/markdown-whitespace-only.md (the core
# refuses 0 bytes and the text reader whitespace; Markdown does not yet).

printf -- '---\n' >rule.md
# CommonMark: '---' alone, with no paragraph before it to underline, is a
# thematic break (it cannot be a setext heading underline).
if hostile "only ---" 0 "" rule.md native $M; then
  [ "$(cat result)" = "$(printf 'document\n  thematic_break')" ] || fail "only ---: tree $(cat result)"
fi
for w in markdown docx akn; do
  need write $w "only --- to $w" && hostile "only --- to $w" 0 "" rule.md "$w" $M -t "$w"
done

# ---- size ---------------------------------------------------------------
# One paragraph of 2 MiB: its text line in the dump is '    text "' (10
# bytes), the 2,097,152 x's, and the closing quote.
head -c 2097152 /dev/zero | tr '\0' x >long.md
printf '\n' >>long.md
if hostile "2 MB line" 0 "" long.md native $M; then
  n=$(awk 'length($0) > m { m = length($0) } END { print m }' result)
  [ "$n" = 2097163 ] || fail "2 MB line: longest line of the dump is $n bytes, want 2097163"
fi
for w in markdown docx akn; do
  need write $w "2 MB line to $w" && hostile "2 MB line to $w" 0 "" long.md "$w" $M -t "$w"
done

# Inputs over 4 MiB are parsed in segments: a code block, lazy quote lines,
# loose list items, indented code and a note whose definition comes at the
# end, all crossing segment boundaries, must give the tree they give alone
# (the 3 MiB of one-letter paragraphs in front add exactly their own nodes).
python3 - <<'PY'
x = ('```\n' + 'code line\n\n' * 100000 + '```\n\n' + '> quote\nlazy\n' * 50000 + '\n' +
     '- item\n\n  more\n' * 30000 + '\n' + 'para[^n]\n\n' + '    indented\n\n' * 20000 +
     '[^n]: the\n\n    note\n')
open('alone.md', 'w').write(x)
open('padded.md', 'w').write('p\n\n' * 1049576 + x)
PY
run "segmented parse" $M -t native -o alone.native alone.md && expect_status 0 &&
  run "segmented parse" $M -t native -o padded.native padded.md && expect_status 0 && {
  # 1,049,576 padding paragraphs, two dump lines each, after "document".
  if [ "$(tail -n +2 alone.native)" = "$(tail -n +$((2 + 2 * 1049576)) padded.native)" ] &&
    [ "$(sed -n '2,$p' padded.native | head -n $((2 * 1049576)) | sort | uniq -c | wc -l)" = 2 ]; then
    ok "$NAME"
  else
    fail "$NAME: the tree of a document over 4 MiB differs from the same content alone"
  fi
}
rm -f alone.* padded.*

# ---- nesting past the limit of 1000 ---------------------------------------
DEEP="markdown: nesting deeper than the limit of 1000 levels$"
python3 -c "print('> ' * 10000 + 'deep')" >quotes.md
hostile "10,000 nested block quotes" 1 "^docmill: quotes\.md:1:[0-9]+: $DEEP" quotes.md native $M
python3 -c "print('- ' * 10000 + 'deep')" >bullets.md
hostile "10,000 nested bullet lists" 1 "^docmill: bullets\.md:1:[0-9]+: $DEEP" bullets.md native $M
python3 -c "print('1. ' * 10000 + 'deep')" >ordered.md
hostile "10,000 nested ordered lists" 1 "^docmill: ordered\.md:1:[0-9]+: $DEEP" ordered.md native $M
# The same depth on 10,000 lines, each item indented under the previous:
# two more spaces per level would make a 100 MB file, so the levels come in
# runs of markers on each line.
python3 -c "
for i in range(10000): print('  ' * (i % 50) + '- level')" >stairs.md
run "10,000 list lines" $M -t native stairs.md && expect_status 0 && ok "$NAME"
python3 -c "print('*a ' * 5000 + 'x' + ' a*' * 5000)" >emph.md
hostile "5,000 nested emphases" 1 "^docmill: emph\.md:1:[0-9]+: $DEEP" emph.md native $M
python3 -c "print('<sup>' * 10000 + 'x' + '</sup>' * 10000)" >sup.md
hostile "10,000 nested <sup>" 1 "^docmill: sup\.md:1:[0-9]+: $DEEP" sup.md native $M
# Well inside the limit, every writer must cope with the depth (writers
# that recurse are the ones at risk).
python3 -c "print('> ' * 900 + 'deep')" >q900.md
hostile "900 nested block quotes" 0 "" q900.md native $M
for w in markdown docx akn akn-package; do
  need write $w "900 nested block quotes to $w" && hostile "900 nested block quotes to $w" 0 "" q900.md x $M -t "$w"
done

# ---- pathological inline runs (cmark's own list): each must be linear -----
i=0
for expr in "'[' * 50000 + 'a'" "'*a ' * 50000" "'a' + '*' * 50000" "'<' * 50000 + 'a'" \
  "'\`' * 50000" "'[a](<' * 20000" "'[' * 10000 + 'x' + '](u)' * 10000"; do
  i=$((i + 1))
  python3 -c "import sys; sys.stdout.write($expr + '\n')" >path$i.md
  CASE_TIMEOUT=10 run "pathological run $i: $expr" $M -t native path$i.md && expect_status 0 && ok "$NAME"
done

# ---- cmark-gfm's quadratic cases: refused before the library sees them ----
# Debian 12's cmark-gfm lacks the upstream fixes: each of these took 5 to 14
# seconds or gigabytes (docs/LIMITS.md). Each is refused at once with a
# message of its own, naming the line and column where the bound is passed.
GUARD="than the limit of [0-9]+ \(cmark-gfm would take time or memory out of proportion\)$"
python3 -c "print('![[]()' * 40000)" >images.md
hostile "'![[]()' x 40,000" 1 "^docmill: images\.md:1:[0-9]+: markdown: brackets left open before links: more steps $GUARD" \
  images.md native $M
# the same spread over 20 lines of one paragraph: counted per paragraph
python3 -c "print(('![[]()' * 2000 + '\n') * 20, end='')" >images-lines.md
hostile "'![[]()' x 2000 on 20 lines" 1 "^docmill: images-lines\.md:[0-9]+:[0-9]+: markdown: brackets left open" \
  images-lines.md native $M
# one bullet's paragraph continued by lines that look like ordered items
# (which cannot interrupt a paragraph): still one paragraph
python3 -c "print('- a ' + '![[]()' * 1500); [print('  %d. ' % i + '![[]()' * 1500) for i in range(2, 8)]" >items.md
hostile "'![[]()' continued by '2.' lines" 1 "^docmill: items\.md:[0-9]+:[0-9]+: markdown: brackets left open" items.md native $M
# ... but as many brackets in separate paragraphs or nested links are fine
python3 -c "print(('![[]()' * 100 + '\n\n') * 400, end='')" >images-ok.md
CASE_TIMEOUT=10 hostile "'![[]()' x 100 in 400 paragraphs" 0 "" images-ok.md native $M
python3 -c "print('|' * 200000); print('|-|')" >pipes.md
hostile "header row of 200,000 pipes" 1 "^docmill: pipes\.md:1:1: markdown: a table row with more cells $GUARD" pipes.md native $M
python3 -c "print('|a' * 10000); print('|-' * 10000)" >wide.md
hostile "10,000 columns" 1 "^docmill: wide\.md:[12]:1: markdown: a table row with more cells than the limit of 256 " wide.md native $M
python3 -c "print('http://a' + ')' * 200000)" >parens.md
hostile "'http://a' and 200,000 ')'" 1 "^docmill: parens\.md:1:259: markdown: a run of more '\)' than the limit of 250 " parens.md native $M
# 2000 x 2000 cells from 12 KB (1.4 GB before); 250 x 250 cells, 20 times,
# from 25 KB: one such table is fine alone, not all of them
python3 -c "print('|' + 'a|' * 2000); print('|' + '-|' * 2000); print('a\n' * 1999, end='')" >t2000.md
hostile "2000 x 2000 table" 1 "^docmill: t2000\.md:[12]:1: markdown: a table row with more cells" t2000.md native $M
python3 -c "print(('|' + 'a|' * 250 + '\n|' + '-|' * 250 + '\n' + 'a\n' * 248 + '\n') * 20, end='')" >t250.md
hostile "twenty 250 x 250 tables" 1 "^docmill: t250\.md:[0-9]+:1: markdown: more table cells \(columns times rows\) in all " \
  t250.md native $M
python3 -c "print(('|' + 'a|' * 250 + '\n|' + '-|' * 250 + '\n' + 'a\n' * 248 + '\n') * 1, end='')" >t250-1.md
CASE_TIMEOUT=10 hostile "one 250 x 250 table" 0 "" t250-1.md native $M

# ---- footnotes ------------------------------------------------------------
# 10^5 references to one note: one note, 99,999 second references.
python3 -c "print('Text' + '[^1]' * 100000 + '\n\n[^1]: The note.')" >refs.md
if hostile "10^5 references to one note" 0 "" refs.md native $M; then
  [ "$(count '^ *note marker="1"$' result)" = 1 ] || fail "10^5 references: $(count '^ *note marker' result) notes, want 1"
  [ "$(count '^ *note_ref marker="1"$' result)" = 99999 ] ||
    fail "10^5 references: $(count '^ *note_ref ' result) second references, want 99999"
fi
if need write markdown "10^5 references to markdown" &&
  hostile "10^5 references to markdown" 0 "" refs.md md $M -t markdown; then
  [ "$(count '^\[\^1\]: ' result)" = 1 ] || fail "10^5 references to markdown: not one definition"
  [ "$(count '\[\^1\]' result)" = 100001 ] || fail "10^5 references to markdown: $(count '\[\^1\]' result) markers, want 100001"
fi
if need write docx "10^5 references to docx" && hostile "10^5 references to docx" 0 "" refs.md docx $M -t docx; then
  # One footnote (ids 1 and up; -1 and 0 are Word's separators), referred to
  # once by a footnoteReference and 99,999 times by NOTEREF fields.
  unzip -p result word/footnotes.xml >footnotes.xml && unzip -p result word/document.xml >document.xml
  [ "$(count '<w:footnote w:id="[1-9][0-9]*"' footnotes.xml)" = 1 ] || fail "10^5 references to docx: not one footnote"
  [ "$(count '<w:footnoteReference ' document.xml)" = 1 ] || fail "10^5 references to docx: not one footnoteReference"
  [ "$(count 'NOTEREF ' document.xml)" = 99999 ] || fail "10^5 references to docx: $(count 'NOTEREF ' document.xml) NOTEREFs"
fi
if need write akn "10^5 references to akn" && hostile "10^5 references to akn" 0 "" refs.md xml $M -t akn; then
  [ "$(count '<authorialNote ' result)" = 1 ] || fail "10^5 references to akn: not one authorialNote"
  [ "$(count '<noteRef ' result)" = 99999 ] || fail "10^5 references to akn: $(count '<noteRef ' result) noteRefs"
fi

# A note whose text refers to itself: one note holding a reference to it.
printf 'Text[^a].\n\n[^a]: See note[^a].\n' >self.md
if hostile "note referring to itself" 0 "" self.md native $M; then
  want=$(printf 'document\n  paragraph\n    text "Text"\n    note marker="a"\n      paragraph\n        text "See note"\n        note_ref marker="a"\n        text "."\n    text "."')
  [ "$(cat result)" = "$want" ] || fail "note referring to itself: tree $(cat result)"
fi
printf 'A[^a] and B[^b].\n\n[^a]: Says [^b].\n\n[^b]: Says [^a].\n' >mutual.md
for w in native markdown docx akn akn-package; do
  need write $w "note referring to itself to $w" || continue
  hostile "note referring to itself to $w" 0 "" self.md x $M -t "$w"
  hostile "two notes referring to each other to $w" 0 "" mutual.md x $M -t "$w"
done

# Two definitions of one marker: the first is kept, the second is a
# warning at its line (5) and column (1); --strict makes that the error.
printf 'A[^1] B.\n\n[^1]: First.\n\n[^1]: Second.\n' >dup.md
DUPMSG="dup\.md:5:1: warning: markdown: footnote \[\^1\] is defined again; the first definition is kept \[note-duplicate\]$"
if hostile "duplicate note markers" 0 "^docmill: $DUPMSG" dup.md native $M; then
  grep -q 'text "First."' result && ! grep -q Second result || fail "duplicate note markers: tree $(cat result)"
fi
hostile "duplicate note markers, --strict" 1 "^docmill: --strict: $DUPMSG" dup.md native $M --strict

# Notes that share a marker (from AKN, where nothing forbids it) are written
# with labels unique by construction: the later ones count on within their
# marker and skip a marker in use. Markers 1, 1, 1-2, 1 must come back as
# 1, 1-3, 1-2, 1-4, each note with its own text, none lost on reading back.
if need write akn "notes sharing a marker" && need read akn "notes sharing a marker"; then
  printf 'A[^a] B[^b] C[^c] D[^d].\n\n[^a]: One.\n[^b]: Two.\n[^c]: Three.\n[^d]: Four.\n' >four.md
  "$DOCMILL" -f markdown -t akn four.md | sed 's/marker="[abd]"/marker="1"/; s/marker="[abd]"/marker="1"/; s/marker="c"/marker="1-2"/; s/marker="[abd]"/marker="1"/' >four.xml
  [ "$(grep -o 'marker="[^"]*"' four.xml | tr '\n' ' ')" = 'marker="1" marker="1" marker="1-2" marker="1" ' ] ||
    fail "notes sharing a marker: fixture $(grep -o 'marker="[^"]*"' four.xml)"
  if hostile "notes sharing a marker" 0 "the later one is written as \[\^1-4\]" four.xml md -t markdown; then
    [ "$(grep -o '\[^[^]]*\]' result | tr '\n' ' ')" = '[^1] [^1-3] [^1-2] [^1-4] [^1] [^1-3] [^1-2] [^1-4] ' ] ||
      fail "notes sharing a marker: labels $(grep -o '\[^[^]]*\]' result | tr '\n' ' ')"
    "$DOCMILL" $M -t native result >back.native 2>back.err
    [ "$(grep -Eo 'marker="[^"]*"|text "[A-Z][a-z]+\."' back.native | tr '\n' ' ')" = \
      'marker="1" text "One." marker="1-3" text "Two." marker="1-2" text "Three." marker="1-4" text "Four." ' ] &&
      [ ! -s back.err ] && ok "notes sharing a marker: read back" ||
      fail "notes sharing a marker: read back $(cat back.native back.err)"
  fi
fi

# ---- bytes ------------------------------------------------------------------
# tests/cli covers the text reader; the Markdown reader sees the same bytes.
printf 'slash \300\257\n' >overlong.md # C0 AF at byte 6
hostile "overlong encoding" 1 "^docmill: overlong\.md: byte 6: markdown: invalid UTF-8" overlong.md native $M
printf 'x\355\240\200y\n' >surrogate.md # ED A0 80 (U+D800) at byte 1
hostile "surrogate" 1 "^docmill: surrogate\.md: byte 1: markdown: invalid UTF-8" surrogate.md native $M
printf 'ends \342\202' >cut.md # a 3-byte sequence cut after 2 bytes, at byte 5
hostile "cut sequence at the end" 1 "^docmill: cut\.md: byte 5: markdown: invalid UTF-8" cut.md native $M
printf 'a\000b\n' >nul.md
hostile "NUL byte" 0 "^docmill: nul\.md:1:2: warning: markdown: NUL byte replaced by U\+FFFD \[nul-byte\]$" nul.md native $M

# ---- a flood of warnings ----------------------------------------------------------
# The library caps each kind (100 and a summary line, NUL bytes too);
# the command caps the lines it prints for one file at 300, then says how
# many more there are; --log keeps every one. Here: 101 note-unused, 101
# note-duplicate, 101 unsupported (DOCX writer) and 101 nul-byte lines.
python3 - <<'PY'
parts = ['a\x00b ' * 1000 + '\n\n', 'x[^1]\n\n' + '[^1]: d\n\n' * 1000,
         ''.join('[^u%d]: unused\n\n' % i for i in range(1000)), '<div>raw</div>\n\n' * 1000]
open('flood.md', 'w').write(''.join(parts))
PY
if need write docx "a flood of warnings"; then
  run "a flood of warnings" $M -t docx -o flood.docx --log flood.log flood.md && expect_status 0 &&
    { [ "$(wc -l <stderr)" = 301 ] && [ "$(tail -n 1 stderr)" = "docmill: ... and 104 more warnings (all in the log)" ] &&
      [ "$(grep -c '"severity":"warning"' flood.log)" = 404 ] && ok "$NAME" ||
      fail "$NAME: $(wc -l <stderr) lines, last '$(tail -n 1 stderr)', $(grep -c '"severity":"warning"' flood.log) logged"; }
fi

hostile_finish
