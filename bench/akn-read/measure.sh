#!/bin/sh
# SPDX-License-Identifier: MIT
# Peak resident memory of the AKN reader on a generated 20 MiB resolution,
# against the target of 4x the input size. Usage:
#   bench/akn-read/measure.sh BUILD_DIR [SIZE_BYTES]
# Needs /usr/bin/time (Debian package "time") and python3.
set -eu
build=${1:?build directory}
size=${2:-20971520}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/gen_akn.py" "$size" "$here/../../samples/un-ga-75-158-zh.md" > "$tmp/big.xml"
bytes=$(wc -c < "$tmp/big.xml")
for to in native markdown; do
  /usr/bin/time -v "$build/docmill" -q -f akn -t "$to" --no-transform all "$tmp/big.xml" -o "$tmp/out.$to" 2> "$tmp/time.txt"
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.txt")
  secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time.txt")
  ratio=$(awk -v kb="$kb" -v b="$bytes" 'BEGIN { printf "%.2f", kb * 1024 / b }')
  echo "akn -> $to: input $bytes bytes, peak RSS $kb KiB = ${ratio}x input, wall $secs"
done
