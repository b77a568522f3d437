#!/bin/sh
# SPDX-License-Identifier: MIT
# Measures the un-resolution transform against the reader on the seed (and
# any files given): builds bench_unres.c against a docmill build directory
# and runs it. Usage: bench/un-resolution/bench.sh BUILD_DIR [FILE...]
# Exit status 3 when the transform took longer than the reader.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${1:?usage: bench.sh BUILD_DIR [FILE...]}
shift
lib="$build/libdocmill.a"
[ -f "$lib" ] || { echo "no $lib: build docmill first" >&2; exit 1; }
out="$build/bench_unres"
# shellcheck disable=SC2046
cc -O2 -std=c11 -I"$src/include" "$here/bench_unres.c" "$lib" \
  $(pkg-config --libs libcmark-gfm libxml-2.0 libzip) -lpthread -ldl -o "$out"
[ $# -gt 0 ] || set -- "$src/samples/un-ga-75-158-zh.md"
rc=0
for f in "$@"; do "$out" "$f" "${ROUNDS:-300}" || rc=$?; done
exit $rc
