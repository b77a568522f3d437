#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs/PANDOC.md says, for each of pandoc's options, what docmill does with
# it. This checks every row against the docmill under test: an option
# marked supported or no-op must be known (no "unknown option"), one marked
# refused must be refused with "unknown option '...'" and exit status 2;
# "differs" rows name letters docmill uses otherwise, so they must be
# known too. -s, --standalone and --sandbox must change nothing.
. "$(dirname "$0")/lib.sh"
TABLE="$DM_SOURCE_DIR/docs/PANDOC.md"
rows=0
while IFS='|' read -r _ opts answer _; do
  answer=$(echo "$answer" | tr -d ' ')
  case $answer in supported | no-op | refused | differs) ;; *) continue ;; esac
  rows=$((rows + 1))
  for opt in $(echo "$opts" | grep -oE -- '`-[^`]+`' | tr -d '`'); do
    dm "$opt" "$opt"
    if [ "$answer" = refused ]; then
      if [ "$STATUS" = 2 ] && grep -qF -- "unknown option '$opt'" stderr; then :; else
        fail "$opt is marked refused, but docmill says (status $STATUS): $(head -c 200 stderr)"
      fi
    elif grep -q "unknown option" stderr; then
      fail "$opt is marked $answer, but docmill does not know it"
    fi
  done
done <"$TABLE"
[ "$rows" -ge 50 ] && ok "$rows rows of docs/PANDOC.md checked" || fail "only $rows rows found in docs/PANDOC.md"
printf '# T\n\nText.\n' >doc.md
"$DOCMILL" -t markdown doc.md >plain.out
for opt in -s --standalone --sandbox; do
  dm "$opt changes nothing" "$opt" -t markdown doc.md
  expect_status 0 && cmp -s stdout plain.out && ok "$NAME" || fail "$NAME"
done
dm "-r and -w are -f and -t" -r markdown -w native doc.md
expect_status 0 && grep -q '^document' stdout && ok "$NAME" || fail "$NAME: $(cat stderr)"
printf 'x\n\n[^9]: unused\n' >warn.md
dm "--fail-if-warnings is --strict" --fail-if-warnings -t native warn.md
expect_error 1 "^docmill: --strict: " && ok "$NAME"
finish
