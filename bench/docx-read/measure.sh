#!/bin/sh
# SPDX-License-Identifier: MIT
# The DOCX reader on the bench's 20 MiB document (bench/gen.py): docmill's
# own DOCX of it read into the tree, against docmill's Markdown reader on
# the Markdown it came from. Both write the tree dump (-t native) with no
# transform, so the figures are the readers'. Targets: the DOCX read takes
# at most 1.5x the Markdown read (median of RUNS runs each, alternating),
# and its peak resident memory is at most 4x the unzipped XML of the
# package. Usage:
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
echo "input: $(wc -c < "$tmp/big.md") bytes of Markdown; DOCX $(wc -c < "$tmp/big.docx") bytes holding $xml bytes of XML"
one() { # FORMAT FILE -> "seconds kbytes"
  /usr/bin/time -f '%e %M' "$build/docmill" -q -f "$1" -t native --no-transform all "$2" -o "$tmp/out.native" 2>&1 |
    tail -1
}
: > "$tmp/md.txt"
: > "$tmp/docx.txt"
i=0
while [ $i -lt "$runs" ]; do
  one markdown "$tmp/big.md" >> "$tmp/md.txt"
  one docx "$tmp/big.docx" >> "$tmp/docx.txt"
  i=$((i + 1))
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
md=$(cut -d' ' -f1 "$tmp/md.txt" | median)
dx=$(cut -d' ' -f1 "$tmp/docx.txt" | median)
kb=$(cut -d' ' -f2 "$tmp/docx.txt" | sort -n | tail -1)
mdkb=$(cut -d' ' -f2 "$tmp/md.txt" | sort -n | tail -1)
awk -v md="$md" -v dx="$dx" -v kb="$kb" -v mdkb="$mdkb" -v xml="$xml" 'BEGIN {
  printf "markdown read: %.2f s (median of the runs), peak %d KiB\n", md, mdkb
  printf "docx read:     %.2f s, peak %d KiB\n", dx, kb
  printf "time docx/markdown: %.2fx (target <= 1.5x)\n", dx / md
  printf "memory: peak RSS / unzipped XML: %.2fx (target <= 4x)\n", kb * 1024 / xml
}'
