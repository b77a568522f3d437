#!/bin/sh
# SPDX-License-Identifier: MIT
# Paragraph direction (w:bidi on a paragraph or its style) into the model:
# a paragraph against the document's direction carries "dir" (the AKN
# writer's dma:dir), the others go the way the document's language says.
# A line without any right-to-left letter (a symbol, a date) is left to
# right in any document and says nothing. The expected counts come from
# bidi.py (Python's XML parser and unicodedata over the DOCX), the DOCX
# being docmill's of the official UN XML files read from the body
# (docx.docmill-part=none, as a DOCX saved by Word is read):
#  - Arabic 75/158 as written: language ar, and no paragraph says a
#    direction (those that are not w:bidi hold no Arabic letter);
#  - the same with one Arabic paragraph made left to right (w:bidi
#    w:val="0"): that one is "ltr", in the tree and in the AKN;
#  - English 75/158 with w:bidi added to one paragraph, then to one style:
#    that paragraph, or the one of that style, is "rtl", none is "ltr".
set -u
: "${DOCMILL:?}" "${DM_SOURCE_DIR:?}"
shared=${DM_SHARED_DIR:-$DM_SOURCE_DIR/../shared}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
un=$shared/samples-external/unxml
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
body="--option docx.docmill-part=none"
# check NAME DOCX COUNT DIR OTHER LANG: the paragraphs "dir" DIR in the
# tree and the AKN are bidi.py's COUNT, none is OTHER, the language LANG
check() {
  $py "$here/bidi.py" count "$2" > "$tmp/$1.want" || { fail=1; return; }
  against=$(grep "^$3 " "$tmp/$1.want" | cut -d' ' -f2)
  set -- "$1" "$2" "${3%%-*}" "$4" "$5"
  "$DOCMILL" -q $body "$2" -t native -o "$tmp/$1.native" && "$DOCMILL" -q $body "$2" -t akn -o "$tmp/$1.xml" ||
    { echo "FAIL $1: not read"; fail=1; return; }
  got=$(grep -c "@dir=\"$3\"" "$tmp/$1.native")
  akn=$(grep -o "dma:dir=\"$3\"" "$tmp/$1.xml" | wc -l)
  same=$(grep -c "@dir=\"$4\"" "$tmp/$1.native")
  if [ "$against" -gt 0 ] && [ "$got" -eq "$against" ] && [ "$akn" -eq "$against" ] && [ "$same" -eq 0 ] &&
    grep -q "meta \"language\" \"$5\"" "$tmp/$1.native"; then
    echo "ok $1: $got paragraphs $3 in a document in $5, as in the DOCX"
  else
    echo "FAIL $1: $3 in the DOCX $against, in the tree $got, in the AKN $akn; $4 in the tree $same"; fail=1
  fi
}
"$DOCMILL" -q "$un/75session_Arabic_75_158_A.xml" -o "$tmp/ar.docx" &&
  "$DOCMILL" -q "$un/75session_English_75_158_E.xml" -o "$tmp/en.docx" || { echo "FAIL: cannot write the DOCX"; exit 1; }
"$DOCMILL" -q $body "$tmp/ar.docx" -t native -o "$tmp/ar.native" || exit 1
if [ "$($py "$here/bidi.py" count "$tmp/ar.docx" | grep ltr-with)" = "ltr-with-rtl-letters 0" ] &&
  ! grep -q "@dir" "$tmp/ar.native" && grep -q 'meta "language" "ar"' "$tmp/ar.native"; then
  echo "ok arabic: no paragraph against the document's direction, none said"
else
  echo "FAIL arabic: $(grep -c @dir "$tmp/ar.native") paragraphs with a direction"; fail=1
fi
$py "$here/bidi.py" ltr "$tmp/ar.docx" "$tmp/ar-ltr.docx" "وإذ تقر" || exit 1
check arabic-ltr "$tmp/ar-ltr.docx" ltr-with-rtl-letters rtl ar
$py "$here/bidi.py" para "$tmp/en.docx" "$tmp/para.docx" "Recalling" || exit 1
check paragraph "$tmp/para.docx" rtl ltr en
$py "$here/bidi.py" style "$tmp/en.docx" "$tmp/style.docx" Formula || exit 1
check style "$tmp/style.docx" rtl ltr en
exit $fail
