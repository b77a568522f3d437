#!/bin/sh
# SPDX-License-Identifier: MIT
# pandoc's own DOCX test files (test/docx/*.docx of the pandoc repository),
# read by docmill and by `pandoc -f docx -t json`, compared by counts:
# paragraphs, headings, notes, list items and table cells (counts.py).
# The files are not part of docmill: DM_PANDOC_DOCX_DIR names a folder
# holding them (a checkout's test/docx); without it the test is skipped,
# saying so. Every file must be read without error, except those listed
# in pandoc-differences.txt as refused; every difference in the counts
# must be listed there with both sides' counts and its reason (explained
# in plugins/docx/README.md), and a listed difference that is gone fails
# too, so the list stays true.
set -u
: "${DOCMILL:?}"
here=$(cd "$(dirname "$0")" && pwd)
dir=${DM_PANDOC_DOCX_DIR:-}
[ -n "$dir" ] && [ -d "$dir" ] || { echo "DM_PANDOC_DOCX_DIR is not set to pandoc's test/docx folder: skipped"; exit 77; }
command -v pandoc >/dev/null || { echo "FAIL: pandoc is not installed (scripts/install-deps.sh installs it)"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3
list=$here/pandoc-differences.txt
fail=0
same=0
n=0
for f in "$dir"/*.docx; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  name=$(basename "$f")
  entry=$(grep "^$name|" "$list" | head -1)
  if ! "$DOCMILL" -q -t native "$f" -o "$tmp/d.native" 2> "$tmp/err"; then
    case $entry in
      *"|refused|"*) grep -qF "$(echo "$entry" | cut -d'|' -f3)" "$tmp/err" &&
        { echo "refused as listed: $name: $(cat "$tmp/err")"; continue; } ;;
    esac
    echo "FAIL $name: $(cat "$tmp/err")"
    fail=1
    continue
  fi
  if ! pandoc -f docx -t json "$f" -o "$tmp/p.json" 2>/dev/null; then
    echo "pandoc cannot read $name: only docmill's reading checked"
    continue
  fi
  p=$($py "$here/counts.py" json "$tmp/p.json")
  d=$($py "$here/counts.py" native "$tmp/d.native")
  if [ "$p" = "$d" ]; then
    same=$((same + 1))
    [ -z "$entry" ] || { echo "FAIL $name: listed as different but the counts agree now: $p"; fail=1; }
    continue
  fi
  if [ "$entry" = "$name|$p|$d|$(echo "$entry" | cut -d'|' -f4-)" ] && [ -n "$entry" ]; then
    echo "explained $name: pandoc $p / docmill $d: $(echo "$entry" | cut -d'|' -f4-)"
  else
    echo "FAIL $name: pandoc $p / docmill $d, not as listed in pandoc-differences.txt"
    fail=1
  fi
done
[ "$n" -gt 0 ] || { echo "FAIL: no .docx in $dir"; exit 1; }
echo "$n files: $same with the same counts as pandoc"
exit $fail
