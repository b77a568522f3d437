#!/bin/sh
# SPDX-License-Identifier: MIT
# docmill's custom XML part (customXml/item1.xml) when the DOCX is no
# longer what docmill wrote (variants made by custompart.py from docmill's
# DOCX of an official UN XML file):
#  - a word of the body edited (as in Word): the body is read, with one
#    warning, the edit is in the AKN, and the part's metadata still gives
#    every classification keyword of the official file (counted with
#    Python's XML parser);
#  - trees that break the model's rules (text at the top, an element that
#    is no node, a reference to no note, text in a paragraph, a role not
#    known): the body is read, with one warning naming the fault;
#  - a tree deeper than libxml2 reads: one clear error;
#  - the option docx.docmill-part: none ignores the part (no keyword in
#    the AKN), metadata reads the body and keeps the keywords, another
#    value is a usage error (exit 2) naming the three.
set -u
: "${DOCMILL:?}" "${DM_SOURCE_DIR:?}"
shared=${DM_SHARED_DIR:-$DM_SOURCE_DIR/../shared}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
src=$shared/samples-external/unxml/75session_English_75_158_E.xml
[ -f "$src" ] || { echo "FAIL: $src is missing"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
"$DOCMILL" -q "$src" -o "$tmp/in.docx" || { echo "FAIL: cannot write the DOCX"; exit 1; }
want=$($py "$here/custompart.py" keywords "$src")
[ "$want" -gt 0 ] || { echo "FAIL: no keyword in $src"; exit 1; }

# edited text
$py "$here/custompart.py" edit "$tmp/in.docx" "$tmp/edit.docx" "Reiterating its strong condemnation" \
  "Reiterating its firm condemnation" || exit 1
if "$DOCMILL" "$tmp/edit.docx" -t akn -o "$tmp/edit.xml" 2> "$tmp/edit.err" &&
  [ "$(grep -c "not used: document.xml or footnotes.xml changed" "$tmp/edit.err")" -eq 1 ] &&
  grep -q "firm condemnation" "$tmp/edit.xml" && [ "$($py "$here/custompart.py" keywords "$tmp/edit.xml")" = "$want" ]; then
  echo "ok edited body: read from the text, $want keywords kept"
else
  echo "FAIL edited body:"; cat "$tmp/edit.err"; fail=1
fi

# broken trees: CASE WARNING XML
broken() {
  $py "$here/custompart.py" tree "$tmp/in.docx" "$tmp/$1.docx" "$3" || { fail=1; return; }
  if "$DOCMILL" "$tmp/$1.docx" -t markdown -o "$tmp/$1.md" 2> "$tmp/$1.err" &&
    [ "$(grep -c "not used: $2" "$tmp/$1.err")" -eq 1 ] && grep -q "strong condemnation" "$tmp/$1.md"; then
    echo "ok $1: $2"
  else
    echo "FAIL $1:"; cat "$tmp/$1.err"; fail=1
  fi
}
broken text-at-top "a node where the model allows none" "<dm:document><dm:text>loose</dm:text></dm:document>"
broken no-node "an element that is no node" "<dm:document><dm:paragraph><dm:bogus/></dm:paragraph></dm:document>"
broken dangling-ref "a note reference to no note" "<dm:document><dm:paragraph><dm:note_ref ref=\"9\"/></dm:paragraph></dm:document>"
broken stray-text "text in a node that holds none" "<dm:document><dm:paragraph>stray</dm:paragraph></dm:document>"
broken bad-role "a division of an unknown role" "<dm:document><dm:div role=\"chapter\"/></dm:document>"

# too deep for libxml2: one clear error, no output
deep=$($py -c 'print("<dm:document>" + "<dm:div role=\"none\">" * 300 + "</dm:div>" * 300 + "</dm:document>")')
$py "$here/custompart.py" tree "$tmp/in.docx" "$tmp/deep.docx" "$deep" || exit 1
"$DOCMILL" "$tmp/deep.docx" -t markdown -o "$tmp/deep.md" 2> "$tmp/deep.err"
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$tmp/deep.md" ] && [ "$(wc -l < "$tmp/deep.err")" -eq 1 ] &&
  grep -q "deep.docx.*item1.xml: not well-formed XML" "$tmp/deep.err"; then
  echo "ok too deep: $(cat "$tmp/deep.err")"
else
  echo "FAIL too deep: exit $rc"; cat "$tmp/deep.err"; fail=1
fi

# the option
"$DOCMILL" -q --option docx.docmill-part=none "$tmp/in.docx" -t akn -o "$tmp/none.xml" &&
  "$DOCMILL" -q --option docx.docmill-part=metadata "$tmp/in.docx" -t akn -o "$tmp/meta.xml" || fail=1
if [ "$($py "$here/custompart.py" keywords "$tmp/none.xml")" = 0 ] &&
  [ "$($py "$here/custompart.py" keywords "$tmp/meta.xml")" = "$want" ] && ! grep -q 'eId="container_2"' "$tmp/meta.xml"; then
  echo "ok docx.docmill-part: none ignores the part, metadata keeps $want keywords and reads the body"
else
  echo "FAIL docx.docmill-part"; fail=1
fi
"$DOCMILL" --option docx.docmill-part=some "$tmp/in.docx" -t markdown -o "$tmp/some.md" 2> "$tmp/some.err"
rc=$?
if [ $rc -eq 2 ] && [ ! -e "$tmp/some.md" ] && grep -q "docmill-part is 'some': all, metadata or none" "$tmp/some.err"; then
  echo "ok docx.docmill-part=some: $(cat "$tmp/some.err")"
else
  echo "FAIL docx.docmill-part=some: exit $rc"; cat "$tmp/some.err"; fail=1
fi
exit $fail
