#!/bin/sh
# SPDX-License-Identifier: MIT
# DOCX written by other programs, read by docmill, against the source:
#  - LibreOffice: docmill's DOCX of each source converted to .odt and back
#    to .docx with soffice --convert-to (other styles, numbering and run
#    structure than docmill's), in two batched soffice calls; what
#    LibreOffice makes is cached in $DM_BINARY_DIR/docx-read-cache under
#    the hash of its input, so that the sanitizer pass and later runs
#    reuse it;
#  - pandoc: `pandoc -o x.docx` from docmill's Markdown of each source.
# Each is read by docmill and must hold as many paragraphs (headings
# included), notes, numbers (ordered items and numbered parts) and table
# cells (counts.py numbers) as what it was made from: LibreOffice's as
# docmill's own DOCX read by docmill from its body, without docmill's
# custom part (roundtrip.sh compares that one with the source), pandoc's
# as docmill's Markdown read by docmill. Prints a table.
# Sources: the seed, the resolution fixtures, docmill's README and docs,
# and every UN XML file of the shared samples. A source listed in
# known-differences.txt may differ in pandoc's paragraphs and numbers, for
# the reason given there; notes and cells must still agree.
set -u
: "${DOCMILL:?}" "${DM_SOURCE_DIR:?}"
shared=${DM_SHARED_DIR:-$DM_SOURCE_DIR/../shared}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
for t in soffice pandoc; do
  command -v $t >/dev/null || { echo "FAIL: $t is not installed (scripts/install-deps.sh installs it)"; exit 1; }
done
[ -d "$shared/samples-external/unxml" ] || { echo "FAIL: $shared/samples-external/unxml is missing"; exit 1; }
cache=${DM_BINARY_DIR:-$DM_SOURCE_DIR/build}/docx-read-cache
mkdir -p "$cache" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in" "$tmp/odt" "$tmp/out"
n=0
for f in "$DM_SOURCE_DIR"/samples/un-ga-75-158-zh.md "$DM_SOURCE_DIR"/tests/fixtures/resolutions/*-md.md \
  "$DM_SOURCE_DIR"/tests/fixtures/resolutions/*.txt "$DM_SOURCE_DIR/README.md" "$DM_SOURCE_DIR"/docs/*.md \
  "$shared"/samples-external/unxml/*.xml; do
  n=$((n + 1))
  echo "$f" > "$tmp/$n.name"
  "$DOCMILL" -q "$f" -o "$tmp/$n.docx" && "$DOCMILL" -q --option docx.docmill-part=none "$tmp/$n.docx" -t native -o "$tmp/$n.src.native" &&
    "$DOCMILL" -q "$f" -t markdown -o "$tmp/$n.md" ||
    { echo "FAIL $f: docmill cannot convert the source"; exit 1; }
  h=$(sha256sum < "$tmp/$n.docx" | cut -c1-32)
  echo "$h" > "$tmp/$n.hash"
  [ -s "$cache/$h.lo.docx" ] || cp "$tmp/$n.docx" "$tmp/in/$h.docx"
  hp=$(sha256sum < "$tmp/$n.md" | cut -c1-32)
  echo "$hp" > "$tmp/$n.phash"
  if [ ! -s "$cache/$hp.pandoc.docx" ]; then
    pandoc -f markdown "$tmp/$n.md" -o "$cache/$hp.pandoc.docx" 2>/dev/null || { echo "FAIL $f: pandoc"; exit 1; }
  fi
done
if [ -n "$(ls "$tmp/in")" ]; then
  # two batches, whatever the number of files; a private profile so that a
  # running LibreOffice of the user's is not disturbed
  prof="-env:UserInstallation=file://$tmp/profile"
  soffice $prof --headless --convert-to odt --outdir "$tmp/odt" "$tmp"/in/*.docx >/dev/null 2>&1
  soffice $prof --headless --convert-to docx --outdir "$tmp/out" "$tmp"/odt/*.odt >/dev/null 2>&1
  for o in "$tmp"/out/*.docx; do [ -f "$o" ] && mv "$o" "$cache/$(basename "$o" .docx).lo.docx"; done
fi
fail=0
same=0
# "notes=N cells=N" of a counts.py line
notes_cells() { echo "$1" | sed 's/.*\(notes=[0-9]*\).*\(cells=[0-9]*\).*/\1 \2/'; }
printf '%-48s %-44s %s\n' source "docmill's DOCX" "LibreOffice / pandoc"
i=0
while [ $i -lt $n ]; do
  i=$((i + 1))
  f=$(cat "$tmp/$i.name")
  src=$($py "$here/counts.py" numbers "$tmp/$i.src.native")
  "$DOCMILL" -q -t markdown "$tmp/$i.md" -t native -o "$tmp/$i.md.native"
  md=$($py "$here/counts.py" numbers "$tmp/$i.md.native")
  lo=missing
  if [ -s "$cache/$(cat "$tmp/$i.hash").lo.docx" ]; then
    "$DOCMILL" -q -t native "$cache/$(cat "$tmp/$i.hash").lo.docx" -o "$tmp/$i.lo.native" &&
      lo=$($py "$here/counts.py" numbers "$tmp/$i.lo.native") || lo="not read"
  fi
  pd="not read"
  "$DOCMILL" -q -t native "$cache/$(cat "$tmp/$i.phash").pandoc.docx" -o "$tmp/$i.pd.native" &&
    pd=$($py "$here/counts.py" numbers "$tmp/$i.pd.native")
  st=ok
  [ "$lo" = "$src" ] || st="LIBREOFFICE DIFFERS"
  known=$(grep -v '^#' "$here/known-differences.txt" | while IFS='|' read -r pat why; do
    case $(basename "$f") in $pat) echo "$why" ;; esac
  done)
  # a known difference of pandoc's: its notes and cells must still agree
  if [ "$pd" != "$md" ] && [ -n "$known" ] && [ "$(notes_cells "$pd")" = "$(notes_cells "$md")" ]; then
    st="ok (paragraphs or numbers differ: $known)"
  elif [ "$pd" != "$md" ]; then
    st="$st PANDOC DIFFERS (from $md)"
  fi
  case $st in ok | "ok ("*) same=$((same + 1)) ;; *) fail=1 ;; esac
  printf '%-48s %-44s %s\n' "$(basename "$f")" "$src" "$st${lo:+ lo: $lo} pd: $pd" | cut -c1-240
done
echo "$n sources: $same read from LibreOffice's and pandoc's DOCX with the same counts"
exit $fail
