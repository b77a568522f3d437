#!/bin/sh
# SPDX-License-Identifier: MIT
# The DOCX reader on the bench's 20 MiB document (bench/gen.py): docmill's
# own DOCX of it read into the tree, against docmill's Markdown reader on
# the Markdown it came from. Both write the tree dump (-t native) with no
# transform, so the figures are the readers'. Targets: the DOCX read takes
# at most 1.5x the Markdown read (median of RUNS runs each, alternating),
# and its peak resident memory is at most 4x the unzipped XML of the
# package. docmill's own DOCX holds its custom XML part, which the reader
# takes while the body is unchanged: both reads are measured, the part's
# (the default) and the body's (docx.docmill-part=none, what a DOCX
# saved by Word gives), each against the XML that path reads. Usage:
#   bench/docx-read/measure.sh BUILD_DIR [SIZE_BYTES] [RUNS]
# Needs /usr/bin/time (Debian package "time"), python3 and unzip.
set -eu
build=${1:?build directory}
size=${2:-20971520}
runs=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/../gen.py" "$size" "$tmp/big.md"
"$build/docmill" -q "$tmp/big.md" -o "$tmp/big.docx"
xml=$(unzip -l "$tmp/big.docx" | awk '$4 ~ /\.(xml|rels)$/ { s += $1 } END { print s }')
part=$(unzip -l "$tmp/big.docx" | awk '$4 ~ /^customXml/ { s += $1 } END { print s + 0 }')
echo "input: $(wc -c < "$tmp/big.md") bytes of Markdown; DOCX $(wc -c < "$tmp/big.docx") bytes holding $xml bytes of XML"
one() { # FORMAT FILE [OPTION] -> "seconds kbytes"
  /usr/bin/time -f '%e %M' "$build/docmill" -q -f "$1" ${3:+--option "$3"} -t native --no-transform all "$2" \
    -o "$tmp/out.native" 2>&1 | tail -1
}
: > "$tmp/md.txt"
: > "$tmp/docx.txt"
: > "$tmp/body.txt"
i=0
while [ $i -lt "$runs" ]; do
  one markdown "$tmp/big.md" >> "$tmp/md.txt"
  one docx "$tmp/big.docx" >> "$tmp/docx.txt"
  one docx "$tmp/big.docx" docx.docmill-part=none >> "$tmp/body.txt"
  i=$((i + 1))
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
md=$(cut -d' ' -f1 "$tmp/md.txt" | median)
dx=$(cut -d' ' -f1 "$tmp/docx.txt" | median)
kb=$(cut -d' ' -f2 "$tmp/docx.txt" | sort -n | tail -1)
bd=$(cut -d' ' -f1 "$tmp/body.txt" | median)
bkb=$(cut -d' ' -f2 "$tmp/body.txt" | sort -n | tail -1)
mdkb=$(cut -d' ' -f2 "$tmp/md.txt" | sort -n | tail -1)
awk -v md="$md" -v dx="$dx" -v kb="$kb" -v mdkb="$mdkb" -v xml="$xml" -v part="$part" -v bd="$bd" -v bkb="$bkb" 'BEGIN {
  printf "markdown read: %.2f s (median of the runs), peak %d KiB\n", md, mdkb
  printf "docx read, docmill'"'"'s part (%d bytes of XML): %.2f s, peak %d KiB\n", part, dx, kb
  printf "docx read, the body alone: %.2f s, peak %d KiB\n", bd, bkb
  printf "time docx/markdown: part %.2fx, body %.2fx (target <= 1.5x)\n", dx / md, bd / md
  printf "memory: peak RSS / unzipped XML: part %.2fx, body %.2fx (%.2fx of the XML but the part) (target <= 4x)\n",
    kb * 1024 / xml, bkb * 1024 / xml, bkb * 1024 / (xml - part)
}'
