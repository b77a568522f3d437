#!/bin/sh
# SPDX-License-Identifier: MIT
# Third-party plugins end to end. docmill is installed into a temporary
# prefix; examples/html-writer is built against that install with make +
# pkg-config and with CMake's find_package; test plugins (fixture_reader.c,
# bad_plugins.c) are compiled the same way. Then: the plugins load from
# DOCMILL_PLUGIN_PATH, from --plugin and from the installed plugin
# directory, --list-formats names their files, broken plugins (another ABI
# version, no entry symbol, not an ELF file, a name clash) are refused with
# a warning while the run goes on, an overriding plugin replaces a built-in
# format with a warning, and the HTML page of the fixture document has the
# structure fixture_reader.c builds (read that file beside this one).
set -eu
. "$DM_SOURCE_DIR/tests/plugin-sdk/sdk_common.sh"
command -v xmllint >/dev/null || { echo "SKIP: xmllint is not installed"; exit 77; }
sdk_setup
here=$DM_SOURCE_DIR/tests/plugin-sdk
abi=$("$DOCMILL" --version | sed -n 's/.*plugin ABI \([0-9][0-9]*\).*/\1/p')
[ -n "$abi" ] || fail "docmill --version names no plugin ABI version"

# ---- the installed command runs from its prefix (RPATH to its library) ----
"$prefix/bin/docmill" --version >/dev/null || fail "the installed docmill does not run"

# ---- build the example both ways ----------------------------------------
sdk_build_make "$tmp/make"
cmake -S "$DM_SOURCE_DIR/examples/html-writer" -B "$tmp/cmake" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS=-Werror >"$tmp/cmake.log" 2>&1 &&
  cmake --build "$tmp/cmake" >>"$tmp/cmake.log" 2>&1 ||
  { cat "$tmp/cmake.log" >&2; fail "building examples/html-writer with CMake find_package(docmill)"; }
[ -f "$tmp/cmake/html.so" ] || fail "the CMake build made no html.so"
# A plugin exports its entry point and nothing else.
for so in "$plugindir/html.so" "$tmp/cmake/html.so"; do
  syms=$(nm -D --defined-only "$so" | awk '$2 == "T" { print $3 }')
  [ "$syms" = docmill_plugin_entry ] || fail "$so exports '$syms', not just docmill_plugin_entry"
done

# ---- loading: DOCMILL_PLUGIN_PATH, --plugin, origins in --list-formats ---
DOCMILL_PLUGIN_PATH=$plugindir "$DOCMILL" --list-formats >"$tmp/list" 2>"$tmp/err" || fail "--list-formats with the make-built plugin"
grep -q "^html .*\[plugin: $plugindir/html.so\]\$" "$tmp/list" || fail "html not listed from $plugindir: $(cat "$tmp/list")"
grep -q '^native .*plugin' "$tmp/list" && fail "built-in native marked as a plugin"
[ -s "$tmp/err" ] && fail "warnings loading a good plugin: $(cat "$tmp/err")"
DOCMILL_PLUGIN_PATH="$tmp/nowhere:$tmp/cmake" "$DOCMILL" --list-formats >"$tmp/list" 2>&1 || fail "--list-formats with the CMake-built plugin"
grep -q "^html .*\[plugin: $tmp/cmake/html.so\]\$" "$tmp/list" || fail "html not listed from the CMake build: $(cat "$tmp/list")"
"$DOCMILL" --plugin "$tmp/cmake/html.so" --list-formats >"$tmp/list" 2>&1 || fail "--plugin FILE"
grep -q "^html .*\[plugin: $tmp/cmake/html.so\]\$" "$tmp/list" || fail "html not listed with --plugin"

# ---- the fixture document through the HTML writer -------------------------
good=$tmp/good
bad=$tmp/bad
mkdir -p "$good" "$bad"
sdk_cc "$good/fixture.so" "$here/fixture_reader.c"
cp "$tmp/cmake/html.so" "$good/html.so"
export DOCMILL_PLUGIN_PATH="$good"
printf 'lang=ar\n' >"$tmp/ar.txt"
printf 'lang=zh\n' >"$tmp/zh.txt"
"$DOCMILL" -f sdk-fixture -t html "$tmp/ar.txt" -o "$tmp/ar.html" 2>"$tmp/err" || fail "converting the fixture: $(cat "$tmp/err")"
# The writer is also chosen by the output's extension.
"$DOCMILL" -q -f sdk-fixture "$tmp/zh.txt" -o "$tmp/zh.htm" || fail "choosing the html writer by .htm"

