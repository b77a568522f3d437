#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Bad inputs to the docmill command: invalid UTF-8 at the start, middle
# and end, overlong forms, surrogates, code points past U+10FFFF, 0 bytes,
# only whitespace, a directory, a missing file; bad output paths; the input
# as its own output; NUL bytes with --strict and --quiet; standard input.
# The byte offsets in the expected messages were counted by hand from the
# printf strings next to them.
. "$(dirname "$0")/lib.sh"

printf '\377abc\n' >start.txt                    # 0xff at byte 0
printf 'first line\nsecond \376 line\n' >middle.txt # 11 + 7 bytes before 0xfe: byte 18, line 2, column 8
printf 'ends badly \342\202' >end.txt           # "ends badly " is 11 bytes
printf 'slash \300\257\n' >overlong2.txt        # C0 AF, an overlong '/', at byte 6
printf '\340\200\257\n' >overlong3.txt          # E0 80 AF at byte 0
printf 'four \360\200\200\257\n' >overlong4.txt # F0 80 80 AF at byte 5
printf 'x\355\240\200y\n' >surrogate.txt        # U+D800 as ED A0 80 at byte 1
printf 'ab\355\277\277\n' >surrogate2.txt       # U+DFFF as ED BF BF at byte 2
printf '\364\220\200\200\n' >toolarge.txt       # U+110000 at byte 0
: >empty.txt
printf ' \n\t\n  \r\n\f\n\343\200\200\n' >blank.txt
mkdir adir

for detect in "-f text" ""; do
  how=${detect:+" ($detect)"}
  how=${how:-" (detected)"}
  bad_input "invalid UTF-8 at the start$how" 1 "^docmill: start\.txt: byte 0: .*invalid UTF-8 at line 1, column 1" start.txt $detect
  bad_input "invalid UTF-8 in the middle$how" 1 "^docmill: middle\.txt: byte 18: .*invalid UTF-8 at line 2, column 8" middle.txt $detect
  bad_input "invalid UTF-8 at the end$how" 1 "^docmill: end\.txt: byte 11: .*cut short by the end of the input" end.txt $detect
  bad_input "2-byte overlong$how" 1 "^docmill: overlong2\.txt: byte 6: .*overlong encoding" overlong2.txt $detect
  bad_input "3-byte overlong$how" 1 "^docmill: overlong3\.txt: byte 0: .*overlong encoding" overlong3.txt $detect
  bad_input "4-byte overlong$how" 1 "^docmill: overlong4\.txt: byte 5: .*overlong encoding" overlong4.txt $detect
  bad_input "high surrogate$how" 1 "^docmill: surrogate\.txt: byte 1: .*surrogate" surrogate.txt $detect
  bad_input "low surrogate$how" 1 "^docmill: surrogate2\.txt: byte 2: .*surrogate" surrogate2.txt $detect
  bad_input "above U+10FFFF$how" 1 "^docmill: toolarge\.txt: byte 0: .*above U\+10FFFF" toolarge.txt $detect
  bad_input "0-byte file$how" 1 "^docmill: 'empty\.txt' is empty \(0 bytes\)$" empty.txt $detect
  bad_input "whitespace only$how" 1 "^docmill: blank\.txt: .*only whitespace" blank.txt $detect
  bad_input "directory as input$how" 3 "^docmill: cannot read 'adir': it is a directory$" adir $detect
  bad_input "missing input$how" 3 "^docmill: cannot open 'missing\.txt': No such file or directory$" missing.txt $detect
done

# Lenient mode converts the same files, one warning per replacement.
dm "lenient" -f text -t native --option text.lenient=true middle.txt
if expect_error 0 "^docmill: middle\.txt: byte 18: warning: text: invalid UTF-8 at line 2, column 8: .*\[encoding\]$"; then
  grep -q "second $(printf '\357\277\275') line" stdout && ok "$NAME" || fail "$NAME: no U+FFFD in $(cat stdout)"
fi

