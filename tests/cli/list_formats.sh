#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `docmill --list-formats` lists each format with its direction, its
# extensions and a description: readers markdown and text, writers
# markdown and native. Skipped (status 77) while the Markdown plugin is
# not built, after checking the rest.
. "$(dirname "$0")/lib.sh"

dm "--list-formats" --list-formats
expect_status 0 || finish
[ -s stderr ] && fail "$NAME: wrote to stderr: $(cat stderr)"
# NAME DIRECTION EXTENSIONS... DESCRIPTION, one per line
has() { grep -Eq "^$1 +$2 +$3 +[^ ]" stdout; }
has text read '\.txt \.text' && ok "reader text" || fail "reader text missing: $(cat stdout)"
has native write '\.native' && ok "writer native" || fail "writer native missing: $(cat stdout)"
if awk '$2 != "read" && $2 != "write" && $2 != "transform" { exit 1 }' stdout; then
  ok "every line names a direction"
else
  fail "a line without a direction: $(cat stdout)"
fi
missing=""
has markdown read '\.md' && ok "reader markdown" || missing="$missing reader-markdown"
has markdown write '\.md' && ok "writer markdown" || missing="$missing writer-markdown"
if [ -n "$missing" ]; then
  [ "$FAILS" -ne 0 ] && finish
  skip "not built yet:$missing"
  exit 77
fi
finish
