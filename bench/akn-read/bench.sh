#!/bin/sh
# SPDX-License-Identifier: MIT
# The AKN reader against libxml2's own SAX parse (bench_akn_read.c), on a
# generated 20 MiB resolution (gen_akn.py) and on the UN's AKN4UN files in
# the shared samples folder (or the files given). Build docmill in Release
# first. Usage: bench/akn-read/bench.sh BUILD_DIR [FILE...]
# Exit status 3 when a file reads in more than 1.5x the SAX parse.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${1:?usage: bench.sh BUILD_DIR [FILE...]}
shift
lib="$build/libdocmill.a"
[ -f "$lib" ] || { echo "no $lib: build docmill first" >&2; exit 1; }
out="$build/bench_akn_read"
# shellcheck disable=SC2046
cc -O2 -std=c11 -I"$src/include" $(pkg-config --cflags libxml-2.0) "$here/bench_akn_read.c" "$lib" \
  $(pkg-config --libs libcmark-gfm libxml-2.0 libzip) -lpthread -ldl -o "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -eq 0 ]; then
  python3 "$here/gen_akn.py" 20971520 "$src/samples/un-ga-75-158-zh.md" > "$tmp/generated-20MiB.xml"
  set -- "$tmp/generated-20MiB.xml"
  shared=${DM_SHARED_DIR:-$src/../shared}/samples-external/unxml
  [ -d "$shared" ] && set -- "$@" "$shared"/*.xml
fi
rc=0
"$out" "${ROUNDS:-5}" "$1" || rc=$?
shift
if [ $# -gt 0 ]; then "$out" "${ROUNDS_SMALL:-50}" "$@" || rc=$?; fi
exit $rc
