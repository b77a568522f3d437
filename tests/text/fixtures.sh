#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The text reader on real pdftotext-style resolutions (tests/fixtures/
# resolutions/*-txt.txt): the paragraphs and page breaks docmill finds are
# counted independently with tr, sed and awk from the same rules (blank or
# whitespace-only lines and form feeds end paragraphs; form feeds before the
# first text and after the last make no page break). The fixtures have no
# U+3000, so POSIX [[:space:]] is the whole blank-line rule here.
set -u
: "${DOCMILL:?}" "${DM_SOURCE_DIR:?}"
fails=0 n=0
for f in "$DM_SOURCE_DIR"/tests/fixtures/resolutions/*-txt.txt; do
  [ -e "$f" ] || continue
  n=$((n + 1))
  dump=$("$DOCMILL" -f text -t native --no-transform all "$f" 2>&1) || { echo "FAIL: $f: $dump"; fails=$((fails + 1)); continue; }
  got_p=$(grep -c '^  paragraph$' <<<"$dump")
  got_b=$(grep -c '^  page_break$' <<<"$dump")
  want_p=$(tr '\f\r' '\n\n' <"$f" | sed "s/^[[:space:]]*$//" | awk 'BEGIN { RS = "" } END { print NR }')
  want_b=$(tr -d ' \t\r\n\v' <"$f" | sed 's/^\f*//; s/\f*$//' | tr -cd '\f' | wc -c)
  if [ "$got_p" != "$want_p" ] || [ "$got_b" != "$want_b" ]; then
    echo "FAIL: $f: $got_p paragraphs and $got_b page breaks, want $want_p and $want_b"
    fails=$((fails + 1))
  else
    echo "ok: $(basename "$f"): $got_p paragraphs, $got_b page breaks"
  fi
done
[ "$n" -gt 0 ] || { echo "SKIP: no fixtures"; exit 77; }
[ "$fails" -eq 0 ]
