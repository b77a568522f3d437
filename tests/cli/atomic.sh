#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Outputs are never half-written: a conversion that fails, while reading or
# while writing, leaves an existing output byte-identical and no temporary
# file (*.tmp-*) behind; a conversion that succeeds replaces the output
# whole, keeping its permissions.
. "$(dirname "$0")/lib.sh"

printf 'good\n' >good.txt
printf 'good \377\n' >bad.txt
# About 20 KB of output: more than a 1 KiB file-size limit allows.
for i in $(seq 1 500); do printf 'line %d of a long enough document\n\n' "$i"; done >big.txt

printf 'old contents\n' >out.native
cp out.native expected
dm "failed read" -f text -t native -o out.native bad.txt
expect_error 1 "bad\.txt: byte 5:" && { cmp -s out.native expected && no_temporaries . && ok "$NAME" ||
  fail "$NAME: output changed"; }

# A write that fails half-way: a 1 KiB file-size limit (ulimit -f counts
# 1024-byte blocks). docmill ignores SIGXFSZ, so the write fails with EFBIG.
NAME="failed write (file too large)"
(ulimit -f 1 && exec "$DOCMILL" -f text -t native -o out.native big.txt) >stdout 2>stderr
STATUS=$?
expect_error 3 "^docmill: big\.txt: cannot write 'out\.native': File too large$" &&
  { cmp -s out.native expected && no_temporaries . && ok "$NAME" || fail "$NAME: output changed"; }
NAME="failed write to a new file"
(ulimit -f 1 && exec "$DOCMILL" -f text -t native -o new.native big.txt) >stdout 2>stderr
STATUS=$?
expect_error 3 "cannot write 'new\.native': File too large$" &&
  { [ ! -e new.native ] && no_temporaries . && ok "$NAME" || fail "$NAME: file left"; }

chmod 640 out.native
dm "success replaces the output" -f text -t native -o out.native good.txt
expect_status 0 && {
  [ "$(cat out.native)" = "$(printf 'document\n  paragraph\n    text "good"')" ] &&
    [ "$(stat -c %a out.native)" = 640 ] && no_temporaries . && ok "$NAME" ||
    fail "$NAME: $(stat -c %a out.native) $(cat out.native)"
}
NAME="a new output follows the umask"
(umask 027 && exec "$DOCMILL" -f text -t native -o fresh.native good.txt) >stdout 2>stderr
STATUS=$?
expect_status 0 && { [ "$(stat -c %a fresh.native)" = 640 ] && ok "$NAME" || fail "$NAME: mode $(stat -c %a fresh.native)"; }
finish
