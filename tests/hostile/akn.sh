#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hostile Akoma Ntoso, beyond tests/akn-read/hostile.sh (which checks the
# billion laughs, an external entity, a network DTD, a truncated file, a
# ZIP slip with '../' and a ZIP bomb for status 1 and some message): here
# each case also has its message, an existing output must survive, and the
# cases that file does not have are added: a quadratic-blowup entity, a
# parameter entity, XInclude, 10,000 nested elements (blocks and inlines),
# only whitespace, invalid UTF-8, and packages with an absolute path, a
# backslash path, a symbolic-link entry, 100,001 entries, a nested package,
# a duplicate main.xml, no main.xml and a truncated archive. Skipped as a
# whole while there is no AKN reader.
. "$(dirname "$0")/lib.sh"

if ! has_format read akn; then
  skip "no akn reader in this build"
  exit 77
fi
NS='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'
BODY="<akomaNtoso xmlns=\"$NS\"><doc name=\"x\"><mainBody><p>"
END='</p></mainBody></doc></akomaNtoso>'
rep() { printf -- "$1%.0s" $(seq 1 "$2"); }
A="-f akn"
ENTITY="entities can read local files or expand without bound, and AKN does not use them"

# ---- XML --------------------------------------------------------------------
# One 100,000-byte entity used 5,000 times: no nesting, 500 MB if expanded.
{
  echo '<?xml version="1.0"?>'
  echo "<!DOCTYPE akomaNtoso [<!ENTITY big \"$(head -c 100000 /dev/zero | tr '\0' x)\">]>"
  printf '%s' "$BODY"
  rep '&big;' 5000
  echo "$END"
} >quadratic.xml
hostile "quadratic-blowup entity" 1 "^docmill: quadratic\.xml:2:[0-9]+: akn: refused: the DOCTYPE declares the entity 'big'; $ENTITY$" \
  quadratic.xml native $A
printf '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY %% p SYSTEM "file:///etc/passwd"> %%p;]>\n%shi%s\n' \
  "$BODY" "$END" >param.xml
hostile "parameter entity to a local file" 1 \
  "^docmill: param\.xml:2:[0-9]+: akn: refused: the DOCTYPE declares the entity 'p' pointing outside the document; $ENTITY$" \
  param.xml native $A
# XInclude is not processed: the element is unknown and nothing is read.
printf '<?xml version="1.0"?>\n%s<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>%s\n' \
  "$BODY" "$END" >xinclude.xml
if hostile "XInclude of a local file" 0 "warning: akn: unknown element <include> in namespace http://www\.w3\.org/2001/XInclude" \
  xinclude.xml native $A; then
  grep -q 'root:' result && fail "XInclude of a local file: /etc/passwd in the output"
fi
{
  printf '<?xml version="1.0"?>\n<akomaNtoso xmlns="%s"><doc name="x"><mainBody>' "$NS"
  rep '<blockContainer>' 10000
  printf '<p>x</p>'
  rep '</blockContainer>' 10000
  echo '</mainBody></doc></akomaNtoso>'
} >deep-blocks.xml
hostile "10,000 nested blocks" 1 "^docmill: deep-blocks\.xml:2:[0-9]+: akn: elements nested deeper than the limit of 1000$" \
  deep-blocks.xml native $A
{
  printf '<?xml version="1.0"?>\n%s' "$BODY"
  rep '<b>' 10000
  printf x
  rep '</b>' 10000
  echo "$END"
} >deep-inlines.xml
hostile "10,000 nested inlines" 1 "^docmill: deep-inlines\.xml:2:[0-9]+: akn: elements nested deeper than the limit of 1000$" \
  deep-inlines.xml native $A
printf ' \n\t\n' >blank.xml
hostile "whitespace only" 1 "^docmill: blank\.xml:[0-9:]+ akn: not well-formed XML" blank.xml native $A
printf '<?xml version="1.0"?>\n%sbad \377 byte%s\n' "$BODY" "$END" >badutf8.xml
# libxml2 puts the offending bytes on a line of their own ("Bytes: 0xFF
# ..."): the reader keeps the error on one line.
run "invalid UTF-8" $A -t native -o bad.native badutf8.xml && expect_status 1 &&
  { head -n 1 stderr | grep -Eq "^docmill: badutf8\.xml:2:[0-9]+: akn: not well-formed XML: Input is not proper UTF-8" &&
    [ "$(err_lines)" = 1 ] && [ ! -e bad.native ] && ok "$NAME" || fail "$NAME: $(cat stderr)"; }
run "invalid UTF-8, one line" $A -t native "$REGRESSIONS/akn-invalid-utf8-two-line-message.xml" &&
  { [ "$STATUS" = 1 ] && [ "$(err_lines)" = 1 ] && ok "$NAME" || fail "$NAME: $(cat stderr)"; }

# ---- packages -----------------------------------------------------------------
python3 - "$NS" <<'PY' || { fail "python3 could not build the packages"; finish; }
import stat, sys, zipfile
main = ('<?xml version="1.0"?>\n<akomaNtoso xmlns="%s"><doc name="x"><mainBody><p>main</p>'
        '</mainBody></doc></akomaNtoso>\n' % sys.argv[1])
def mk(name, entries):
    with zipfile.ZipFile(name, 'w') as z:
        for n, d in entries:
            z.writestr(n, d)
