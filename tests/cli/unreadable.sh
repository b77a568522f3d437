#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# An unreadable input, and an output directory that cannot be written.
# CI runs as root, who can read anything, so docmill runs as user nobody
# (setpriv) on a file of mode 000. Skipped (status 77) where that cannot be
# arranged: not root, no setpriv, or nobody cannot reach the binary.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
  skip "unreadable file: needs root and setpriv to act as another user"
  exit 77
fi
AS_NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
chmod 755 "$SCRATCH"
if ! $AS_NOBODY "$DOCMILL" --version >/dev/null 2>&1; then
  skip "unreadable file: user nobody cannot run $DOCMILL"
  exit 77
fi

printf 'secret\n' >unreadable.txt
chmod 000 unreadable.txt
mkdir -m 777 out
NAME="unreadable file"
$AS_NOBODY "$DOCMILL" -f text -t native -o out/x.native unreadable.txt >stdout 2>stderr
STATUS=$?
expect_error 3 "^docmill: cannot open 'unreadable\.txt': Permission denied$" &&
  { [ -e out/x.native ] && fail "$NAME: output created" || ok "$NAME"; }

printf 'public\n' >ok.txt
mkdir -m 555 readonly
printf 'old\n' >readonly/x.native
NAME="output in a read-only directory"
$AS_NOBODY "$DOCMILL" -f text -t native -o readonly/x.native ok.txt >stdout 2>stderr
STATUS=$?
expect_error 3 "^docmill: ok\.txt: cannot write 'readonly/x\.native': Permission denied$" &&
  { [ "$(cat readonly/x.native)" = old ] && no_temporaries readonly && ok "$NAME" || fail "$NAME: output changed"; }
finish
