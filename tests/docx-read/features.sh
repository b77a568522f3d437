#!/bin/sh
# SPDX-License-Identifier: MIT
# What the DOCX reader makes of hand-built packages (mkdocx.py): numbering
# as Word displays it (nested "1." / "(a)" / "(i)", a restart by
# startOverride, Arabic abjad letters, upper roman, "%1.%2"), headings by
# style name in French and Chinese, through basedOn and by outline level,
# run formatting, a quote, code, notes with Word's and custom marks and a
# NOTEREF second reference, tracked changes, a comment, fields, links, a
# content control and a table with merged cells. The expected Markdown
# (*.expect.md) was written from the cases' definitions in mkdocx.py and
# checked line by line against what Word shows for them; the warnings are
# checked one by one.
set -u
: "${DOCMILL:?}"
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
for c in numbering features; do
  /usr/bin/python3 "$here/mkdocx.py" $c "$tmp/$c.docx" || { echo "FAIL $c: cannot build the package"; fail=1; continue; }
  "$DOCMILL" "$tmp/$c.docx" -t markdown -o "$tmp/$c.md" 2> "$tmp/$c.err" || { echo "FAIL $c: not read"; cat "$tmp/$c.err"; fail=1; continue; }
  if cmp -s "$here/$c.expect.md" "$tmp/$c.md"; then echo "ok $c"; else echo "FAIL $c:"; diff "$here/$c.expect.md" "$tmp/$c.md"; fail=1; fi
done
[ -s "$tmp/numbering.err" ] && { echo "FAIL numbering: unexpected warnings:"; cat "$tmp/numbering.err"; fail=1; }
for w in 'tracked changes: 1 insertions accepted, 1 deletions dropped' '1 comments dropped' \
  '7 bytes of hidden text' '1 merged table cells kept as empty cells' \
  'markdown: 1 table cell(s) spanning rows or columns written in their first place only'; do
  if grep -qF "$w" "$tmp/features.err"; then echo "ok warning: $w"; else echo "FAIL: no warning '$w'"; fail=1; fi
done
n=$(wc -l < "$tmp/features.err")
[ "$n" -eq 5 ] || { echo "FAIL: $n warnings, 5 expected:"; cat "$tmp/features.err"; fail=1; }
# A number format not known: decimal, and one warning naming it.
/usr/bin/python3 "$here/mkdocx.py" numbering-unknown "$tmp/nu.docx" &&
  "$DOCMILL" "$tmp/nu.docx" -t markdown -o "$tmp/nu.md" 2> "$tmp/nu.err" || { echo "FAIL numbering-unknown"; fail=1; }
if [ "$(cat "$tmp/nu.md")" = "$(printf '1: one\n\n2: two')" ] && grep -q "2 numbers in formats not known (the first: cardinalText)" "$tmp/nu.err"; then
  echo "ok numbering-unknown"
else
  echo "FAIL numbering-unknown:"; cat "$tmp/nu.md" "$tmp/nu.err"; fail=1
fi

# Headers and footers: furniture, reported as information; the symbol and
# the job number go into the metadata, with core.xml's title, author and
# language. Endnotes are numbered i, ii as Word numbers them by default.
/usr/bin/python3 "$here/mkdocx.py" furniture "$tmp/furniture.docx" || { echo "FAIL furniture: cannot build"; exit 1; }
"$DOCMILL" -v "$tmp/furniture.docx" -t native -o "$tmp/furniture.native" 2> "$tmp/furniture.err" ||
  { echo "FAIL furniture: not read"; cat "$tmp/furniture.err"; exit 1; }
for want in 'meta "symbol" "A/RES/75/158"' 'meta "job-number" "20-17284"'   'meta "title" "Trafficking in women and girls"' 'meta "author" "Drafting Unit"' 'meta "language" "en"'   'note marker="i"' 'note marker="ii"'; do
  if grep -qF "$want" "$tmp/furniture.native"; then echo "ok furniture: $want"; else echo "FAIL furniture: no $want"; fail=1; fi
done
for want in "word/header1.xml: 'A/RES/75/158' left out as page furniture" \
  "word/footer1.xml: '20-17284 (E) 3' left out as page furniture"; do
  if grep -qF "$want" "$tmp/furniture.err"; then echo "ok furniture: $want"; else echo "FAIL furniture: no '$want'"; cat "$tmp/furniture.err"; fail=1; fi
done
if grep -v '^ *meta ' "$tmp/furniture.native" | grep -q 'A/RES\|20-17284'; then
  echo "FAIL furniture: header or footer text in the body"
  fail=1
fi
exit $fail