mk('absolute.akn', [('main.xml', main), ('/etc/evil.xml', main)])
mk('backslash.akn', [('main.xml', main), ('..\\..\\evil.xml', main)])
link = zipfile.ZipInfo('link.xml')
link.create_system = 3
link.external_attr = (stat.S_IFLNK | 0o777) << 16
mk('symlink.akn', [('main.xml', main), (link, '/etc/passwd')])
mk('nomain.akn', [('other.xml', main)])
mk('many.akn', [('main.xml', main)] + [('media/f%d.txt' % i, 'x') for i in range(100000)])
mk('nested.akn', [('main.xml', main), ('inner.akn', open('absolute.akn', 'rb').read())])
import warnings
warnings.simplefilter('ignore')
mk('twomain.akn', [('main.xml', main), ('main.xml', main)])
d = open('absolute.akn', 'rb').read()
open('truncated.akn', 'wb').write(d[:len(d) // 2])
PY
hostile "ZIP entry with an absolute path" 1 "^docmill: absolute\.akn: akn: package entry '/etc/evil\.xml' refused: its name has an absolute path$" \
  absolute.akn native $A
hostile "ZIP entry with backslashes" 1 "^docmill: backslash\.akn: akn: package entry '\.\.\\\\\.\.\\\\evil\.xml' refused: its name has a backslash$" \
  backslash.akn native $A
# A symbolic-link entry is never made a link: its "content" is the target's
# name, which is not XML.
hostile "ZIP symbolic-link entry" 1 "^docmill: symlink\.akn:.*akn: link\.xml: not well-formed XML" symlink.akn native $A
hostile "ZIP with 100,001 entries" 1 "^docmill: many\.akn: akn: package refused: 100001 entries, more than 10000$" \
  many.akn native $A
hostile "ZIP without main.xml" 1 "^docmill: nomain\.akn: akn: not an Akoma Ntoso package: no main\.xml$" nomain.akn native $A
hostile "ZIP with main.xml twice" 1 "^docmill: twomain\.akn: akn: not a readable ZIP package" twomain.akn native $A
hostile "truncated ZIP" 1 "^docmill: truncated\.akn: akn: not a readable ZIP package" truncated.akn native $A
# A package inside the package is a media file, never opened.
hostile "ZIP inside the package" 0 "warning: akn: the package holds 1 media file no writer carries yet: inner\.akn \[media\]$" \
  nested.akn native $A

# ---- amplification -------------------------------------------------------------
# <!ATTLIST> defaults are copied by libxml2 into every element they name:
# 100 defaults of 100 bytes on 100,000 <p> (800 KB) made gigabytes. Any
# internal subset is refused, an ATTLIST at once, an empty one at the root.
{
  echo '<?xml version="1.0"?>'
  printf '<!DOCTYPE akomaNtoso [<!ATTLIST p'
  for i in $(seq 1 100); do printf ' a%d CDATA "%s"' "$i" "$(rep x 100)"; done
  echo '>]>'
  printf '%s' "${BODY%<p>}"
  rep '<p>t</p>' 100000
  echo '</mainBody></doc></akomaNtoso>'
} >attlist.xml
SUBSET="AKN declares nothing there, and the default attributes it may declare are copied into every element$"
hostile "ATTLIST defaults on 100,000 elements" 1 \
  "^docmill: attlist\.xml:2:[0-9]+: akn: refused: the DOCTYPE has an internal subset \(<!ATTLIST p>\); $SUBSET" attlist.xml native $A
printf '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [ ]>\n%shi%s\n' "$BODY" "$END" >subset.xml
hostile "empty internal subset" 1 "^docmill: subset\.xml:3:[0-9]+: akn: refused: the DOCTYPE of <akomaNtoso> has an internal subset; $SUBSET" \
  subset.xml native $A
printf '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso>\n%shi%s\n' "$BODY" "$END" >nosubset.xml
hostile "DOCTYPE without a subset" 0 "" nosubset.xml native $A
# libxml2 2.9 compares each attribute with all the earlier ones of its
# element: 10^5 took 4 s, 2 x 10^5 25 s. 1000 are accepted, 1001 not.
for n in 1000 1001 100000; do
  { echo '<?xml version="1.0"?>'; printf '%s' "${BODY%<p>}<p"; for i in $(seq 1 $n); do printf ' a%d="v"' "$i"; done; echo ">hi$END"; } >attrs$n.xml
done
hostile "1000 attributes" 0 "" attrs1000.xml native $A
hostile "1001 attributes" 1 "^docmill: attrs1001\.xml:2: akn: refused: an element with more than 1000 attributes \(the limit\)$" \
  attrs1001.xml native $A
CASE_TIMEOUT=10 hostile "100,000 attributes" 1 "^docmill: attrs100000\.xml:2: akn: refused: an element with more than 1000 attributes" \
  attrs100000.xml native $A
# '=' inside quoted values, comments and CDATA are no attributes
{ echo '<?xml version="1.0"?>'; printf '%s' "${BODY%<p>}<p a=\"$(rep = 2000)\"><!-- $(rep 'x=1 ' 2000) -->hi$END"; } >equals.xml
hostile "2000 '=' in a value and a comment" 0 "" equals.xml native $A

# A package whose entries each stay under the per-entry floor of 1 MiB but
# inflate to more than 100 times the package in all (1000 such entries made
# a gigabyte from 175 KB): the library's ZIP reader refuses it at once.
python3 - <<PY
import zipfile
ns, body = "$NS", "<p>t</p>" * 130000
with zipfile.ZipFile("inflate.akn", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for name in ["main.xml"] + ["c%d.xml" % i for i in range(40)]:
        z.writestr(name, '<akomaNtoso xmlns="%s"><doc name="x"><mainBody>%s</mainBody></doc></akomaNtoso>' % (ns, body))
PY
hostile "package inflating 100 times its size" 1 \
  "^docmill: inflate\.akn: akn: package refused: its entries inflate to [0-9]+ bytes, more than 100 times its [0-9]+ \(a decompression bomb\?\)$" \
  inflate.akn native $A

hostile_finish
