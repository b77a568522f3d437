#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The documented limits (docs/LIMITS.md) and --limit KEY=VALUE, which
# changes them: each limit, when exceeded, is its own DM_ELIMIT error
# (exit 1) naming the limit in force; a value just within it converts; bad
# keys and values are usage errors (exit 2); batch mode applies the limits
# to every file; the deepest nesting --limit allows (10,000) goes through
# every writer without exhausting the stack.
. "$(dirname "$0")/lib.sh"

# rep STRING COUNT: STRING repeated COUNT times (printf reuses its format).
rep() { printf -- "$1%.0s" $(seq 1 "$2"); }

# ---- input size ----------------------------------------------------------
# The reader keeps the first byte over the limit to know there is one:
# 1024 bytes pass a 1 KiB limit, 1025 do not.
head -c 1023 /dev/zero | tr '\0' a >k1024.txt && printf '\n' >>k1024.txt
head -c 1024 /dev/zero | tr '\0' a >k1025.txt && printf '\n' >>k1025.txt
hostile "input-size=1K, 1025 bytes" 1 "^docmill: 'k1025\.txt' is larger than the input limit of 1024 bytes$" \
  k1025.txt native -f text --limit input-size=1K
hostile "input-size=1K, 1024 bytes" 0 "" k1024.txt native -f text --limit input-size=1K
hostile "input-size=1024 is 1K" 1 "limit of 1024 bytes$" k1025.txt native -f text --limit input-size=1024
mkdir -p batch
run "input-size in batch mode" -f text -t native --limit input-size=1K -O batch k1025.txt k1024.txt &&
  expect_status 1 && {
  grep -q "'k1025\.txt' is larger than the input limit of 1024 bytes" stderr && [ -s batch/k1024.native ] &&
    [ ! -e batch/k1025.native ] && ok "$NAME" || fail "$NAME: $(cat stderr)"
}

# ---- nesting depth --------------------------------------------------------
if need read markdown "--limit depth"; then
  rep '> ' 10 >q10.md && echo x >>q10.md
  rep '> ' 5 >q5.md && echo x >>q5.md
  hostile "depth=10, 10 nested quotes" 1 "^docmill: q10\.md:1:[0-9]+: markdown: nesting deeper than the limit of 10 levels$" \
    q10.md native -f markdown --limit depth=10
  # Five quotes, their paragraph and its text: seven levels below the root.
  hostile "depth=10, 5 nested quotes" 0 "" q5.md native -f markdown --limit depth=10
  rep '> ' 1500 >q1500.md && echo x >>q1500.md
  hostile "default depth, 1500 nested quotes" 1 "limit of 1000 levels$" q1500.md native -f markdown
  hostile "depth=2000, 1500 nested quotes" 0 "" q1500.md native -f markdown --limit depth=2000
  rep '> ' 9990 >q9990.md && echo x >>q9990.md
  rep '> ' 3000 >q3000.md && echo x >>q3000.md
  for w in $("$DOCMILL" --list-formats | awk '$2 == "write" { print $1 }'); do
    # The AKN writer indents and prefixes each eId with its parents', so
    # its output grows with the square of the depth: 900 MB for 9,990
    # levels, 81 MB for 3,000 (see docs/LIMITS.md).
    case $w in
      akn*) run "depth=10000, 3,000 nested quotes to $w" -f markdown -t "$w" --limit depth=10000 -o out.x q3000.md &&
        expect_status 0 && ok "$NAME" ;;
      *) run "depth=10000, 9,990 nested quotes to $w" -f markdown -t "$w" --limit depth=10000 -o out.x q9990.md &&
        expect_status 0 && ok "$NAME" ;;
    esac
    rm -f out.x
  done
fi

# ---- notes ------------------------------------------------------------------
printf 'a[^1] b[^2] c[^3]\n\n[^1]: one\n\n[^2]: two\n\n[^3]: three\n' >notes3.md
if need read markdown "--limit notes"; then
  hostile "notes=2, 3 notes" 1 "^docmill: notes3\.md:1:[0-9]+: markdown: more notes than the limit of 2$" \
    notes3.md native -f markdown --limit notes=2
  hostile "notes=3, 3 notes" 0 "" notes3.md native -f markdown --limit notes=3
