#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A binary format is never written to a terminal: docmill refuses with
# status 2 when standard output is a tty, and writes when it is not. The
# binary writer comes from a test plugin (argument 1) loaded with --plugin;
# util-linux script(1) provides the terminal. Skipped (status 77) without
# script or the plugin.
. "$(dirname "$0")/lib.sh"

PLUGIN=${1:-}
if [ -z "$PLUGIN" ] || [ ! -f "$PLUGIN" ]; then
  skip "binary writer to a terminal: no test plugin given"
  exit 77
fi
if ! command -v script >/dev/null || ! script -qc true /dev/null </dev/null >/dev/null 2>&1; then
  skip "binary writer to a terminal: util-linux script cannot provide a terminal here"
  exit 77
fi
printf 'hello\n' >ok.txt

dm "plugin listed" --plugin "$PLUGIN" --list-formats
expect_status 0 && { grep -Eq "^testbin +write +\.testbin +.*\[plugin: " stdout && ok "$NAME" ||
  fail "$NAME: $(cat stdout stderr)"; }

# script runs the command on a new terminal; its own output (the
# terminal's) lands in typescript.out.
NAME="binary writer to a terminal"
script -qec "'$DOCMILL' --plugin '$PLUGIN' -f text -t testbin ok.txt; echo \"status=\$?\"" /dev/null \
  </dev/null >typescript.out 2>&1
if grep -q "refusing to write testbin (a binary format) to a terminal; use -o FILE" typescript.out &&
  grep -q "status=2" typescript.out; then
  ok "$NAME"
else
  fail "$NAME: $(cat typescript.out)"
fi
NAME="text writer to a terminal"
script -qec "'$DOCMILL' -f text -t native ok.txt; echo \"status=\$?\"" /dev/null </dev/null >typescript.out 2>&1
grep -q 'text "hello"' typescript.out && grep -q "status=0" typescript.out && ok "$NAME" ||
  fail "$NAME: $(cat typescript.out)"

dm "binary writer to a pipe" --plugin "$PLUGIN" -f text -t testbin ok.txt
expect_status 0 && { [ ! -s stderr ] && ok "$NAME" || fail "$NAME: $(cat stderr)"; }
dm "binary writer to a file" --plugin "$PLUGIN" -f text -o out.testbin ok.txt
expect_status 0 && { [ -e out.testbin ] && ok "$NAME" || fail "$NAME: no file"; }
finish
