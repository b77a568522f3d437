#!/bin/sh
# SPDX-License-Identifier: MIT
# docmill's own DOCX read back. For the seed, notes-marks.md beside this
# script (letters as note markers, a note referenced twice, notes in a
# list, a quotation and a table), every resolution fixture, docmill's
# README and every UN XML file of the shared samples
# ($DM_SHARED_DIR/samples-external/unxml), the source is written as DOCX
# and that DOCX read again:
#  - every source, read with docmill's custom XML part (the default):
#    DOCX -> AKN is byte for byte source -> AKN, and DOCX -> Markdown is
#    source -> Markdown; for the UN XML files, aknfacts.py checks the AKN
#    read back against the official file with Python's XML parser (eIds,
#    meta blocks, FRBR, keywords, references, cover page, spans, text).
# The rest reads the body alone (--option docx.docmill-part=none), which
# is what a DOCX saved by Word or any other program gives:
#  - Markdown and text sources: DOCX -> Markdown equals source -> Markdown
#    (soft line breaks undone on both sides by mdnorm.py: DOCX has no soft
#    break, the writer writes the space it stands for);
#  - every source: the facts mdnorm.py --facts extracts from the Markdown
#    are equal: the note markers in order of reference, each note's text,
#    the numbers opening paragraphs, and the text without markup or
#    spacing. For the UN XML files read from the body this is what "the
#    same document" means: Word has no place for Akoma Ntoso's spans,
#    metadata and cover page, so the un-resolution transform rebuilds the
#    structure from the text, which is compared in full
#    (plugins/docx/README.md);
#  - DOCX -> AKN, for the resolutions in Markdown, equals source -> AKN
#    (metadata compared as a set: the order differs).
# Differences that are not the reader's are listed, with the reason, in
# known-differences.txt: for those files the notes and numbers must still
# be equal, and the test says which it let through.
set -u
: "${DOCMILL:?}" "${DM_SOURCE_DIR:?}"
shared=${DM_SHARED_DIR:-$DM_SOURCE_DIR/../shared}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
exact=0
facts=0
part=0
body="--option docx.docmill-part=none"
set -- "$DM_SOURCE_DIR"/samples/un-ga-75-158-zh.md "$here/notes-marks.md" "$DM_SOURCE_DIR"/tests/fixtures/resolutions/*-md.md \
  "$DM_SOURCE_DIR"/tests/fixtures/resolutions/*.txt "$DM_SOURCE_DIR/README.md"
[ -d "$shared/samples-external/unxml" ] || { echo "FAIL: $shared/samples-external/unxml is missing"; exit 1; }
set -- "$@" "$shared"/samples-external/unxml/*.xml
for f in "$@"; do
  n=$((n + 1))
  b=$tmp/$n
  "$DOCMILL" -q "$f" -o "$b.docx" || { echo "FAIL $f: to docx"; fail=1; continue; }
  "$DOCMILL" -q "$f" -t markdown -o "$b.src.md" || { echo "FAIL $f: to markdown"; fail=1; continue; }
  "$DOCMILL" -q "$f" -t akn -o "$b.src.xml" || { echo "FAIL $f: to akn"; fail=1; continue; }
  # with docmill's part: the document as it was written
  "$DOCMILL" -q "$b.docx" -t akn -o "$b.part.xml" && "$DOCMILL" -q "$b.docx" -t markdown -o "$b.part.md" ||
    { echo "FAIL $f: docx -> akn or markdown"; fail=1; continue; }
  if ! cmp -s "$b.src.xml" "$b.part.xml" || ! cmp -s "$b.src.md" "$b.part.md"; then
    echo "FAIL $f: AKN or Markdown through DOCX (with docmill's part) differs:"
    diff "$b.src.xml" "$b.part.xml" | cut -c1-300 | head -10
    diff "$b.src.md" "$b.part.md" | cut -c1-300 | head -10
    fail=1
    continue
  fi
  case $f in *.xml)
    if ! $py "$here/aknfacts.py" "$f" "$b.part.xml"; then
      echo "FAIL $f: the AKN read back from DOCX is not the official file's"
      fail=1
      continue
    fi ;;
  esac
  part=$((part + 1))
  # the body alone
  "$DOCMILL" -q $body "$b.docx" -t markdown -o "$b.via.md" || { echo "FAIL $f: docx -> markdown"; fail=1; continue; }
  $py "$here/mdnorm.py" --facts "$b.src.md" > "$b.src.facts"
  $py "$here/mdnorm.py" --facts "$b.via.md" > "$b.via.facts"
  known=$(grep -v '^#' "$here/known-differences.txt" | while IFS='|' read -r pat why; do
    case $(basename "$f") in $pat) echo "$why" ;; esac
  done)
  if [ -n "$known" ] && ! cmp -s "$b.src.facts" "$b.via.facts"; then
    # the text differs for a reason listed there: notes and numbers must not
    grep -v '^text ' "$b.src.facts" > "$b.src.k"
    grep -v '^text ' "$b.via.facts" > "$b.via.k"
    if cmp -s "$b.src.k" "$b.via.k"; then
      echo "KNOWN $f: $known"
      facts=$((facts + 1))
      continue
    fi
  fi
  if ! cmp -s "$b.src.facts" "$b.via.facts"; then
    echo "FAIL $f: notes, numbers or text differ through DOCX:"
    diff "$b.src.facts" "$b.via.facts" | cut -c1-300 | head -10
    fail=1
    continue
  fi
  facts=$((facts + 1))
  case $f in *.xml) continue ;; esac
  $py "$here/mdnorm.py" "$b.src.md" > "$b.src.norm"
  $py "$here/mdnorm.py" "$b.via.md" > "$b.via.norm"
  if ! cmp -s "$b.src.norm" "$b.via.norm"; then
    echo "FAIL $f: Markdown through DOCX differs:"
    diff "$b.src.norm" "$b.via.norm" | cut -c1-300 | head -10
    fail=1
    continue
  fi
  # Text sources hold their preface as lines of one paragraph; the DOCX
  # writer turns those soft breaks into spaces, so the recogniser finds
  # less there (plugins/docx/README.md). README.md and notes-marks.md get
  # an author from docProps/core.xml, where the recogniser gives
  # resolutions none. Only resolutions written in Markdown are compared.
  case $f in *.txt | */README.md | */notes-marks.md) exact=$((exact + 1)); continue ;; esac
  "$DOCMILL" -q $body "$b.docx" -t akn -o "$b.via.xml" ||
    { echo "FAIL $f: to akn"; fail=1; continue; }
  $py "$here/mdnorm.py" --akn "$b.src.xml" > "$b.src.akn"
  $py "$here/mdnorm.py" --akn "$b.via.xml" > "$b.via.akn"
  if ! cmp -s "$b.src.akn" "$b.via.akn"; then
    echo "FAIL $f: AKN through DOCX differs:"
    diff "$b.src.akn" "$b.via.akn" | cut -c1-300 | head -10
    fail=1
    continue
  fi
  exact=$((exact + 1))
done
echo "$n sources: $part with the same AKN and Markdown through DOCX with docmill's part;"
echo "read from the body: $facts with the same notes, numbers and text; $exact of the Markdown and text ones identical"
exit $fail
