#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile DOCX packages (built by mkdocx.py): each is either refused with
# one clear line naming the input and what is wrong, exit status 1 and no
# output, or read cleanly, within bounded memory (a peak resident set under
# 512 MiB, measured with /usr/bin/time) and time (the test's timeout). Zip slip, a decompression bomb, too many entries, a
# DOCTYPE with an external entity in any of five parts, a billion-laughs
# entity, not XML, no document part: refused. 10^5 runs in a paragraph,
# numbering that refers to itself, a basedOn loop and a chain of 5,000
# styles, relationships to parts that are missing: read, with warnings.
set -u
: "${DOCMILL:?}"
[ -x /usr/bin/time ] || { echo "FAIL: /usr/bin/time is missing (Debian package time)"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
# run CASE: reads the case to Markdown; its peak memory in $tmp/CASE.kb
run() {
  /usr/bin/time -o "$tmp/$1.kb" -f %M "$DOCMILL" "$tmp/$1.docx" -t markdown -o "$tmp/$1.md" 2> "$tmp/$1.err"
}
bounded() {
  kb=$(tail -1 "$tmp/$1.kb")
  [ "$kb" -lt 524288 ] || { echo "FAIL $1: peak memory $kb KiB"; fail=1; }
}
refused() { # CASE PATTERN
  /usr/bin/python3 "$here/mkdocx.py" "$1" "$tmp/$1.docx" || { echo "FAIL $1: cannot build"; fail=1; return; }
  run "$1"
  rc=$?
  bounded "$1"
  if [ $rc -eq 1 ] && [ ! -e "$tmp/$1.md" ] && [ "$(wc -l < "$tmp/$1.err")" -eq 1 ] &&
    grep -q "$1.docx.*$2" "$tmp/$1.err"; then
    echo "ok $1: $(cat "$tmp/$1.err")"
  else
    echo "FAIL $1: exit $rc, expected 1 and one line matching '$2':"; cat "$tmp/$1.err"; fail=1
  fi
}
read_ok() { # CASE EXPECTED-GREP WARNING-GREP
  /usr/bin/python3 "$here/mkdocx.py" "$1" "$tmp/$1.docx" || { echo "FAIL $1: cannot build"; fail=1; return; }
  run "$1"
  rc=$?
  bounded "$1"
  if [ $rc -eq 0 ] && grep -q "$2" "$tmp/$1.md" && { [ -z "$3" ] || grep -q "$3" "$tmp/$1.err"; }; then
    echo "ok $1"
  else
    echo "FAIL $1: exit $rc, output or warning not as expected:"; head -c 300 "$tmp/$1.md"; cat "$tmp/$1.err"; fail=1
  fi
}
refused bad-zip-slip "'../../evil.xml' refused: its name has a '..' component"
refused bad-bomb "bomb.bin' refused: it would inflate"
refused bad-many-entries "more than 10000"
for p in document styles footnotes rels pkgrels; do refused bad-xxe-$p "DOCTYPE declaration: refused"; done
refused hostile-laughs "entity"
refused bad-not-xml "the root is not w:document"
refused bad-missing-document "no word/document.xml in the package"
read_ok hostile-runs "w99999" ""
# the 10^5 runs are one paragraph: one line of Markdown holding every run
[ "$(grep -o 'w[0-9]*' "$tmp/hostile-runs.md" | wc -l)" -eq 100000 ] || { echo "FAIL hostile-runs: runs lost"; fail=1; }
read_ok hostile-numbering-loop "^2\. again" "refers to itself through style 'L'"
read_ok hostile-style-loop "^## looped" "based on itself through its basedOn chain"
read_ok missing-parts "^numbered" "refer to numbering that numbering.xml does not define"
grep -q "footnote 5, which is not defined" "$tmp/missing-parts.err" || { echo "FAIL missing-parts: no note warning"; fail=1; }
exit $fail