page=$tmp/ar.html
lint=$(xmllint --html --noout "$page" 2>&1) || fail "xmllint --html failed"
[ -z "$lint" ] || fail "libxml2's HTML parser reports: $lint"
lint=$(xmllint --noout "$page" 2>&1) || fail "the page is not well-formed XML: $lint"
[ -z "$lint" ] || fail "libxml2's XML parser reports: $lint"

xp() { xmllint --html --xpath "$2" "$1" 2>/dev/null || true; }
expect() { # PAGE XPATH EXPECTED
  got=$(xp "$1" "$2")
  [ "$got" = "$3" ] || fail "$2 is '$got', expected '$3'"
}
expect "$page" 'string(/html/@lang)' ar
expect "$page" 'string(/html/@dir)' rtl
expect "$tmp/zh.htm" 'string(/html/@lang)' zh
expect "$tmp/zh.htm" 'string(/html/@dir)' ltr
expect "$page" 'string(/html/head/title)' 'Fixture <one> & "two"'
expect "$page" 'count(//style)' 1
expect "$page" 'count(//div[@class="preface"])' 1
expect "$page" 'count(//div[@class="preamble"]/div[@class="formula"])' 1
expect "$page" 'count(//div[@class="preamble"]/div[@class="recital"])' 2
expect "$page" 'count(//div[@class="conclusions"])' 1
expect "$page" 'count(//div[@class="component annex"])' 1
expect "$page" 'count(//div[@class="operative"])' 4
n=0
for id in para-1 para-2 para-2-bis para-3; do
  n=$((n + 1))
  expect "$page" "string(//div[@class=\"main-body\"]/div[@class=\"operative\"][$n]/@id)" "$id"
done
for id in para-2-a para-2-b para-2-b-i; do expect "$page" "count(//div[@class=\"point\"][@id=\"$id\"])" 1; done
expect "$page" 'string(//div[@id="para-2-bis"]/p/span[@class="num"])' '2 bis.'
expect "$page" 'string(//div[@id="para-2-b-i"]/p/span[@class="num"])' '(i)'
expect "$page" 'string(//span[@class="docDate"]/@data-date)' 2020-12-16

# Notes in order of first reference, under the source's markers; the note
# without one is numbered by its place (4); "a" sits inside note "2".
expect "$page" 'count(//div[@class="footnotes"]/ol/li)' 5
n=0
for m in 1 '*' 2 4 a; do
  n=$((n + 1))
  expect "$page" "string(//div[@class=\"footnotes\"]/ol/li[$n]/@id)" "fn-$n"
  expect "$page" "string(//li[@id=\"fn-$n\"]//span[@class=\"marker\"])" "$m"
  expect "$page" "count(//a[@href=\"#fn-$n\"][@id=\"fnref-$n\"])" 1
  expect "$page" "string(//a[@id=\"fnref-$n\"])" "$m"
  expect "$page" "count(//li[@id=\"fn-$n\"]//a[@class=\"backref\"][@href=\"#fnref-$n\"])" 1
done
# Note 1 is referenced twice: one entry, two references, two back links.
expect "$page" 'count(//a[@href="#fn-1"])' 2
expect "$page" 'count(//a[@href="#fn-1"][@id="fnref-1-2"])' 1
expect "$page" 'count(//li[@id="fn-1"]//a[@href="#fnref-1-2"])' 1
expect "$page" 'count(//li[@id="fn-3"]//a[@href="#fn-5"])' 1
# Note 3 has two paragraphs: its back link ends the last one.
expect "$page" 'count(//li[@id="fn-3"]/p[2]/a[@class="backref"])' 1

