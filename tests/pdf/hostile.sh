#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile PDFs (written by make_hostile.py, one encrypted by qpdf) through
# the pdf module: each is either one clear error line with exit status 1-3,
# or a clean conversion; never a crash, a hang (each run is under a timeout)
# or poppler's own output on the terminal.
set -u
: "${DOCMILL:?}" "${DM_MODULE_DIR:?}"
export DOCMILL_PLUGIN_PATH="$DM_MODULE_DIR"
here=$(dirname "$0")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$here/make_hostile.py" "$tmp" || { echo "FAIL: make_hostile.py"; exit 1; }
qpdf --encrypt user owner 256 -- "$tmp/text.pdf" "$tmp/encrypted.pdf" || { echo "FAIL: qpdf"; exit 1; }
# encrypted with an owner password only: anyone may open it
qpdf --encrypt "" owner 256 -- "$tmp/text.pdf" "$tmp/owner.pdf" || { echo "FAIL: qpdf"; exit 1; }
fail=0

# expect_error FILE TEXT [ARGS...]: exit 1-3 and exactly one line on stderr,
# holding TEXT
expect_error() {
  f=$1 want=$2
  shift 2
  timeout 60 "$DOCMILL" -t native "$@" "$tmp/$f" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  lines=$(wc -l < "$tmp/err")
  if [ $rc -lt 1 ] || [ $rc -gt 3 ] || [ "$lines" -ne 1 ] || ! grep -qF "$want" "$tmp/err" || [ -s "$tmp/out" ]; then
    echo "FAIL: $f $*: exit $rc, $lines lines on stderr, expected one error with \"$want\":"
    head -5 "$tmp/err"
    fail=1
  else
    echo "ok: $f: $(cat "$tmp/err")"
  fi
}

# expect_text FILE TEXT [ARGS...]: exit 0 and TEXT in the tree
expect_text() {
  f=$1 want=$2
  shift 2
  timeout 60 "$DOCMILL" -t native "$@" "$tmp/$f" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  if [ $rc -ne 0 ] || ! grep -qF "$want" "$tmp/out"; then
    echo "FAIL: $f $*: exit $rc, expected \"$want\" in the tree:"
    head -5 "$tmp/err"
    fail=1
  else
    echo "ok: $f: converted"
  fi
}

expect_text text.pdf 'text "The General Assembly, recalling its resolutions,"'
expect_text owner.pdf 'text "The General Assembly, recalling its resolutions,"'
expect_error encrypted.pdf "encrypted PDF: it needs a password"
expect_error scan.pdf "no text layer; run OCR first"
expect_error loop.pdf "damaged PDF"
expect_error truncated.pdf "damaged PDF"
expect_error empty10k.pdf "no text on any of its 10000 pages"
expect_error empty10k.pdf "the PDF has 10000 pages, more than 100" --option pdf.max-pages=100
expect_error huge.pdf "larger than 14400 pt"
expect_text huge.pdf 'text "Text on a huge page."' --option pdf.max-page-size=2000000
# a real PDF cut short
head -c 100000 "$DM_SHARED_DIR/samples-external/pdf/A_RES_73_7-EN.pdf" > "$tmp/cut.pdf"
expect_error cut.pdf "damaged PDF"

# glyphs without Unicode values: replaced, with one warning saying so
expect_text notounicode.pdf 'text "Readable line."'
n=$(grep -c "no Unicode value" "$tmp/err")
[ "$n" -eq 1 ] || { echo "FAIL: notounicode.pdf: $n warnings about unmapped glyphs, expected 1"; fail=1; }
grep -qF "$(printf '\357\277\275\357\277\275\357\277\275\357\277\275')" "$tmp/out" ||
  { echo "FAIL: notounicode.pdf: the four unmapped glyphs are not four U+FFFD"; fail=1; }
exit $fail