fi
# Notes the resolution recogniser makes from page-bottom definitions count
# too: the English plain-text fixture has 8 (its .expect, checked by hand);
# the 8th definition is on line 167.
fixture=$DM_SOURCE_DIR/tests/fixtures/resolutions/en-txt.txt
if need read text "--limit notes (un-resolution)"; then
  hostile "notes=7, 8 recognised notes" 1 \
    "^docmill: .*en-txt\.txt:167:1: un-resolution: more notes than the limit of 7$" \
    "$fixture" native --limit notes=7
  if hostile "notes=8, 8 recognised notes" 0 "" "$fixture" native --limit notes=8; then
    [ "$(count '^ *note marker=' result)" = 8 ] || fail "notes=8, 8 recognised notes: $(count '^ *note marker=' result) notes"
  fi
fi

if need read akn "--limit notes (akn)"; then
  printf '<?xml version="1.0"?>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="x"><mainBody><p>a<authorialNote marker="1"><p>one</p></authorialNote> b<authorialNote marker="2"><p>two</p></authorialNote> c<authorialNote marker="3"><p>three</p></authorialNote></p></mainBody></doc></akomaNtoso>\n' >notes3.xml
  # The third note, on line 2, is one too many.
  hostile "notes=2, 3 AKN notes" 1 "^docmill: notes3\.xml:2:[0-9]+: akn: more notes than the limit of 2$" \
    notes3.xml native -f akn --limit notes=2
  if hostile "notes=3, 3 AKN notes" 0 "" notes3.xml native -f akn --limit notes=3; then
    [ "$(count '^ *note marker=' result)" = 3 ] || fail "notes=3, 3 AKN notes: $(count '^ *note marker=' result) notes"
  fi
fi

# ---- bad --limit arguments --------------------------------------------------
for bad in "depth=0|--limit depth wants a number of levels from 1 to 10000, not '0'" \
  "depth=10001|--limit depth wants a number of levels from 1 to 10000, not '10001'" \
  "depth=-1|--limit depth wants a number of levels from 1 to 10000, not '-1'" \
  "input-size=12x|--limit input-size wants a number of bytes \(K, M, G suffixes\), not '12x'" \
  "input-size=0|--limit input-size wants a number of bytes \(K, M, G suffixes\), not '0'" \
  "input-size=99999999999G|--limit input-size wants a number of bytes \(K, M, G suffixes\), not '99999999999G'" \
  "notes=|--limit notes wants a number of notes, not ''" \
  "size=1|--limit wants input-size=BYTES, depth=LEVELS, notes=COUNT, memory=BYTES or time=SECONDS, not 'size=1'" \
  "depth|--limit depth wants a number of levels from 1 to 10000, not ''"; do
  arg=${bad%%|*}
  re=${bad#*|}
  hostile "--limit $arg" 2 "^docmill: $re$" k1024.txt native -f text --limit "$arg"
done

# ---- memory and CPU time ---------------------------------------------------
# A budget far below what the conversion needs: the arena (text reader) and
# cmark-gfm's allocator (Markdown reader, where the parse is abandoned
# mid-way) both stop it with the same message, and nothing is written.
python3 -c "print(('Some words, *more* words and a [link](http://example.org).\n\n') * 40000, end='')" >mem.md
cp mem.md mem.txt
hostile "memory=2M, text" 1 "^docmill: mem\.txt: text: needs more than 2 MiB; raise --limit memory$" \
  mem.txt native -f text --limit memory=2M
hostile "memory=2M, markdown" 1 "^docmill: mem\.md: markdown: needs more than 2 MiB; raise --limit memory$" \
  mem.md native -f markdown --limit memory=2M
hostile "memory=128M, markdown" 0 "" mem.md native -f markdown --limit memory=128M
hostile "memory=1048576 is 1M" 1 "needs more than 1 MiB; raise --limit memory$" mem.md native -f markdown --limit memory=1048576
for bad in memory=1000 memory=2X memory= time=0 time=1.5 time=; do
  run "--limit $bad" -f text -t native --limit "$bad" k1024.txt &&
    expect_error 2 "^docmill: --limit (memory|time) wants " && ok "$NAME"
done
# The CPU budget is the kernel's (RLIMIT_CPU): past it the conversion stops
# with its own message and no output, however far it got. 60 MB of Markdown
# take well over a second of CPU on any machine.
python3 -c "print(('A paragraph of *some* words [link](u).\n\n') * 1500000, end='')" >slow.md
hostile "time=1" 1 "^docmill: stopped after 1 s of CPU time, the limit; raise --limit time$" slow.md native -f markdown \
  --limit time=1

hostile_finish
