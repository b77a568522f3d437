#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile inputs to the AKN reader: each must fail with exit status 1, a
# message, no output file, within a second, and must never show the
# content of /etc/passwd. The hostile ZIPs are built here with python3.
set -u
: "${DOCMILL:?}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
NS='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'
BODY="<akomaNtoso xmlns=\"$NS\"><doc name=\"x\"><mainBody><p>"
END='</p></mainBody></doc></akomaNtoso>'

{
  echo '<?xml version="1.0"?>'
  echo '<!DOCTYPE akomaNtoso ['
  echo '<!ENTITY l0 "ha">'
  i=1
  while [ $i -le 20 ]; do
    p=$((i - 1))
    echo "<!ENTITY l$i \"&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;\">"
    i=$((i + 1))
  done
  echo ']>'
  echo "$BODY&l20;$END"
} > bomb.xml
printf '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n%s&x;%s\n' "$BODY" "$END" > xxe.xml
printf '<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso SYSTEM "http://example.com/akn.dtd">\n%shello%s\n' "$BODY" "$END" > net.xml
printf '<?xml version="1.0"?>\n%sThe text is cut <b>in the mid' "$BODY" > truncated.xml
printf '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>hello</p></body></html>\n' > notakn.xml

have_python=0
if command -v python3 >/dev/null 2>&1; then
  have_python=1
  python3 - "$BODY" "$END" <<'PY' || exit 1
import sys, zipfile
body, end = sys.argv[1], sys.argv[2]
main = '<?xml version="1.0"?>\n' + body + 'main' + end
with zipfile.ZipFile('slip.akn', 'w') as z:
    z.writestr('main.xml', main)
    z.writestr('../../evil.xml', main)
with zipfile.ZipFile('zipbomb.akn', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('main.xml', main)
    z.writestr('annex_1.xml', b'<a>' + b' ' * (100 << 20) + b'</a>')
PY
fi

fail=0
check() {
  name=$1
  shift
  start=$(date +%s%N)
  "$DOCMILL" "$@" -o out.md 2>err.txt
  rc=$?
  end=$(date +%s%N)
  ms=$(((end - start) / 1000000))
  if [ $rc -ne 1 ]; then echo "FAIL $name: exit $rc, want 1"; fail=1; fi
  if [ -e out.md ]; then echo "FAIL $name: output file written"; fail=1; rm -f out.md; fi
  if [ ! -s err.txt ]; then echo "FAIL $name: no message"; fail=1; fi
  if [ $ms -ge 1000 ]; then echo "FAIL $name: took $ms ms"; fail=1; fi
  if grep -q 'root:' err.txt; then echo "FAIL $name: /etc/passwd content in the message"; fail=1; fi
  echo "$name: exit $rc in $ms ms: $(cat err.txt)"
}
check bomb -t markdown bomb.xml
check xxe -t markdown xxe.xml
check xxe-forced -f akn -t markdown xxe.xml
check network-dtd -t markdown net.xml
check truncated -f akn -t markdown truncated.xml
check not-akn -f akn -t markdown notakn.xml
if [ $have_python -eq 1 ]; then
  check zip-slip -t markdown slip.akn
  check zip-bomb -t markdown zipbomb.akn
else
  echo "python3 missing: ZIP cases not run"
fi
exit $fail
