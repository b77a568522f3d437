#!/bin/sh
# SPDX-License-Identifier: MIT
# The OASIS examples (originals in the WD17 draft namespace and the
# *.os-ns.xml copies) and the AKN4UN-style files convert with exit 0; every
# authorialNote of the source is a note in the tree and a footnote in the
# Markdown, and every num is kept (as a label or, where nothing is
# numbered, as a span). Each also converts to DOCX: as many
# w:footnoteReference in word/document.xml as authorialNotes, and every
# num's text at the start of a paragraph of the DOCX (and of a line of the
# Markdown). Counts in the source come from xmllint, never from docmill.
#
# Every num must be there: no gap is allowed (report_nums still accepts a
# list of tolerated labels, kept empty, so that a future known gap is
# written down here rather than silently skipped).
set -u
: "${DOCMILL:?}" "${DM_SHARED_DIR:?}"
command -v xmllint >/dev/null 2>&1 || { echo "xmllint missing: skipped"; exit 77; }
dir="$DM_SHARED_DIR/samples-external"
[ -d "$dir/akn" ] || { echo "no samples in $dir: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
docx=0
"$DOCMILL" --list-formats 2>/dev/null | grep -q '^docx  *write' && docx=1
command -v unzip >/dev/null 2>&1 || docx=0
[ "$docx" = 1 ] || echo "no DOCX writer or no unzip: DOCX checks skipped"

# nums_missing NUMS TEXT GAPS: the nums (one a line) that do not start as
# many lines of TEXT as they occur in NUMS, each prefixed "GAP " when GAPS
# (the labels of the divs whose labels the writer is known to drop) holds
# it as often, else "MISSING ". Whitespace is compared collapsed.
nums_missing() {
  awk -v NUMS="$1" -v GAPS="$3" '
    function norm(s) { gsub(/[ \t\r]+/, " ", s); sub(/^ /, "", s); sub(/ $/, "", s); return s }
    BEGIN {
      while ((getline l < NUMS) > 0) { l = norm(l); if (l != "") { want[l]++; order[++n] = l } }
      while ((getline l < GAPS) > 0) { l = norm(l); if (l != "") gap[l]++ }
    }
    { p = norm($0); for (t in want) if (index(p, t) == 1 && (length(p) == length(t) || substr(p, length(t) + 1, 1) == " ")) have[t]++ }
    END {
      for (i = 1; i <= n; i++) {
        t = order[i]; if (done[t]++) continue
        short = want[t] - have[t]
        if (short <= 0) continue
        g = gap[t] + 0; if (g > short) g = short
        for (k = 0; k < g; k++) print "GAP " t
        for (k = g; k < short; k++) print "MISSING " t
      }
    }' "$2"
}

# report_nums FILE FORMAT NUMS TEXT GAPS
report_nums() {
  nums_missing "$3" "$4" "$5" > "$tmp/missing"
  if grep -q '^MISSING ' "$tmp/missing"; then
    echo "FAIL $1: nums missing from the $2: $(sed -n 's/^MISSING //p' "$tmp/missing" | tr '\n' '|')"; fail=1
  fi
  if grep -q '^GAP ' "$tmp/missing"; then
    echo "KNOWN GAP $1: $(grep -c '^GAP ' "$tmp/missing") labels of section/recital divs missing from the $2:" \
      "$(sed -n 's/^GAP //p' "$tmp/missing" | tr '\n' '|')"
  fi
}

for f in "$dir"/akn/*.xml "$dir"/akn4un/*.xml; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  b=$(basename "$f")
  notes=$(xmllint --xpath 'count(//*[local-name()="authorialNote"])' "$f")
  nums=$(xmllint --xpath 'count(//*[local-name()="num"])' "$f")
  if ! "$DOCMILL" -q -f akn -t native "$f" -o "$tmp/$b.native"; then
    echo "FAIL $b: native conversion failed"; fail=1; continue
  fi
  if ! "$DOCMILL" -f akn -t markdown "$f" -o "$tmp/$b.md" 2>"$tmp/$b.err"; then
    echo "FAIL $b: markdown conversion failed"; cat "$tmp/$b.err"; fail=1; continue
  fi
  got_notes=$(grep -c '^ *note\( \|$\)' "$tmp/$b.native")
  got_md_notes=$(grep -c '^\[^[^]]*\]:' "$tmp/$b.md")
  labels=$(grep -c '^ *div .*label=' "$tmp/$b.native")
  spans=$(grep -c '^ *span class="num"' "$tmp/$b.native")
  got_nums=$((labels + spans))
  [ "$got_notes" -eq "$notes" ] || { echo "FAIL $b: $notes authorialNotes, $got_notes notes in the tree"; fail=1; }
  [ "$got_md_notes" -eq "$notes" ] || { echo "FAIL $b: $notes authorialNotes, $got_md_notes Markdown footnotes"; fail=1; }
  [ "$got_nums" -eq "$nums" ] || { echo "FAIL $b: $nums nums, $labels labels + $spans num spans"; fail=1; }
  # Every num's text, in document order, one a line (xmllint ends each).
  : > "$tmp/$b.nums"
  i=1
  while [ "$i" -le "$nums" ]; do
    xmllint --xpath "normalize-space(string((//*[local-name()='num'])[$i]))" "$f" >> "$tmp/$b.nums"
    i=$((i + 1))
  done
  : > "$tmp/$b.gaps"
  # Markdown: a num starts a line, after any heading marks or escapes.
  sed 's/\\//g; s/^[#> ]*//' "$tmp/$b.md" > "$tmp/$b.md.lines"
  report_nums "$b" Markdown "$tmp/$b.nums" "$tmp/$b.md.lines" "$tmp/$b.gaps"
  if [ "$docx" = 1 ]; then
    if ! "$DOCMILL" -q -f akn -t docx "$f" -o "$tmp/$b.docx" 2>"$tmp/$b.err"; then
      echo "FAIL $b: docx conversion failed"; cat "$tmp/$b.err"; fail=1; continue
    fi
    unzip -p "$tmp/$b.docx" word/document.xml > "$tmp/$b.document.xml"
    refs=$(grep -o '<w:footnoteReference[ />]' "$tmp/$b.document.xml" | wc -l)
    [ "$refs" -eq "$notes" ] || { echo "FAIL $b: $notes authorialNotes, $refs w:footnoteReference in the DOCX"; fail=1; }
    # One paragraph (or line after a w:br) a line, tabs as spaces, tags
    # dropped, entities decoded.
    sed 's#</w:p>#\n#g; s#<w:br/>#\n#g; s#<w:br [^>]*/>#\n#g' "$tmp/$b.document.xml" |
      sed 's/<w:tab[ />][^>]*>/ /g; s/<w:tab>/ /g; s/<[^>]*>//g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g' |
      sed "s/&apos;/'/g; s/&amp;/\\&/g" > "$tmp/$b.docx.lines"
    report_nums "$b" DOCX "$tmp/$b.nums" "$tmp/$b.docx.lines" "$tmp/$b.gaps"
  fi
  echo "ok $b: $notes notes, $nums nums${refs:+, $refs DOCX footnote references}"
  refs=
done
[ "$n" -gt 0 ] || { echo "no sample files: skipped"; exit 77; }
# The AKN4UN files break the schema (duplicate eIds): read with warnings.
for f in "$dir"/akn4un/*.xml; do
  [ -f "$f" ] || continue
  "$DOCMILL" -f akn -t native "$f" -o "$tmp/w.native" 2>"$tmp/w.err" || { echo "FAIL $f: not exit 0"; fail=1; }
  grep -q 'warning:.*duplicate eId' "$tmp/w.err" || { echo "FAIL $(basename "$f"): no duplicate-eId warning"; fail=1; }
done
exit $fail
