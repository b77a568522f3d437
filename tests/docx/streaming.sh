#!/bin/sh
# SPDX-License-Identifier: MIT
# The DOCX writer streams word/document.xml and word/footnotes.xml into
# their zip entries in chunks of 256 KiB from a second thread. Small
# documents (under 20,000 nodes) are written whole without that thread,
# and would never leave the first chunk anyway, so this converts a generated
# document of about 1.5 MiB (bench/gen.py, deterministic) whose parts span
# many chunks, and checks the package the way a user's tools would: every
# part valid against the ECMA-376 schemas, one footnote per definition of
# the source (counted with grep, not by docmill), each reference with its
# footnote, and pandoc reading back the same number of notes.
set -u
: "${DOCMILL:?}" "${DM_SOURCE_DIR:?}" "${DM_SHARED_DIR:?}"
check=$DM_SHARED_DIR/tools/docx-check.sh
command -v python3 >/dev/null || { echo "skipped: python3 missing"; exit 77; }
[ -f "$check" ] || { echo "skipped: $check missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$DM_SOURCE_DIR/bench/gen.py" 1500000 "$tmp/big.md" || exit 1
notes=$(grep -c '^\[\^[0-9]*\]: ' "$tmp/big.md")
[ "$notes" -gt 1000 ] || { echo "FAIL: generator made only $notes notes"; exit 1; }
"$DOCMILL" -q "$tmp/big.md" -o "$tmp/big.docx" || { echo "FAIL: conversion failed"; exit 1; }
doc_bytes=$(unzip -p "$tmp/big.docx" word/document.xml | wc -c)
[ "$doc_bytes" -gt 1048576 ] || { echo "FAIL: document.xml is only $doc_bytes bytes: not streamed"; exit 1; }
out=$(bash "$check" --no-lo --expect-footnotes "$notes" "$tmp/big.docx" 2>&1)
echo "$out" | grep -E '^(footnote_refs|footnotes_real|pandoc_footnotes|xsd_word_document.xml|xsd_word_footnotes.xml|verdict):'
echo "$out" | grep -q '^verdict: ok' || { echo "FAIL: docx-check on a streamed package"; echo "$out" | tail -20; exit 1; }
# The same input must give the same bytes: the streaming thread may not
# change what is written.
"$DOCMILL" -q "$tmp/big.md" -o "$tmp/again.docx" && cmp "$tmp/big.docx" "$tmp/again.docx" ||
  { echo "FAIL: two conversions differ"; exit 1; }
echo "ok: $notes footnotes in a $doc_bytes-byte document.xml"
