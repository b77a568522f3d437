# SPDX-License-Identifier: MIT
# Shared helpers of the end-to-end tests of the docmill command: a private
# scratch directory, and checks that a run gives exactly the documented exit
# status, one line on standard error saying what is wrong, and no output
# file (or an existing one left byte-identical, with no temporary files
# beside it). Each script sources this, runs its cases and ends with
# `finish`, which fails if any case failed.
set -u
: "${DOCMILL:?DOCMILL must name the docmill binary}"
case "$DOCMILL" in /*) ;; *) DOCMILL="$PWD/$DOCMILL" ;; esac

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/docmill-cli.XXXXXX") || exit 1
trap 'chmod -R u+rwX "$SCRATCH" 2>/dev/null; rm -rf "$SCRATCH"' EXIT
cd "$SCRATCH" || exit 1
FAILS=0
STDIN=/dev/null

fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
ok() { echo "ok: $*"; }
skip() { echo "SKIP: $*"; }

# dm NAME ARGS...: runs docmill with standard input from $STDIN, keeping
# its standard output in ./stdout, standard error in ./stderr and the exit
# status in $STATUS.
dm() {
  NAME=$1
  shift
  "$DOCMILL" "$@" <"$STDIN" >stdout 2>stderr
  STATUS=$?
}

# The number of lines of ./stderr.
err_lines() { wc -l <stderr | tr -d ' '; }

# expect_status WANT: the last run ended with WANT (never a signal).
expect_status() {
  if [ "$STATUS" -ne "$1" ]; then
    fail "$NAME: exit status $STATUS, want $1; stderr: $(head -c 400 stderr)"
    return 1
  fi
  return 0
}

# expect_error WANT REGEX: status WANT and exactly one line on standard
# error, matching the extended regular expression REGEX.
expect_error() {
  expect_status "$1" || return 1
  if [ "$(err_lines)" != 1 ]; then
    fail "$NAME: want one line on stderr, got $(err_lines): $(head -c 400 stderr)"
    return 1
  fi
  if ! grep -Eq -- "$2" stderr; then
    fail "$NAME: stderr '$(cat stderr)' does not match '$2'"
    return 1
  fi
  return 0
}

# no_temporaries DIR: no *.tmp-* left in DIR.
no_temporaries() {
  set -- "$1"/*.tmp-*
  if [ -e "$1" ]; then
    fail "$NAME: temporary file left behind: $*"
    return 1
  fi
  return 0
}

# bad_input NAME STATUS REGEX INPUT [ARGS...]: converting INPUT fails with
# STATUS and one line matching REGEX; -o to a new file creates nothing, -o
# onto an existing file leaves it byte-identical, and no temporary file is
# left in either case.
bad_input() {
  local name=$1 want=$2 re=$3 input=$4
  shift 4
  rm -rf outdir && mkdir outdir
  dm "$name (new output)" -t native "$@" -o outdir/new.native "$input"
  local good=1
  expect_error "$want" "$re" || good=0
  if [ -e outdir/new.native ]; then
    fail "$NAME: output file created"
    good=0
  fi
  [ -s stdout ] && { fail "$NAME: wrote to standard output"; good=0; }
  printf 'precious \0 bytes\n' >outdir/old.native
  cp outdir/old.native outdir/old.copy
  dm "$name (existing output)" -t native "$@" -o outdir/old.native "$input"
  expect_error "$want" "$re" || good=0
  cmp -s outdir/old.native outdir/old.copy || { fail "$NAME: existing output changed"; good=0; }
  no_temporaries outdir || good=0
  [ $good = 1 ] && ok "$name"
}

finish() {
  if [ "$FAILS" -ne 0 ]; then
    echo "$FAILS case(s) failed"
    exit 1
  fi
  exit 0
}
