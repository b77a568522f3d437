#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hostile output paths: a read-only file (directly and through a symbolic
# link), a directory, a full disk (a 64 KiB tmpfs, mounted when the test
# runs as root), a FIFO and a symbolic link. A failure leaves no file, no
# temporary and an existing output byte-identical; a FIFO or device is
# written in place rather than replaced by a regular file, a symbolic
# link is written through, and one that points to nothing is refused. tests/cli covers a missing directory, a
# directory for the text writer, ulimit -f and -o naming the input.
. "$(dirname "$0")/lib.sh"

printf 'hello\n' >in.txt
HELLO=$(printf 'document\n  paragraph\n    text "hello"')
# About 2 MB of output: far more than the 64 KiB disk below holds.
head -c 2097152 /dev/zero | tr '\0' x >long.txt
# The same for a compressed format (DOCX): random bytes, as base64 text.
head -c 1572864 /dev/urandom | base64 >random.txt

# ---- read-only ------------------------------------------------------------
# Renaming a temporary over the target would succeed where opening it for
# writing is refused, and root may write anything: a file without any write
# permission is refused whoever runs docmill.
printf 'old\n' >ro.native
chmod 444 ro.native
run "read-only output" -f text -t native -o ro.native in.txt &&
  expect_error 3 "^docmill: in\.txt: cannot write 'ro\.native': it is read-only$" &&
  { [ "$(cat ro.native)" = old ] && [ "$(stat -c %a ro.native)" = 444 ] && no_temporaries . && ok "$NAME" ||
    fail "$NAME: output changed"; }
ln -s ro.native ro-link.native
run "read-only output through a symbolic link" -f text -t native -o ro-link.native in.txt &&
  expect_error 3 "^docmill: in\.txt: cannot write 'ro-link\.native': it is read-only$" &&
  { [ "$(cat ro.native)" = old ] && [ -L ro-link.native ] && no_temporaries . && ok "$NAME" || fail "$NAME: output changed"; }
if need write docx "read-only docx output"; then
  printf 'old\n' >ro.docx
  chmod 444 ro.docx
  run "read-only docx output" -f text -o ro.docx in.txt &&
    expect_error 3 "^docmill: in\.txt: cannot write 'ro\.docx': it is read-only$" &&
    { [ "$(cat ro.docx)" = old ] && no_temporaries . && ok "$NAME" || fail "$NAME: output changed"; }
  mkdir adir.docx
  run "docx output is a directory" -f text -o adir.docx in.txt &&
    expect_error 3 "^docmill: in\.txt: cannot write 'adir\.docx': it is a directory$" &&
    { [ -z "$(ls -A adir.docx)" ] && ok "$NAME" || fail "$NAME: wrote into the directory"; }
fi

# ---- a full disk ---------------------------------------------------------------
mkdir disk
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k docmill-test disk 2>/dev/null; then
  trap 'umount "$SCRATCH/disk" 2>/dev/null; chmod -R u+rwX "$SCRATCH" 2>/dev/null; rm -rf "$SCRATCH"' EXIT
  printf 'old\n' >disk/out.native
  run "full disk, existing output" -f text -t native -o disk/out.native long.txt &&
    expect_error 3 "^docmill: long\.txt: cannot write 'disk/out\.native': No space left on device$" &&
    { [ "$(cat disk/out.native)" = old ] && no_temporaries disk && ok "$NAME" || fail "$NAME: output changed"; }
  run "full disk, new output" -f text -t native -o disk/new.native long.txt &&
    expect_error 3 "^docmill: long\.txt: cannot write 'disk/new\.native': No space left on device$" &&
    { [ ! -e disk/new.native ] && no_temporaries disk && ok "$NAME" || fail "$NAME: file left"; }
  if need write docx "full disk, docx"; then
    run "full disk, docx" -f text -o disk/new.docx random.txt &&
      expect_error 3 "^docmill: random\.txt: cannot write 'disk/new\.docx': No space left on device$" &&
      { [ ! -e disk/new.docx ] && no_temporaries disk && ok "$NAME" || fail "$NAME: file left"; }
  fi
  # The disk is usable again once the conversion has failed: nothing of it
  # is left taking space.
  run "full disk, small output after" -f text -t native -o disk/small.native in.txt &&
    expect_status 0 && { [ "$(cat disk/small.native)" = "$HELLO" ] && ok "$NAME" || fail "$NAME: $(cat disk/small.native)"; }
  umount disk
else
  skip "full disk: needs root and a tmpfs mount (tests/cli/atomic.sh covers ulimit -f)"
  SKIPS=$((SKIPS + 1))
fi

