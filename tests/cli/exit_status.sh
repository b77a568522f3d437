#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every exit status of the docmill command as docmill(1) documents it:
# 0 success, 1 the input could not be converted, 2 usage error, 3 I/O
# error; --help, --version and usage errors, each a single line.
. "$(dirname "$0")/lib.sh"

printf 'Hello\r\nworld\n\n\342\200\234Second\342\200\235 paragraph\n' >ok.txt
printf 'x\377\n' >bad.txt

dm "--help" --help
expect_status 0 && { grep -q '^usage: docmill' stdout && grep -q 'Exit status: 0 success' stdout &&
  [ ! -s stderr ] && ok "$NAME" || fail "$NAME: $(head -3 stdout)"; }
dm "-h" -h
expect_status 0 && { grep -q '^usage: docmill' stdout && ok "$NAME" || fail "$NAME"; }
dm "--version" --version
expect_status 0 && { grep -Eq '^docmill [0-9]+\.[0-9]+\.[0-9]+ \(plugin ABI [0-9]+\)$' stdout &&
  ok "$NAME" || fail "$NAME: $(cat stdout)"; }
dm "-V" -V
expect_status 0 && { grep -q '^docmill ' stdout && ok "$NAME" || fail "$NAME"; }

# 0: success, with the expected document on standard output.
dm "success" -f text -t native ok.txt
want=$(printf 'document\n  paragraph\n    text "Hello"\n    softbreak\n    text "world"\n  paragraph\n    text "\342\200\234Second\342\200\235 paragraph"')
expect_status 0 && { [ "$(cat stdout)" = "$want" ] && [ ! -s stderr ] && ok "$NAME" || fail "$NAME: $(cat stdout stderr)"; }
dm "success, format from -o" -f text -o out.native ok.txt
expect_status 0 && { [ "$(cat out.native)" = "$want" ] && [ ! -s stdout ] && ok "$NAME" || fail "$NAME"; }

# 1: the input could not be converted.
dm "status 1" -f text -t native bad.txt
expect_error 1 "^docmill: bad\.txt: byte 1: text: invalid UTF-8" && ok "$NAME"

# 2: usage errors, one line each.
dm "no output format" ok.txt
expect_error 2 "^docmill: name the output format with -t" && ok "$NAME"
dm "output format not from -o" -f text -o out.unknownext ok.txt
expect_error 2 "^docmill: cannot tell the output format from 'out\.unknownext'; name it with -t$" && ok "$NAME"
dm "unknown long flag" --bogus
expect_error 2 "^docmill: unknown option '--bogus' \(see docmill --help\)$" && ok "$NAME"
dm "unknown short flag" -Z
expect_error 2 "^docmill: unknown option '-Z' \(see docmill --help\)$" && ok "$NAME"
dm "flag without its argument" ok.txt -t
expect_error 2 "^docmill: option '-t' needs an argument" && ok "$NAME"
dm "--option without its argument" ok.txt --option
expect_error 2 "^docmill: option '--option' needs an argument" && ok "$NAME"
dm "malformed --option" -t native --option lenient ok.txt
expect_error 2 "^docmill: option 'lenient': expected FORMAT\.KEY=VALUE$" && ok "$NAME"
dm "bad -j" -t native -j 0 -O . ok.txt
expect_error 2 "^docmill: -j wants a number of jobs from 1 to 256, not '0'$" && ok "$NAME"
dm "two inputs" -t native ok.txt ok.txt
expect_error 2 "^docmill: one input at a time" && ok "$NAME"
dm "unknown transform" -f text -t native --transform nope ok.txt
expect_error 2 "^docmill: .*no transform named 'nope'$" && ok "$NAME"

# 3: input/output errors.
dm "missing input" -t native missing.txt
expect_error 3 "^docmill: cannot open 'missing\.txt': No such file or directory$" && ok "$NAME"
if [ -w /dev/full ]; then
  "$DOCMILL" -f text -t native ok.txt >/dev/full 2>stderr
  STATUS=$? NAME="standard output on a full disk"
  expect_error 3 "^docmill: ok\.txt: cannot write standard output: No space left on device$" && ok "$NAME"
else
  skip "standard output on a full disk: /dev/full is not writable"
fi

finish
