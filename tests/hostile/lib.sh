# SPDX-License-Identifier: MIT
# Helpers of the hostile-input suite, on top of tests/cli/lib.sh (scratch
# directory, dm, expect_status, expect_error, no_temporaries, finish): a
# case runner that also catches crashes and hangs and checks what happens to
# new and existing output files, checks for the formats a case needs (so
# that a format still to come skips visibly instead of failing), and known
# bugs, which are reported on every run without failing the suite until
# their owner fixes them.
HOSTILE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HOSTILE_DIR/../cli/lib.sh"

REGRESSIONS=$HOSTILE_DIR/regressions
# No single case should take more than a few seconds; a hang is a bug.
CASE_TIMEOUT=${DM_CASE_TIMEOUT:-60}
KNOWN=0
SKIPS=0
IN_KNOWN=0

has_format() { # KIND (read|write|transform) NAME
  "$DOCMILL" --list-formats 2>/dev/null | awk -v k="$1" -v n="$2" '$1 == n && $2 == k { f = 1 } END { exit !f }'
}

# need KIND NAME CASE: true when the format exists, otherwise prints SKIP.
need() {
  has_format "$1" "$2" && return 0
  skip "$3: no $2 $1er in this build"
  SKIPS=$((SKIPS + 1))
  return 1
}

# run NAME ARGS...: dm with a time limit; a hang (124) or a signal (>= 128)
# fails the case at once.
run() {
  NAME=$1
  shift
  timeout -k 5 "$CASE_TIMEOUT" "$DOCMILL" "$@" <"$STDIN" >stdout 2>stderr
  STATUS=$?
  # Inside known_bug the check's result is reported there, not failed.
  if [ "$STATUS" -eq 124 ]; then
    [ "$IN_KNOWN" = 1 ] || fail "$NAME: still running after ${CASE_TIMEOUT}s"
    return 1
  fi
  if [ "$STATUS" -ge 128 ]; then
    [ "$IN_KNOWN" = 1 ] || fail "$NAME: killed by signal $((STATUS - 128)); stderr: $(tail -c 400 stderr)"
    return 1
  fi
  return 0
}

# hostile NAME STATUS REGEX INPUT EXT ARGS...: converts INPUT with ARGS to
# a new file outdir/new.EXT and over an existing outdir/old.EXT.
# STATUS 0: both outputs are written and REGEX (if not empty) matches a
# line of standard error. Otherwise: exactly one line on standard error,
# matching REGEX, no new file, the old file byte-identical. In every case
# no temporary file is left. Leaves the new output, if any, in ./result.
hostile() {
  local name=$1 want=$2 re=$3 input=$4 ext=$5 good=1
  shift 5
  rm -rf outdir result && mkdir outdir
  run "$name" "$@" -o "outdir/new.$ext" "$input" || return 1
  if [ "$want" -eq 0 ]; then
    expect_status 0 || return 1
    [ -s "outdir/new.$ext" ] || { fail "$NAME: no output written"; return 1; }
    if [ -n "$re" ] && ! grep -Eq -- "$re" stderr; then
      fail "$NAME: stderr '$(head -c 400 stderr)' does not match '$re'"
      return 1
    fi
    cp "outdir/new.$ext" result
  else
    expect_error "$want" "$re" || return 1
    [ -e "outdir/new.$ext" ] && { fail "$NAME: output file created"; good=0; }
  fi
  printf 'precious \0 bytes\n' >"outdir/old.$ext"
  cp "outdir/old.$ext" old.copy
  run "$name (existing output)" "$@" -o "outdir/old.$ext" "$input" || return 1
  expect_status "$want" || return 1
  if [ "$want" -ne 0 ]; then
    cmp -s "outdir/old.$ext" old.copy || { fail "$NAME: existing output changed"; good=0; }
  else
    cmp -s "outdir/old.$ext" result || { fail "$NAME: existing output not replaced by the same result"; good=0; }
  fi
  no_temporaries outdir || good=0
  [ $good = 1 ] && ok "$name"
  [ $good = 1 ]
}

# known_bug REPRODUCER WHAT COMMAND...: a bug in a part owned by someone
# else, with its reproducer under regressions/. The command is the check
# that should pass once it is fixed; until then it is reported as KNOWN.
known_bug() {
  local repro=$1 what=$2
  shift 2
  IN_KNOWN=1
  "$@" >/dev/null 2>&1
  local passed=$?
  IN_KNOWN=0
  if [ $passed = 0 ]; then
    echo "PASSES: $what ($repro): the check passes in this build; once fixed, make it a plain case"
  else
    echo "KNOWN: $what (reproducer: tests/hostile/regressions/$repro)"
    KNOWN=$((KNOWN + 1))
  fi
}

# count PATTERN FILE: the number of matches of the extended regex in FILE.
count() { grep -Eo -- "$1" "$2" | wc -l | tr -d ' '; }

hostile_finish() {
  echo "$SKIPS case(s) skipped, $KNOWN known bug(s)"
  finish
}
