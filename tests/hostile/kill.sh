#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Killing docmill leaves nothing behind but complete outputs: SIGTERM,
# SIGINT, SIGHUP and SIGKILL at random points of a 20 MiB conversion to
# DOCX, into a new file and over an existing one, and of a `-j 2` batch;
# then the same signals but SIGKILL with the named temporaries used where
# there is no O_TMPFILE (no /proc to link one through, in a mount
# namespace of our own, when run as root), which the signal handler
# removes. After each kill the output directory holds, for each output,
# either nothing (or the old file, unchanged) or the complete output,
# byte-identical to an uninterrupted run's; never a temporary or a part.
# The kill times are random within the measured length of a run; the seed
# is printed so that a failure can be replayed (DM_KILL_SEED).
. "$(dirname "$0")/lib.sh"

need write docx "kill tests" || exit 77
# Background jobs of a script ignore SIGINT unless job control is on.
set -m
SEED=${DM_KILL_SEED:-$$}
RANDOM=$SEED
echo "seed $SEED"

python3 - <<'PY'
import random
random.seed(19)
words = "general assembly resolution adopted recalling noting decides requests".split()
def make(name, size):
    out, n = [], 0
    while n < size:
        p = " ".join(random.choice(words) for _ in range(60)) + "\n\n"
        out.append(p)
        n += len(p)
    open(name, "w").write("".join(out))
make("big.txt", 20 << 20)
make("b.txt", 6 << 20)
make("c.txt", 6 << 20)
PY
mkdir ref
start=$(date +%s%N)
"$DOCMILL" -f text -o ref/big.docx big.txt || fail "reference conversion"
"$DOCMILL" -f text -t docx -O ref b.txt c.txt || fail "reference batch"
ONE_MS=$((($(date +%s%N) - start) / 1000000))
echo "an uninterrupted run of the three takes $ONE_MS ms"
# Three rounds of every signal; one where a run takes long (a sanitizer
# build), to keep the suite's time in bounds.
ROUNDS=${DM_KILL_ROUNDS:-$([ "$ONE_MS" -lt 8000 ] && echo 3 || echo 1)}
printf 'precious old bytes\n' >old.docx

# check DIR: every file in DIR is a complete output (same bytes as in ref/)
# or the untouched old file.
check() {
  local f good=0
  for f in "$1"/* "$1"/.[!.]*; do
    [ -e "$f" ] || continue
    case "$(basename "$f")" in
    big.docx | b.docx | c.docx)
      cmp -s "$f" "ref/$(basename "$f")" || cmp -s "$f" old.docx || { fail "$NAME: partial $(basename "$f")"; good=1; } ;;
    *) fail "$NAME: left behind: $(basename "$f") ($(stat -c %s "$f") bytes)"; good=1 ;;
    esac
  done
  return $good
}

# kill_at SIGNAL MS COMMAND...: runs COMMAND, sends SIGNAL after MS ms.
kill_at() {
  local sig=$1 ms=$2
  shift 2
  "$@" >/dev/null 2>kill.err &
  local pid=$!
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  kill -s "$sig" "$pid" 2>/dev/null
  wait "$pid"
  STATUS=$?
}

# round PREFIX SIGNAL: one single conversion and one batch killed by SIGNAL.
round() {
  local prefix=$1 sig=$2 ms kind
  for kind in single batch; do
    rm -rf out && mkdir out
    [ $((RANDOM % 2)) = 0 ] && cp old.docx out/big.docx && cp old.docx out/c.docx
    ms=$((RANDOM % (ONE_MS + 1)))
    NAME="$prefix$sig at $ms ms, $kind"
    if [ $kind = single ]; then
      kill_at "$sig" "$ms" $WRAP "$DOCMILL" -f text -o out/big.docx big.txt
    else
      kill_at "$sig" "$ms" $WRAP "$DOCMILL" -f text -t docx -j 2 -O out big.txt b.txt c.txt
    fi
    if [ "$STATUS" != 0 ] && [ "$STATUS" != $((128 + $(kill -l "$sig"))) ]; then
      fail "$NAME: exit status $STATUS: $(head -c 300 kill.err)"
    elif check out; then
      ok "$NAME (status $STATUS)"
    fi
  done
}

WRAP=
for i in $(seq 1 "$ROUNDS"); do
  for sig in TERM INT HUP KILL; do round "" $sig; done
done

# A sanitizer build cannot run without /proc at all: then skipped.
if [ "$(id -u)" = 0 ] && unshare -m sh -c 'mount -t tmpfs none /proc && exec "$0" --version' "$DOCMILL" >/dev/null 2>&1; then
  printf '#!/bin/sh\nmount -t tmpfs none /proc && exec "$@"\n' >noproc.sh
  chmod +x noproc.sh
  WRAP="unshare -m ./noproc.sh"
  for i in $(seq 1 "$ROUNDS"); do
    for sig in TERM INT HUP; do round "named temporaries, " $sig; done
  done
else
  skip "named temporaries: needs root to unmount /proc in a namespace, and a docmill that runs without it"
fi
finish
