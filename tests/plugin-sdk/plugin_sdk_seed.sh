#!/bin/sh
# SPDX-License-Identifier: MIT
# The seed resolution (samples/un-ga-75-158-zh.md, UN General Assembly
# resolution 75/158 in Chinese) through the out-of-tree HTML writer. The
# figures are counted in the source text here, not taken from docmill: one
# footnote definition per line starting "<sup>N</sup>" (34, markers 1-34 in
# order), one operative paragraph per line starting "N. " (52). Needs the
# Markdown reader and the UN resolution recogniser built in; until then the
# test says so and reports itself skipped.
set -eu
. "$DM_SOURCE_DIR/tests/plugin-sdk/sdk_common.sh"
command -v xmllint >/dev/null || { echo "SKIP: xmllint is not installed"; exit 77; }
formats=$("$DOCMILL" --list-formats 2>/dev/null)
for f in markdown un-resolution; do
  echo "$formats" | grep -q "^$f " ||
    { echo "SKIP: this docmill has no '$f' format yet; the seed checks need it"; exit 77; }
done

seed=$DM_SOURCE_DIR/samples/un-ga-75-158-zh.md
markers=$(grep -o '^<sup>[0-9][0-9]*</sup>' "$seed" | tr -dc '0-9\n' | tr '\n' ' ')
nnotes=$(echo "$markers" | wc -w)
nops=$(grep -c -E '^[0-9]+\. ' "$seed")
# The figures the specification states, so that a changed sample is noticed.
[ "$nnotes" -eq 34 ] && [ "$nops" -eq 52 ] || fail "the sample changed: $nnotes notes, $nops paragraphs"

# When the page is short of notes, say whether the tree already was: that
# is the reader's or the recogniser's to fix, not the writer's.
tree=$("$DOCMILL" -q -t native "$seed" | sed -n 's/^ *note marker="\([^"]*\)".*/\1/p' | tr '\n' ' ')
[ "$tree" = "$markers" ] ||
  fail "the document tree holds notes [$tree], the source defines [$markers]: not a writer problem"

sdk_setup
sdk_build_make "$tmp/make"
page=$tmp/seed.html
DOCMILL_PLUGIN_PATH=$plugindir "$DOCMILL" -q -t html "$seed" -o "$page" || fail "converting the seed to html"
lint=$(xmllint --html --noout "$page" 2>&1) || fail "xmllint --html failed"
[ -z "$lint" ] || fail "libxml2's HTML parser reports: $lint"
lint=$(xmllint --noout "$page" 2>&1) || fail "the page is not well-formed XML: $lint"
[ -z "$lint" ] || fail "libxml2's XML parser reports: $lint"

xp() { xmllint --html --xpath "$1" "$page" 2>/dev/null || true; }
expect() {
  got=$(xp "$1")
  [ "$got" = "$2" ] || fail "$1 is '$got', expected '$2'"
}
expect 'string(/html/@lang)' zh
expect 'string(/html/@dir)' ltr
expect 'count(//div[@class="operative"])' "$nops"
expect 'count(//div[@class="footnotes"]/ol/li)' "$nnotes"
n=0
for m in $markers; do
  n=$((n + 1))
  expect "string(//div[@class=\"footnotes\"]/ol/li[$n]//span[@class=\"marker\"])" "$m"
  expect "string(//div[@class=\"footnotes\"]/ol/li[$n]/@id)" "fn-$n"
  expect "string(//a[@href=\"#fn-$n\"]/@id)" "fnref-$n"
  expect "string(//a[@href=\"#fn-$n\"])" "$m"
  expect "count(//li[@id=\"fn-$n\"]//a[@class=\"backref\"][@href=\"#fnref-$n\"])" 1
done
n=0
for num in $(grep -o -E '^[0-9]+\.' "$seed"); do
  n=$((n + 1))
  expect "string(//div[@class=\"operative\"][$n]/@id)" "para-${num%.}"
  expect "string(//div[@class=\"operative\"][$n]//span[@class=\"num\"])" "$num"
done
echo "ok: seed page with $nnotes footnotes and $nops operative paragraphs"