printf 'hello\n' >ok.txt
printf 'hello\n' >keep.txt
bad_input "unknown -t" 2 "^docmill: no writer named 'nope' \(see --list-formats\)$" ok.txt -t nope
bad_input "unknown -f" 2 "^docmill: no reader named 'nope' \(see --list-formats\)$" ok.txt -f nope
bad_input "unknown option key" 2 "^docmill: option text\.nope: format 'text' has no option 'nope'$" ok.txt --option text.nope=1
bad_input "unknown option format" 2 "^docmill: option nope\.x: no format named 'nope'$" ok.txt --option nope.x=1
bad_input "bad option value" 2 "^docmill: option text\.lenient: 'maybe' is not true or false$" ok.txt --option text.lenient=maybe

dm "output in a missing directory" -f text -t native -o nodir/x.native ok.txt
expect_error 3 "^docmill: ok\.txt: cannot write 'nodir/x\.native': No such file or directory$" &&
  { [ -e nodir ] && fail "$NAME: directory created" || ok "$NAME"; }
dm "output is a directory" -f text -t native -o adir ok.txt
expect_error 3 "^docmill: ok\.txt: cannot write 'adir': it is a directory$" &&
  { [ -n "$(ls -A adir)" ] && fail "$NAME: wrote into the directory" || ok "$NAME"; }

# -o naming the input, however spelt, is refused before anything is read.
ln -s keep.txt link.txt
for out in keep.txt ./keep.txt "$PWD/keep.txt" link.txt; do
  dm "-o $out equal to the input" -f text -t native -o "$out" keep.txt
  expect_error 2 "^docmill: refusing to overwrite the input 'keep\.txt' with the output$" &&
    { [ "$(cat keep.txt)" = hello ] && no_temporaries . && ok "$NAME" || fail "$NAME: input changed"; }
done

# A NUL byte is converted with a warning; --strict makes it an error.
printf 'a\000b\n' >nul.txt
dm "NUL byte" -f text -t native -o nul.native nul.txt
if expect_error 0 "^docmill: nul\.txt:1:2: warning: text: NUL byte \(byte 1\) replaced by U\+FFFD \[nul-byte\]$"; then
  grep -q "a$(printf '\357\277\275')b" nul.native && ok "$NAME" || fail "$NAME: no U+FFFD in $(cat nul.native)"
fi
dm "NUL byte detected" -t native nul.txt
expect_error 0 "nul\.txt:1:2: warning: .*NUL byte" && ok "$NAME"
dm "--quiet hides warnings" -q -f text -t native -o quiet.native nul.txt
expect_status 0 && { [ -s stderr ] && fail "$NAME: $(cat stderr)" || ok "$NAME"; }
dm "--quiet keeps errors" -q -f text -t native start.txt
expect_error 1 "start\.txt: byte 0" && ok "$NAME"
dm "--strict" --strict -f text -t native -o strict.native nul.txt
if expect_status 1; then
  if ! tail -n 1 stderr | grep -Eq "^docmill: --strict: nul\.txt:1:2: warning: text: NUL byte"; then
    fail "$NAME: $(cat stderr)"
  elif [ -e strict.native ]; then
    fail "$NAME: output written"
  else
    ok "$NAME"
  fi
fi

# Standard input, as "-" and as no argument; errors name it.
for arg in - ""; do
  STDIN=ok.txt
  dm "standard input as '${arg}'" -f text -t native $arg
  STDIN=/dev/null
  expect_status 0 && { [ "$(cat stdout)" = "$(printf 'document\n  paragraph\n    text "hello"')" ] &&
    [ ! -s stderr ] && ok "$NAME" || fail "$NAME: $(cat stdout stderr)"; }
done
STDIN=middle.txt
dm "bad standard input" -f text -t native
expect_error 1 "^docmill: <stdin>: byte 18: text: invalid UTF-8" && ok "$NAME"
STDIN=empty.txt
dm "empty standard input" -t native -
expect_error 1 "^docmill: standard input is empty \(0 bytes\)$" && ok "$NAME"
STDIN=/dev/null

finish
