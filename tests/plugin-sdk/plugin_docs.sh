#!/bin/sh
# SPDX-License-Identifier: MIT
# The two whole plugins of docs/PLUGINS.md ("A writer on the toolkit" and
# "A reader on the toolkit") as installed, compiled against the installed
# headers and library and run: so that the documentation shows code that
# builds and works. The reader takes text.txt out of a ZIP package (made
# here with Python's zipfile), the writer gives one <p> per block; the
# text holds markup characters, which must come out escaped, and a
# control character, which the XML writer's policy turns into U+FFFD with
# one warning.
set -eu
. "$DM_SOURCE_DIR/tests/plugin-sdk/sdk_common.sh"
command -v xmllint >/dev/null || { echo "SKIP: xmllint is not installed"; exit 77; }
sdk_setup
doc=$prefix/share/doc/docmill/PLUGINS.md

# the fenced C block that holds $1, without its fences
block() {
  awk -v want="$1" '
    /^```c$/ { inblk = 1; buf = ""; next }
    /^```$/ && inblk { inblk = 0; if (index(buf, want)) printf "%s", buf; next }
    inblk { buf = buf $0 "\n" }' "$doc"
}
src=$tmp/mini.c
{
  printf '#include <stdlib.h>\n#include <string.h>\n#include <docmill/docmill.h>\n'
  block "static int mini_write("
  block "static int mini_read("
  cat <<'C'
static const dm_option_decl mini_opts[] = {
    {"lenient", DM_OPT_BOOL, "false", "U+FFFD for invalid UTF-8"},
    {NULL, 0, NULL, NULL},
};
static const dm_reader mini_reader = {
    .abi_version = DM_PLUGIN_ABI_VERSION, .name = "mini", .description = "docs example", .options = mini_opts,
    .read = mini_read};
static const dm_writer mini_writer = {
    .abi_version = DM_PLUGIN_ABI_VERSION, .name = "mini", .description = "docs example", .write = mini_write};
static const dm_reader *const mini_readers[] = {&mini_reader, NULL};
static const dm_writer *const mini_writers[] = {&mini_writer, NULL};
DM_PLUGIN_DEFINE(mini, mini_readers, mini_writers, NULL);
C
} >"$src"
grep -q "static int mini_write(" "$src" || fail "no writer example in $doc"
grep -q "static int mini_read(" "$src" || fail "no reader example in $doc"
sdk_cc "$tmp/mini.so" "$src"

/usr/bin/python3 - "$tmp/in.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("text.txt", "Fish & <chips>\x01 caf\xe9".encode("utf-8"))
PY
"$DOCMILL" --plugin "$tmp/mini.so" -f mini -t mini "$tmp/in.zip" -o "$tmp/out.xml" 2>"$tmp/err" ||
  fail "converting with the documented plugins: $(cat "$tmp/err")"
lint=$(xmllint --noout "$tmp/out.xml" 2>&1) || fail "not well-formed: $lint"
got=$(xmllint --xpath 'count(/doc/p)' "$tmp/out.xml")
[ "$got" = 1 ] || fail "count(/doc/p) is $got, expected 1"
got=$(xmllint --xpath 'string(/doc/p)' "$tmp/out.xml")
want=$(printf 'Fish & <chips>\357\277\275 caf\303\251')
[ "$got" = "$want" ] || fail "the paragraph is '$got', expected '$want'"
grep -q 'warning: .*U+FFFD' "$tmp/err" || fail "no warning for the replaced character: $(cat "$tmp/err")"
[ "$(grep -c warning "$tmp/err")" = 1 ] || fail "expected one warning: $(cat "$tmp/err")"

# the reader's error for a package without text.txt
/usr/bin/python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1], "w").writestr("other.txt", "x")' "$tmp/none.zip"
if "$DOCMILL" --plugin "$tmp/mini.so" -f mini -t mini "$tmp/none.zip" -o "$tmp/none.xml" 2>"$tmp/err"; then
  fail "a package without text.txt was converted"
fi
grep -q "no text.txt in the package" "$tmp/err" || fail "the reader's message is missing: $(cat "$tmp/err")"
echo "ok: the plugins of docs/PLUGINS.md build against the install and run"