# ---- special files and links (regressions) -----------------------------------
# output-fifo-replaced-by-file: the temporary file was renamed over a FIFO
# (or /dev/null, /dev/stdout: for root, for the whole system); such targets
# are now written in place.
mkfifo out.fifo
timeout 20 cat out.fifo >fifo.got &
reader=$!
run "output-fifo-replaced-by-file" -f text -t native -o out.fifo in.txt && expect_status 0 && {
  wait $reader
  [ -p out.fifo ] && [ "$(cat fifo.got)" = "$HELLO" ] && no_temporaries . && ok "$NAME" ||
    fail "$NAME: FIFO replaced or not written: $(ls -l out.fifo) '$(cat fifo.got)'"
}
kill $reader 2>/dev/null
# output-symlink-replaced-by-file: the rename replaced the link itself,
# leaving the file it pointed to unchanged.
printf 'old\n' >real.native
ln -s real.native link.native
run "output-symlink-replaced-by-file" -f text -t native -o link.native in.txt && expect_status 0 &&
  { [ -L link.native ] && [ "$(cat real.native)" = "$HELLO" ] && no_temporaries . && ok "$NAME" ||
    fail "$NAME: $(ls -l link.native) '$(cat real.native)'"; }
# output-dangling-symlink-replaced: a link to a file that does not exist
# was replaced by a regular file. It is refused now, link left as it was,
# nothing created where it points.
ln -s missing.native dangling.native
run "output-dangling-symlink-replaced" -f text -t native -o dangling.native in.txt &&
  expect_error 3 "^docmill: in\.txt: cannot write 'dangling\.native': it is a symbolic link to a file that does not exist$" &&
  { [ -L dangling.native ] && [ ! -e missing.native ] && no_temporaries . && ok "$NAME" ||
    fail "$NAME: $(ls -l dangling.native) $(ls missing.native 2>&1)"; }

# ---- temporary files ----------------------------------------------------------
# The temporary's name used to be the output's plus ".tmp-XXXXXX", so a
# legal name of 245 to 255 bytes failed ("File name too long"). Names of
# 255 bytes, ASCII and multibyte (cut at a character boundary), new and
# replaced.
for base in "$(printf 'a%.0s' $(seq 1 248))" "$(printf '\xc3\xa9%.0s' $(seq 1 124))"; do
  long="$base.native" # 255 and 255 bytes
  [ "$(printf '%s' "$long" | wc -c)" = 255 ] || fail "long name: fixture is $(printf '%s' "$long" | wc -c) bytes"
  rm -f -- "$long"
  run "255-byte output name" -f text -t native -o "$long" in.txt && expect_status 0 &&
    run "255-byte output name, replaced" -f text -t native -o "$long" in.txt && expect_status 0 &&
    { [ "$(cat -- "$long")" = "$HELLO" ] && no_temporaries . && ok "$NAME" || fail "$NAME: $(ls)"; }
  rm -f -- "$long"
done

# Where the system cannot give an unnamed O_TMPFILE (here: no /proc to link
# it through, in a mount namespace of our own), a named temporary is used
# and still cleaned up, on success and on failure.
# A sanitizer build cannot run without /proc at all: that case is skipped.
if [ "$(id -u)" = 0 ] && unshare -m sh -c 'mount -t tmpfs none /proc && exec "$0" --version' "$DOCMILL" >/dev/null 2>&1; then
  printf 'old\n' >named.native
  unshare -m sh -c 'mount -t tmpfs none /proc && exec strace -f -o named.trace -e trace=openat,rename "$0" "$@"' \
    "$DOCMILL" -f text -t native -o named.native in.txt >stdout 2>stderr
  STATUS=$?
  NAME="named temporary without /proc"
  expect_status 0 && { grep -q 'rename(.*named\.native\.tmp-' named.trace && [ "$(cat named.native)" = "$HELLO" ] &&
    no_temporaries . && ok "$NAME" || fail "$NAME: $(grep -E 'rename|tmp' named.trace) $(cat named.native)"; }
else
  skip "named temporary without /proc: needs root to unmount /proc in a namespace, and a docmill that runs without it"
  SKIPS=$((SKIPS + 1))
fi

# --sync makes the data durable before the output replaces the old file,
# and the directory after, so that the rename itself survives a crash.
run "--sync fsyncs the directory" -f text -t native -o synced.native in.txt --sync && expect_status 0
strace -o sync.trace -e trace=openat,fsync "$DOCMILL" --sync -f text -t native -o synced.native in.txt 2>/dev/null
dirfd=$(sed -n 's/^openat(AT_FDCWD, "[^"]*", O_RDONLY|O_CLOEXEC|O_DIRECTORY) = \([0-9]*\)$/\1/p' sync.trace | tail -1)
[ -n "$dirfd" ] && grep -Eq "^fsync\($dirfd\) += 0$" sync.trace && ok "$NAME" || fail "$NAME: $(cat sync.trace | tail -5)"

# A reader that stops early: standard output's pipe is closed while docmill
# writes, which used to kill it silently (status 141). It is an I/O error.
set +o pipefail 2>/dev/null
"$DOCMILL" -f text -t native long.txt 2>pipe.err | head -c 10 >/dev/null
st=${PIPESTATUS[0]}
NAME="closed pipe"
[ "$st" = 3 ] && grep -qx "docmill: long\.txt: cannot write standard output: Broken pipe" pipe.err && ok "$NAME" ||
  fail "$NAME: status $st, stderr $(cat pipe.err)"

hostile_finish
