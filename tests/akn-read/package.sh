#!/bin/sh
# SPDX-License-Identifier: MIT
# .akn packages whose components differ from main.xml: what the reader
# learns from one file (main.xml is a resolution, main.xml was written by
# docmill) must not change how the next file reads. The packages are built
# here with python3's zipfile; each expected tree was written by hand from
# the AKN, following docs/MODEL.md and plugins/akn/akn_common.h.
set -u
: "${DOCMILL:?}"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 missing"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

python3 - <<'PY' || exit 1
import zipfile
NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0'
def akn(body, extra=''):
    return '<?xml version="1.0"?>\n<akomaNtoso xmlns="%s"%s>%s</akomaNtoso>\n' % (NS, extra, body)
main = akn('<statement name="resolution"><mainBody>'
           '<paragraph eId="para_1"><num>1.</num><content><p>Operative.</p></content></paragraph>'
           '</mainBody></statement>')
annex = akn('<doc name="annex"><mainBody>'
            '<paragraph eId="para_1"><num>1.</num><content><p>Of the annex.</p></content></paragraph>'
            '</mainBody></doc>')
with zipfile.ZipFile('resolution.akn', 'w') as z:
    z.writestr('main.xml', main)
    z.writestr('annex_1.xml', annex)
# main.xml from docmill, the annex from another tool: its hcontainer
# name="blocks" is a unit of its own, not docmill's wrapper of blocks.
dm_main = akn('<doc name="document"><mainBody><p>Main.</p></mainBody></doc>',
              ' xmlns:dm="urn:docmill:akn:1"')
other = akn('<doc name="annex"><mainBody><hcontainer name="blocks" eId="hcontainer_1">'
            '<content><p>Kept as a unit.</p></content></hcontainer></mainBody></doc>')
with zipfile.ZipFile('mixed.akn', 'w') as z:
    z.writestr('main.xml', dm_main)
    z.writestr('annex_1.xml', other)
PY

fail=0
# expect NAME FILE: the native tree of FILE against the text on stdin.
expect() {
  cat > "$1.want"
  if ! "$DOCMILL" -f akn "$2" -t native -o "$1.got" 2> "$1.err"; then
    echo "FAIL $1: $(cat "$1.err")"
    fail=1
    return
  fi
  if diff -u "$1.want" "$1.got"; then echo "ok: $1"; else echo "FAIL $1: tree differs"; fail=1; fi
}

# The annex's paragraph is a section of class paragraph, not an operative
# paragraph of the resolution; the document stays a resolution.
expect resolution resolution.akn <<'TREE'
document
  meta "akn:type" "statement"
  meta "akn:name" "resolution"
  meta "doc-type" "resolution"
  div role=main_body
    div role=paragraph label="1." @eId="para_1"
      paragraph
        text "Operative."
  div role=component class="annex" @src="annex_1.xml"
    div role=main_body
      div role=section label="1." class="paragraph" @eId="para_1"
        paragraph
          text "Of the annex."
TREE

expect mixed mixed.akn <<'TREE'
document
  meta "akn:type" "doc"
  meta "akn:name" "document"
  div role=main_body
    paragraph
      text "Main."
  div role=component class="annex" @src="annex_1.xml"
    div role=main_body
      div role=section class="blocks" @eId="hcontainer_1" @name="blocks"
        paragraph
          text "Kept as a unit."
TREE
exit $fail