expect "$page" 'string(//ol[@start]/@start)' 3
expect "$page" 'count(//ol[@start="3"]/li/p)' 0
expect "$page" 'count(//ul/li/p)' 1
expect "$page" 'count(//table/thead/tr/th)' 2
expect "$page" 'count(//table/tbody/tr/td)' 2
expect "$page" 'string(//th[1]/@style)' 'text-align: center'
expect "$page" 'string(//pre/code/@class)' language-c
# (the shell drops the literal's final newline)
expect "$page" 'string(//pre/code)' 'if (a < b && c > d) {}'
expect "$page" 'string(//img/@alt)' 'An <image>'
expect "$page" 'string(//blockquote//a/@href)' 'https://example.org/?a=1&b=2'
expect "$page" 'count(//a[contains(translate(@href, "JAVSCRIPT", "javscript"), "javascript")])' 0
expect "$page" 'string(//blockquote//span[@class="link"])' 'unsafe link'
expect "$page" 'count(//strong) + count(//del) + count(//u) + count(//sub) + count(//code)' 6
grep -F -q 'that 5 &lt; 6 &amp; &quot;q&quot;' "$page" || fail "text not escaped as expected"
grep -q '中文' "$page" || fail "a soft break between CJK characters became a space"
grep -q '<b>raw</b>' "$page" && fail "raw HTML copied without html.raw-html"
grep -q 'raw html content dropped' "$tmp/err" || fail "no warning for dropped raw HTML: $(cat "$tmp/err")"
grep -q 'raw tex content dropped' "$tmp/err" || fail "no warning for dropped raw TeX: $(cat "$tmp/err")"
"$DOCMILL" -q -f sdk-fixture -t html --option html.raw-html=true "$tmp/ar.txt" -o "$tmp/raw.html" ||
  fail "html.raw-html=true"
grep -q '<b>raw</b>' "$tmp/raw.html" || fail "html.raw-html=true did not keep raw HTML"

# ---- broken plugins are refused with a warning, the run goes on -----------
sdk_cc "$bad/abi-manifest.so" "$here/bad_plugins.c" -DCASE_ABI_MANIFEST
sdk_cc "$bad/abi-descriptor.so" "$here/bad_plugins.c" -DCASE_ABI_DESCRIPTOR
sdk_cc "$bad/clash.so" "$here/bad_plugins.c" -DCASE_CLASH
sdk_cc "$bad/no-entry.so" "$here/bad_plugins.c" -DCASE_NO_ENTRY
sdk_cc "$tmp/override.so" "$here/bad_plugins.c" -DCASE_OVERRIDE
echo "this is not a shared object" >"$bad/x.so"
export DOCMILL_PLUGIN_PATH="$bad:$good"
"$DOCMILL" --list-formats >"$tmp/list" 2>"$tmp/err" || fail "--list-formats with broken plugins exited $?"
warned() { # FILE TEXT: a warning names the file and says TEXT
  grep -F "$1" "$tmp/err" | grep -q -F -- "$2" || fail "no warning naming $1 with '$2': $(cat "$tmp/err")"
}
warned "$bad/abi-manifest.so" "version 999"
warned "$bad/abi-manifest.so" "version $abi"
warned "$bad/abi-descriptor.so" "version 999"
warned "$bad/abi-descriptor.so" "version $abi"
warned "$bad/no-entry.so" docmill_plugin_entry
warned "$bad/x.so" "cannot load plugin"
# dlerror's own reason follows the file name.
grep -F "$bad/x.so" "$tmp/err" | grep -q -E 'file too short|invalid ELF header' || fail "dlerror's reason missing for x.so"
warned "$bad/clash.so" "'native'"
warned "$bad/clash.so" built-in
grep -E -q '^(abi-manifest|abi-descriptor) ' "$tmp/list" && fail "a refused plugin's format is listed"
grep -q '^native .*plugin' "$tmp/list" && fail "a clashing plugin replaced the built-in native writer"
grep -q "^html .*\[plugin: $good/html.so\]\$" "$tmp/list" || fail "good plugins not loaded beside broken ones"
"$DOCMILL" -f sdk-fixture -t html "$tmp/ar.txt" -o "$tmp/again.html" 2>/dev/null || fail "conversion with broken plugins around"
cmp -s "$tmp/again.html" "$page" || fail "broken plugins changed the output"

# ---- an explicit override replaces the built-in, with a warning -----------
export DOCMILL_PLUGIN_PATH="$good"
"$DOCMILL" --plugin "$tmp/override.so" --list-formats >"$tmp/list" 2>"$tmp/err" || fail "--list-formats with an override"
grep -q "^native .*\[plugin: $tmp/override.so\]\$" "$tmp/list" || fail "the override is not listed: $(cat "$tmp/list")"
warned "$tmp/override.so" overrides
warned "$tmp/override.so" built-in
out=$("$DOCMILL" -q --plugin "$tmp/override.so" -f sdk-fixture -t native "$tmp/ar.txt") || fail "converting with the override"
[ "$out" = "written by the overriding plugin" ] || fail "-t native did not use the override: $out"
echo "ok: plugin SDK"
