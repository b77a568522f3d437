# SPDX-License-Identifier: MIT
# Shared by the plugin SDK tests: installs the docmill under test into a
# temporary prefix and builds plugins against that install only, the way a
# third-party author would (headers and library from the prefix, found
# through pkg-config or CMake's find_package), never from the source tree.

: "${DOCMILL:?}" "${DM_SOURCE_DIR:?}" "${DM_BINARY_DIR:?}"
CC=${CC:-cc}
SDK_WARN="-std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Werror"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# sdk_setup: $tmp (removed on exit), $prefix with docmill installed in it,
# PKG_CONFIG_PATH pointing at wherever GNUInstallDirs put docmill.pc.
sdk_setup() {
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  prefix=$tmp/prefix
  cmake --install "$DM_BINARY_DIR" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; fail "cmake --install into a temporary prefix"; }
  pc=$(find "$prefix" -name docmill.pc | head -n 1)
  [ -n "$pc" ] || fail "no docmill.pc installed under the prefix"
  PKG_CONFIG_PATH=$(dirname "$pc")
  export PKG_CONFIG_PATH
  plugindir=$(pkg-config --variable=plugindir docmill) || fail "pkg-config --variable=plugindir docmill"
  [ -d "$plugindir" ] || fail "plugindir '$plugindir' was not installed"
  [ -f "$prefix/share/doc/docmill/PLUGINS.md" ] || fail "docs/PLUGINS.md not installed"
  for h in docmill.h doc.h plugin.h registry.h status.h convert.h; do
    [ -f "$prefix/include/docmill/$h" ] || fail "header $h not installed"
  done
}

# sdk_build_make DIR: builds the example with its Makefile in DIR and
# installs it into pkg-config's plugindir.
sdk_build_make() {
  mkdir -p "$1"
  (cd "$1" && make -s -f "$DM_SOURCE_DIR/examples/html-writer/Makefile" CC="$CC" CFLAGS="-O2 -Werror" &&
    make -s -f "$DM_SOURCE_DIR/examples/html-writer/Makefile" install) >"$tmp/make.log" 2>&1 ||
    { cat "$tmp/make.log" >&2; fail "building examples/html-writer with make and pkg-config"; }
  [ -f "$plugindir/html.so" ] || fail "make install put no html.so into $plugindir"
}

# sdk_cc OUT SRC [FLAGS...]: a test plugin, compiled like the example.
sdk_cc() {
  out=$1 src=$2
  shift 2
  # shellcheck disable=SC2046,SC2086
  $CC $SDK_WARN -fPIC -fvisibility=hidden $(pkg-config --cflags docmill) "$@" -shared -o "$out" "$src" \
    $(pkg-config --libs docmill) || fail "compiling $src $*"
}
