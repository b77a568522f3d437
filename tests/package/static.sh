#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Static linking as a packager's user does it. docmill is installed into a
# temporary prefix; static_convert.c is linked against libdocmill.a twice:
#  - with nothing but `pkg-config --static --libs docmill` (and --cflags),
#    in a copy of the prefix without libdocmill.so, so that -ldocmill can
#    only be the archive and every library it needs must come from the
#    .pc file's Libs.private and Requires.private;
#  - with CMake's find_package(docmill) and docmill::docmill_static.
# Each program must not need libdocmill.so, and must convert the seed
# (Markdown -> AKN XML: cmark-gfm, the recogniser, libxml2's writer) and an
# AKN file of the shared samples (the reader opens libxml2 at run time) to
# exactly what the docmill command writes. The installed docmill.pc and
# CMake package must also declare libxml2 as loaded at run time.
. "$(dirname "$0")/../cli/lib.sh"
CC=${CC:-cc}
prefix=$SCRATCH/prefix
cmake --install "$DM_BINARY_DIR" --prefix "$prefix" >install.log 2>&1 || { cat install.log; fail "install"; finish; }
src="$DM_SOURCE_DIR/tests/package/static_convert.c"
seed="$DM_SOURCE_DIR/samples/un-ga-75-158-zh.md"
akn=$(ls "$DM_SHARED_DIR"/samples-external/unxml/*English*.xml 2>/dev/null | head -1)
[ -n "$akn" ] || akn=""

# check PROGRAM HOW: no libdocmill.so needed, same output as the command.
check() {
  local prog=$1 how=$2
  if readelf -d "$prog" | grep -q 'NEEDED.*libdocmill'; then
    fail "$how: the program needs libdocmill.so: $(readelf -d "$prog" | grep NEEDED)"
    return
  fi
  "$DOCMILL" -q -f markdown -t akn "$seed" >want.xml
  if "$prog" markdown akn "$seed" >got.xml 2>err && cmp -s want.xml got.xml && [ -s got.xml ]; then
    ok "$how: the seed to AKN, $(wc -c <got.xml) bytes as the command writes them"
  else
    fail "$how: the seed to AKN differs or failed: $(cat err)"
  fi
  if [ -n "$akn" ]; then
    "$DOCMILL" -q -f akn -t markdown "$akn" >want.md
    if "$prog" akn markdown "$akn" >got.md 2>err && cmp -s want.md got.md && [ -s got.md ]; then
      ok "$how: $(basename "$akn") to Markdown (libxml2 opened at run time)"
    else
      fail "$how: reading AKN differs or failed: $(cat err)"
    fi
  fi
}

# ---- pkg-config --static ----------------------------------------------------
cp -a "$prefix" static-only
rm -f static-only/lib*/libdocmill.so*
pcdir=$(dirname "$(find static-only -name docmill.pc | head -1)")
export PKG_CONFIG_PATH=$pcdir
flags="$(pkg-config --cflags docmill) $(pkg-config --static --libs docmill)" || fail "pkg-config --static docmill"
echo "pkg-config --static --libs docmill: $(pkg-config --static --libs docmill)"
if $CC -std=c11 -o prog-pc "$src" $flags 2>cc.log; then
  check ./prog-pc "pkg-config --static"
else
  fail "linking with pkg-config --static flags: $(cat cc.log)"
fi
grep -q '^Requires.private: .*libzip' "$pcdir/docmill.pc" && grep -q '^Libs.private: ' "$pcdir/docmill.pc" &&
  ok "docmill.pc has Requires.private and Libs.private" || fail "docmill.pc: $(cat "$pcdir/docmill.pc")"
[ "$(pkg-config --variable=runtime_requires docmill)" = "libxml-2.0" ] &&
  ok "docmill.pc declares libxml2, loaded at run time" || fail "no runtime_requires=libxml-2.0 in docmill.pc"
unset PKG_CONFIG_PATH

# ---- CMake docmill::docmill_static ------------------------------------------
if cmake -S "$DM_SOURCE_DIR/tests/package/consumer" -B cm -DCMAKE_PREFIX_PATH="$prefix" \
  -DSTATIC_CONVERT_SOURCE="$src" -DCMAKE_C_COMPILER="$CC" >cm.log 2>&1 && cmake --build cm >>cm.log 2>&1; then
  check cm/static_convert "CMake docmill::docmill_static"
else
  fail "building with docmill::docmill_static: $(tail -20 cm.log)"
fi
grep -q 'set(DOCMILL_RUNTIME_MODULES "libxml-2.0")' "$(find "$prefix" -name docmillConfig.cmake)" &&
  ok "the CMake package declares libxml2, loaded at run time" || fail "no DOCMILL_RUNTIME_MODULES in docmillConfig.cmake"
finish
