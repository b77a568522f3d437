#!/bin/sh
# SPDX-License-Identifier: MIT
# Measures the un-resolution transform against the reader, file by file:
# builds bench_unres.c against a docmill build directory and runs it on a
# fixed list of inputs (inputs.list), or on the files given.
# Usage: bench/un-resolution/bench.sh BUILD_DIR [FILE...]
# ROUNDS (default 30) sets the rounds per file. The inputs are the seed and
# the fixtures, the real PDFs of the shared samples through pdftotext
# (default and -layout), and the texts the corpus test gave docmill
# (BUILD_DIR/corpus/<style>/, present after a corpus run); a missing one is
# named and left out. Exit status 3 when, in total, the transform took
# longer than the reader.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${1:?usage: bench.sh BUILD_DIR [FILE...]}
shift
build=$(cd "$build" && pwd)
lib="$build/libdocmill.a"
[ -f "$lib" ] || { echo "no $lib: build docmill first" >&2; exit 1; }
out="$build/bench_unres"
# shellcheck disable=SC2046
cc -O2 -std=c11 -I"$src/include" "$here/bench_unres.c" "$lib" \
  $(pkg-config --libs libcmark-gfm libxml-2.0 libzip) -lpthread -ldl -o "$out"
if [ $# -eq 0 ]; then
  shared=${DM_SHARED_DIR:-$src/../shared}
  work="$build/bench-unres"
  mkdir -p "$work"
  list=""
  while read -r kind path; do
    case $kind in
      ''|'#'*) continue ;;
      repo) f="$src/$path" ;;
      pdf|pdf-layout)
        f="$work/$(basename "$path" .pdf)-$kind.txt"
        opt=""; [ "$kind" = pdf-layout ] && opt=-layout
        if [ -f "$shared/$path" ] && command -v pdftotext >/dev/null; then
          pdftotext $opt "$shared/$path" "$f"
        else
          f=""
        fi ;;
      corpus) f="$build/corpus/$path" ;;
      *) echo "inputs.list: unknown kind $kind" >&2; exit 1 ;;
    esac
    if [ -n "$f" ] && [ -f "$f" ]; then
      list="$list $f"
    else
      echo "left out (missing): $kind $path" >&2
    fi
  done < "$here/inputs.list"
  # shellcheck disable=SC2086
  set -- $list
fi
exec "$out" "${ROUNDS:-30}" "$@"
