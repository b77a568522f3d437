#!/bin/sh
# SPDX-License-Identifier: MIT
# End-to-end tests of the AKN writers on real files: the seed resolution,
# its .akn package, the six-language resolution fixtures and generic
# Markdown documents of the fixed corpus (tests/md-corpus.list). Every file must validate against
# the official schema (DM_AKN_SCHEMA; skipped, visibly, only when there is
# none). Counts in the AKN are checked twice: against the tree docmill built
# (native dump), which tests the writer, and against the figures counted by
# hand (the issue's seed figures, the fixtures' .expect files), which tests
# the whole pipeline. A pipeline figure that the tree itself does not reach
# is a reader or recogniser matter: it is listed and the test reports
# "skipped" (77) rather than passing, unless the writer also failed.
# Usage: akn_write_e2e.sh PATH-OF-akn_check [seed|package|fixtures|annex|markdown]
set -u
CHECK=$1
PART=${2:-all}
SCHEMA=${DM_AKN_SCHEMA:-}
if [ -z "$SCHEMA" ] || [ ! -f "$SCHEMA" ]; then
  echo "SKIP: no Akoma Ntoso schema at '$SCHEMA' (set DM_AKN_SCHEMA; see plugins/akn/README.md)"
  exit 77
fi
cd "$DM_SOURCE_DIR" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
upstream=""

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
x() { "$CHECK" xpath "$1" "$2"; }

