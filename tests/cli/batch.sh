#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Batch mode, `docmill -t FORMAT -O DIR FILE...`: a bad file is reported
# (one line naming it) and skipped, the others are converted, the exit
# status is that of the worst failure; the same with -j 2 and with the
# file names read from standard input.
. "$(dirname "$0")/lib.sh"

mkdir in
printf 'one\n' >in/one.txt
printf 'x\377\n' >in/bad.txt
printf 'two\ntwo b\n' >in/two.txt
printf 'three\n' >in/three.text
want_one=$(printf 'document\n  paragraph\n    text "one"')
want_two=$(printf 'document\n  paragraph\n    text "two"\n    softbreak\n    text "two b"')

# check_batch: the state after converting in/{one,bad,two}.txt and three.text.
check_batch() {
  local good=1
  expect_status 1 || return 1
  grep -Eq "^docmill: in/bad\.txt: byte 1: text: invalid UTF-8" stderr || { fail "$NAME: bad file not reported: $(cat stderr)"; good=0; }
  grep -Eq "^docmill: 3 files converted, 1 failed, in [0-9.]+ s$" stderr || { fail "$NAME: no summary: $(cat stderr)"; good=0; }
  [ "$(wc -l <stderr)" -eq 2 ] || { fail "$NAME: want 2 lines on stderr: $(cat stderr)"; good=0; }
  [ "$(cat out/one.native 2>/dev/null)" = "$want_one" ] || { fail "$NAME: out/one.native wrong"; good=0; }
  [ "$(cat out/two.native 2>/dev/null)" = "$want_two" ] || { fail "$NAME: out/two.native wrong"; good=0; }
  [ -e out/three.native ] || { fail "$NAME: out/three.native missing"; good=0; }
  [ -e out/bad.native ] && { fail "$NAME: out/bad.native written"; good=0; }
  no_temporaries out || good=0
  [ $good = 1 ] && ok "$NAME"
}

rm -rf out && mkdir out
dm "batch" -t native -O out in/one.txt in/bad.txt in/two.txt in/three.text
check_batch
rm -rf out && mkdir out
dm "batch -j 2" -t native -j 2 -O out in/one.txt in/bad.txt in/two.txt in/three.text
check_batch
rm -rf out && mkdir out
printf 'in/one.txt\nin/bad.txt\r\n\nin/two.txt\nin/three.text' >names
STDIN=names
dm "batch, names on standard input, -j 2" -f text -t native -j 2 -O out
STDIN=/dev/null
check_batch

rm -rf out && mkdir out
dm "batch, worst status wins" -f text -t native -O out in/one.txt in/missing.txt in/bad.txt
expect_status 3 && { [ -e out/one.native ] && grep -q "cannot open 'in/missing.txt'" stderr && ok "$NAME" ||
  fail "$NAME: $(cat stderr)"; }
dm "batch, all good" -f text -t native -O out -j 3 in/one.txt in/two.txt
expect_status 0 && { grep -Eq "^docmill: 2 files converted, 0 failed" stderr && ok "$NAME" || fail "$NAME: $(cat stderr)"; }
dm "batch, --quiet" -q -f text -t native -O out in/one.txt in/two.txt
expect_status 0 && { [ ! -s stderr ] && ok "$NAME" || fail "$NAME: $(cat stderr)"; }
dm "batch into a missing directory" -t native -O nowhere in/one.txt
expect_error 3 "^docmill: output directory 'nowhere' does not exist$" && ok "$NAME"
dm "batch with -o" -t native -O out -o x.native in/one.txt
expect_error 2 "^docmill: -o and -O cannot be used together$" && ok "$NAME"

# Two inputs with the same base name would share an output: the second is
# reported and skipped instead of silently replacing the first's.
mkdir -p a b && printf 'from a\n' >a/same.txt && printf 'from b\n' >b/same.txt
rm -rf out && mkdir out
dm "batch, clashing output names" -f text -t native -j 2 -O out a/same.txt b/same.txt
expect_status 2 && {
  grep -Eq "^docmill: 'b/same\.txt' would overwrite 'out/same\.native', the output of 'a/same\.txt'; skipped$" stderr &&
    grep -q 'text "from a"' out/same.native && ok "$NAME" || fail "$NAME: $(cat stderr out/same.native)"
}
finish