# check NAME AKN-COUNT TREE-COUNT [EXPECTED]
check() {
  if [ "$2" != "$3" ]; then
    fail "$1: AKN has $2, the tree has $3"
  elif [ $# -ge 4 ] && [ "$3" != "$4" ]; then
    echo "UPSTREAM: $1: the tree has $3, $4 expected (reader/recogniser)"
    upstream="$upstream $1"
  else
    echo "ok: $1 = $2"
  fi
}

validate() {
  if "$CHECK" validate "$SCHEMA" "$@"; then echo "ok: valid: $*"; else fail "schema: $*"; fi
}

tree_count() { grep -cE "^ *$1" "$2"; }

# The text of the tree in document order (every text and code literal),
# without whitespace, as akn_check text prints the AKN's.
tree_text() {
  grep -E '^ *(text|code|code_block|raw_block|raw_inline)( |$)' "$1" |
    sed 's/^.* "\(.*\)"$/\1/; s/\\\\/\x01/g; s/\\"/"/g; s/\\n//g; s/\\t//g; s/\x01/\\/g' | tr -d ' \n\t\r'
  echo
}

eids_unique() {
  d=$("$CHECK" values "$1" '//@eId' | sort | uniq -d | head -3)
  if [ -z "$d" ]; then echo "ok: eIds unique in $1 ($(x "$1" 'count(//@eId)'))"; else fail "duplicate eIds in $1: $d"; fi
}

same_text() {
  "$CHECK" text "$1" > "$tmp/a.txt"
  tree_text "$2" > "$tmp/t.txt"
  if cmp -s "$tmp/a.txt" "$tmp/t.txt"; then echo "ok: text of $1 = text of the tree"; else fail "text of $1 differs from the tree"; fi
}

# convert IN OUT-BASE [reader]: writes OUT-BASE.xml and OUT-BASE.native
convert() {
  f=${3:+-f $3}
  # shellcheck disable=SC2086
  "$DOCMILL" $f "$1" -t akn -o "$2.xml" 2> "$2.err" || { fail "convert $1: $(cat "$2.err")"; return 1; }
  # shellcheck disable=SC2086
  "$DOCMILL" $f "$1" -t native -o "$2.native" 2> /dev/null || { fail "native $1"; return 1; }
}

seed() {
  s=$tmp/seed
  convert samples/un-ga-75-158-zh.md "$s" || return
  validate "$s.xml"
  eids_unique "$s.xml"
  same_text "$s.xml" "$s.native"
  [ "$(x "$s.xml" 'string(/a:akomaNtoso/a:statement/@name)')" = resolution ] || fail "not a statement name=resolution"
  [ "$(x "$s.xml" 'string(//a:FRBRWork/a:FRBRnumber/@value)')" = 75-158 ] || fail "FRBRnumber"
  [ "$(x "$s.xml" 'string(//a:FRBRWork/a:FRBRnumber/@showAs)')" = 75/158 ] || fail "FRBRnumber showAs"
  [ "$(x "$s.xml" 'string(//a:FRBRExpression/a:FRBRlanguage/@language)')" = zho ] || fail "FRBRlanguage"
  [ "$(x "$s.xml" 'string(//a:FRBRWork/a:FRBRdate/@date)')" = 2020-12-16 ] || fail "FRBRdate"
  [ "$(x "$s.xml" 'string(//a:FRBRWork/a:FRBRthis/@value)')" = /akn/un/statement/deliberation/unga/2020-12-16/75-158/!main/ ] ||
    fail "FRBRthis"
  [ "$(x "$s.xml" 'count(//a:conclusions//a:docDate[@date="2020-12-16"])')" = 1 ] || fail "conclusions docDate"
  [ "$(x "$s.xml" 'count(//a:preamble/a:formula[@name="enactingFormula"])')" = 1 ] || fail "formula"
  echo "ok: FRBR number, language, dates, formula"
  # Figures counted by hand in samples/un-ga-75-158-zh.md: 34 footnote
  # definitions (markers 1-34), operative paragraphs 1.-52., and 38
  # preambular clauses (42 lines between the formula and "1.", less the
  # formula, two page marks and one clause split over a page).
  check "seed notes" "$(x "$s.xml" 'count(//a:authorialNote)')" "$(tree_count note "$s.native")" 34
  check "seed paragraphs" "$(x "$s.xml" 'count(//a:mainBody/a:paragraph)')" "$(tree_count 'div role=paragraph' "$s.native")" 52
  # A preambular clause is a container named after its lead words, as in
  # the UN's own files (a numbered one would stay a recital).
  check "seed recitals" "$(x "$s.xml" 'count(//a:preamble/a:container | //a:preamble/a:recitals/a:recital)')" \
    "$(tree_count 'div role=recital' "$s.native")" 38
  [ "$(x "$s.xml" 'string(//a:preamble/a:container[3]/@name)')" = 认识到 ] || fail "container named after its lead words"
  [ "$(x "$s.xml" 'string(//a:preamble/a:container[3]/@eId)')" = container_4 ] || fail "container eId as the UN numbers it"
  [ "$(x "$s.xml" 'count(/a:akomaNtoso/a:statement/a:coverPage//a:session)')" = 1 ] || fail "masthead in coverPage"
  [ "$(x "$s.xml" 'count(//a:preface//a:docTitle)')" = 1 ] || fail "number and title in preface"
  [ "$(x "$s.xml" 'count(//a:docketNumber)')" = 0 ] || fail "docketNumber is the UN's job number, not the agenda item"
  [ "$(x "$s.xml" 'string(//a:coverPage//a:inline[@name="agenda item"])')" = "议程项目 28" ] || fail "agenda item"
  "$CHECK" values "$s.xml" '//a:authorialNote/@marker' | tr '\n' ' ' > "$tmp/m.akn"
  grep -E '^ *note ' "$s.native" | sed 's/.*marker="\([^"]*\)".*/\1/' | tr '\n' ' ' > "$tmp/m.tree"
  seq 1 34 | tr '\n' ' ' > "$tmp/m.want"
  check "seed note markers" "$(cat "$tmp/m.akn")" "$(cat "$tmp/m.tree")" "$(cat "$tmp/m.want")"
  "$CHECK" values "$s.xml" '//a:mainBody/a:paragraph/a:num' | tr '\n' ' ' > "$tmp/n.akn"
  seq 1 52 | sed 's/$/./' | tr '\n' ' ' > "$tmp/n.want"
  check "seed paragraph numbers" "$(cat "$tmp/n.akn")" "$(cat "$tmp/n.akn")" "$(cat "$tmp/n.want")"
  [ "$(x "$s.xml" 'count(//a:preamble/a:container[preceding-sibling::a:formula])')" = \
    "$(x "$s.xml" 'count(//a:preamble/a:container)')" ] || fail "recitals before the formula"
}

package() {
  p=$tmp/pkg
  "$DOCMILL" samples/un-ga-75-158-zh.md -t akn-package -o "$p.akn" 2> /dev/null || { fail "package"; return; }
  TZ=Pacific/Kiritimati "$DOCMILL" samples/un-ga-75-158-zh.md -o "$p-2.akn" 2> /dev/null || { fail "package by extension"; return; }
  if cmp -s "$p.akn" "$p-2.akn"; then echo "ok: package bytes reproducible ($(wc -c < "$p.akn") bytes)"; else fail "package bytes differ"; fi
  if ! command -v unzip > /dev/null; then
    echo "note: unzip not installed; package listing not checked"
    return
  fi
  list=$(unzip -Z1 "$p.akn")
  [ "$list" = main.xml ] && echo "ok: package holds main.xml" || fail "package lists: $list"
  unzip -p "$p.akn" main.xml > "$p-main.xml"
  validate "$p-main.xml"
  [ "$(x "$p-main.xml" 'string(//a:FRBRManifestation/a:FRBRuri/@value)')" = \
    /akn/un/statement/deliberation/unga/2020-12-16/75-158/zho@.akn ] || fail "package manifestation IRI"
}

expect() { sed -n "s/^$1: //p" "$2"; }

fixtures() {
  n=0
  list=""
  for f in tests/fixtures/resolutions/*-md.md tests/fixtures/resolutions/*-txt.txt; do
    [ -f "$f" ] || continue
    e=${f%.*}.expect
    b=$tmp/$(basename "$f")
    convert "$f" "$b" || continue
    n=$((n + 1))
    list="$list $b.xml"
    eids_unique "$b.xml"
    same_text "$b.xml" "$b.native"
    [ -f "$e" ] || continue
    check "$f notes" "$(x "$b.xml" 'count(//a:authorialNote)')" "$(tree_count note "$b.native")" "$(expect footnotes "$e")"
    check "$f recitals" "$(x "$b.xml" 'count(//a:recital | //a:preamble/a:container)')" "$(tree_count 'div role=recital' "$b.native")" \
      "$(expect recitals "$e")"
    check "$f paragraphs" "$(x "$b.xml" 'count(//a:mainBody/a:paragraph)')" "$(tree_count 'div role=paragraph' "$b.native")" \
      "$(expect operative "$e")"
    check "$f points" "$(x "$b.xml" 'count(//a:point)')" "$(tree_count 'div role=point' "$b.native")" "$(expect points "$e")"
    [ "$(x "$b.xml" 'string(//a:FRBRWork/a:FRBRnumber/@value)')" = 75-158 ] || fail "$f FRBRnumber"
  done
  # shellcheck disable=SC2086
  validate $list
  [ "$n" -ge 12 ] || fail "only $n resolution fixtures converted (12 expected)"
}

# An annex recognised in text: sc-annex-txt.txt is the abridged S/RES/2611
# (2021) of tests/un-resolution/sc-en-txt.txt with the opening, points (a),
# (b) and the last point (dd) of its annex, as pdftotext gives them ("Annex"
# right above its text, no blank lines). Expected as the official English
# AKN file of the resolution has it, read by hand: after mainBody (which
# ends with paragraph 5.), attachments/attachment/doc name="annex", whose
# meta holds only an identification with FRBRthis
# .../2611-2021/!main/annex, .../eng@!main/annex and
# .../eng@/!main/annex.xml, the uris those of the resolution, and whose
# mainBody holds a paragraph per block: "Annex", the opening sentence, and
# each lettered point unnumbered ("(a) To submit, ...").
annex() {
  a=$tmp/annex
  w=/akn/un/statement/deliberation/unsc/2021-12-17/2611-2021
  convert tests/akn-write/sc-annex-txt.txt "$a" || return
  validate "$a.xml"
  eids_unique "$a.xml"
  same_text "$a.xml" "$a.native"
  doc=/a:akomaNtoso/a:statement/a:attachments/a:attachment/a:doc
  [ "$(x "$a.xml" "count(${doc}[@name='annex'])")" = 1 ] || fail "annex: not one attachment doc name=annex"
  [ "$(x "$a.xml" 'count(//a:hcontainer)')" = 0 ] || fail "annex: an hcontainer is left in the body"
  [ "$(x "$a.xml" 'count(/a:akomaNtoso/a:statement/a:mainBody/a:paragraph)')" = 5 ] || fail "annex: resolution's paragraphs"
  [ "$(x "$a.xml" "count($doc/a:meta/*)")" = 1 ] || fail "annex: meta holds more than the identification"
  id=$doc/a:meta/a:identification
  [ "$(x "$a.xml" "string(${id}/a:FRBRWork/a:FRBRthis/@value)")" = "$w/!main/annex" ] || fail "annex: work FRBRthis"
  [ "$(x "$a.xml" "string(${id}/a:FRBRWork/a:FRBRuri/@value)")" = "$w/" ] || fail "annex: work FRBRuri"
  [ "$(x "$a.xml" "string(${id}/a:FRBRExpression/a:FRBRthis/@value)")" = "$w/eng@!main/annex" ] ||
    fail "annex: expression FRBRthis"
  [ "$(x "$a.xml" "string(${id}/a:FRBRManifestation/a:FRBRthis/@value)")" = "$w/eng@/!main/annex.xml" ] ||
    fail "annex: manifestation FRBRthis"
  got=""
  for k in 1 2 3 4 5 6; do
    got="$got$(x "$a.xml" "substring(normalize-space($doc/a:mainBody/a:paragraph[$k]/a:content), 1, 14)")|"
  done
  [ "$got" = "Annex|In accordance |(a) To submit,|(b) To assist |(dd) Any other||" ] || fail "annex paragraphs: $got"
  # Read back and written again, it stays the UN's attachment.
  "$DOCMILL" -f akn "$a.xml" -t akn -o "$a-2.xml" 2> /dev/null || fail "annex: AKN read back"
  [ "$(x "$a-2.xml" "count(${doc}[@name='annex']/a:mainBody/a:paragraph)")" = 5 ] || fail "annex: lost when read back"
  # Markdown and DOCX show it as its heading and paragraphs after paragraph
  # 5., which read back are the same annex.
  for t in markdown docx; do
    if ! "$DOCMILL" -f text tests/akn-write/sc-annex-txt.txt -t $t -o "$a.$t" 2> /dev/null ||
      ! "$DOCMILL" -f $t "$a.$t" -t akn -o "$a-$t.xml" 2> /dev/null; then
      fail "annex: through $t"
      continue
    fi
    [ "$(x "$a-$t.xml" "count(${doc}[@name='annex']/a:mainBody/a:paragraph)")" = 5 ] || fail "annex: lost through $t"
  done
  echo "ok: annex written as the UN's attachment"
}

markdown() {
  n=0
  "$DM_SOURCE_DIR/tests/md-corpus.sh" "$tmp" > "$tmp/md.list" || fail "the Markdown corpus (tests/md-corpus.list) is incomplete"
  : > "$tmp/md.xml.list"
  while IFS= read -r f; do
    b=$tmp/md$n
    convert "$f" "$b" markdown || continue
    n=$((n + 1))
    echo "$b.xml" >> "$tmp/md.xml.list"
    same_text "$b.xml" "$b.native" | grep -v '^ok'
    [ "$(cat "$tmp/a.txt")" = "$(cat "$tmp/t.txt")" ] || fail "text of $f"
    d=$("$CHECK" values "$b.xml" '//@eId' | sort | uniq -d | head -1)
    [ -z "$d" ] || fail "duplicate eId $d in $f"
  done < "$tmp/md.list"
  # One run validates them all: loading the schema is most of the time.
  # shellcheck disable=SC2046
  "$CHECK" validate "$SCHEMA" $(cat "$tmp/md.xml.list") || fail "schema: Markdown of the corpus"
  echo "ok: $n Markdown files of the corpus converted, valid, text kept, eIds unique"
  [ "$n" = "$(wc -l < "$tmp/md.list")" ] || fail "only $n of the $(wc -l < "$tmp/md.list") corpus files converted"
}

case $PART in
seed) seed ;;
package) package ;;
fixtures) fixtures ;;
annex) annex ;;
markdown) markdown ;;
*) seed; package; fixtures; annex; markdown ;;
esac

if [ "$fails" -gt 0 ]; then
  echo "$fails failure(s)"
  exit 1
fi
if [ -n "$upstream" ]; then
  echo "SKIPPED: the writer is right, but the tree falls short of the hand-counted figures:$upstream"
  exit 77
fi
echo "all passed"
