#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What users bring from pandoc and from packaging: format names as they
# type them (aliases, any case, "did you mean"), hints that name only
# formats that exist, -M and --metadata-file, -s, the list options, --log
# as JSON lines, -q and --strict over plugin-loading warnings, --plugin
# with a bare file name, and the man page covering every option and every
# declared format option. The test plugin (argument 1) is a shared object
# built with the tests.
. "$(dirname "$0")/lib.sh"
PLUGIN=$1
MAN="$DM_SOURCE_DIR/docs/docmill.1"
printf '# Title\n\nSome *text*.\n' >doc.md
printf 'A line.\n' >doc.txt

# ---- format names --------------------------------------------------------
"$DOCMILL" -t markdown doc.md >want.md
for name in md gfm commonmark Markdown MD; do
  dm "-t $name is markdown" -t "$name" doc.md
  expect_status 0 && cmp -s stdout want.md && ok "$NAME" || fail "$NAME: $(cat stdout stderr)"
done
dm "-f TXT -t Native" -f TXT -t Native doc.txt
expect_status 0 && grep -q 'text "A line."' stdout && ok "$NAME" || fail "$NAME: $(cat stdout stderr)"
dm "-f xml and -f akn4un read AKN" -f akn4un -t native doc.txt
expect_status 1 && grep -q "akn" stderr && ok "$NAME" || fail "$NAME: $(cat stderr)"
dm "--list-formats shows aliases" --list-formats
grep -Eq '^markdown +read .*\(also: md, gfm, commonmark\)$' stdout && grep -Eq '^akn +write .*\(also: xml, akn4un\)$' stdout &&
  ok "$NAME" || fail "$NAME: $(cat stdout)"
dm "misspelt writer" -t mardown doc.md
expect_error 2 "^docmill: no writer named 'mardown'; did you mean 'markdown'\? \(see --list-formats\)$" && ok "$NAME"
dm "misspelt reader" -f akm doc.md
expect_error 2 "^docmill: no reader named 'akm'; did you mean 'akn'\?" && ok "$NAME"
dm "nothing near" -t qqqqqqqq doc.md
expect_error 2 "^docmill: no writer named 'qqqqqqqq' \(see --list-formats\)$" && ok "$NAME"
writer_only=$(comm -13 <("$DOCMILL" --list-input-formats | sort) <("$DOCMILL" --list-output-formats | sort) | head -1)
dm "no reader named after a writer ($writer_only)" -f "$writer_only" doc.md
expect_error 2 "^docmill: no reader named '$writer_only'" && ok "$NAME"

# An input no reader takes: the hint names the readers there are, and for
# an extension no reader claims, it says so rather than asking for -f
# (which extensions readers claim: --list-formats, the "read" lines).
readers=$("$DOCMILL" --list-input-formats | paste -sd, | sed 's/,/, /g')
claimed=$("$DOCMILL" --list-formats | awk '$2 == "read"' | grep -oE ' \.[a-z0-9]+' | tr -d ' ' | sort -u)
# Bytes as binary as a PDF's or a ZIP's (every one invalid in UTF-8).
python3 -c 'import sys; sys.stdout.buffer.write(b"%PDF-1.7\n" + bytes(range(128, 256)) * 8)' >scan.pdf
python3 -c 'import sys; sys.stdout.buffer.write(b"PK\x03\x04" + bytes(range(128, 256)) * 8)' >report.docx
cp scan.pdf noext
real=$(ls "$DM_SHARED_DIR"/samples-external/pdf/*.pdf 2>/dev/null | head -1)
[ -n "$real" ] && cp "$real" real.pdf
for f in scan.pdf report.docx ${real:+real.pdf}; do
  if echo "$claimed" | grep -qx "\.${f##*.}"; then
    dm "$f: a reader claims .${f##*.} but not these bytes" -t native "$f"
    expect_error 1 "^docmill: $f: cannot tell the input's format; name it with -f \(readers: $readers\)$" && ok "$NAME"
  else
    dm "$f: no reader for it" -t native "$f"
    expect_error 1 "^docmill: $f: no reader for '\.${f##*.}' files is installed \(readers: $readers\)$" && ok "$NAME"
  fi
done
dm "unknown bytes: -f with the readers there are" -t native noext
expect_error 1 "cannot tell the input's format; name it with -f \(readers: $readers\)$" && ok "$NAME"

# ---- lists ---------------------------------------------------------------
dm "--list-input-formats" --list-input-formats
[ "$(cat stdout)" = "$("$DOCMILL" --list-formats | awk '$2 == "read" { print $1 }')" ] && ok "$NAME" || fail "$NAME"
dm "--list-output-formats" --list-output-formats
[ "$(cat stdout)" = "$("$DOCMILL" --list-formats | awk '$2 == "write" { print $1 }')" ] && ok "$NAME" || fail "$NAME"
dm "--list-options md" --list-options md
expect_status 0 && grep -Eq "^markdown\.lenient +reader +bool +default 'false'" stdout && ok "$NAME" || fail "$NAME: $(cat stdout)"
dm "--list-options text: reader and writer" --list-options text
grep -Eq "^text\.lenient +reader" stdout && grep -Eq "^text\.wrap +writer +int +default '0'" stdout && ok "$NAME" ||
  fail "$NAME: $(cat stdout)"
dm "--list-options of a format without options" --list-options native
expect_status 0 && [ "$(cat stdout)" = "native: no options" ] && ok "$NAME" || fail "$NAME: $(cat stdout)"
dm "--list-options of no format" --list-options docz
expect_error 2 "^docmill: no format named 'docz'; did you mean 'docx'\?" && ok "$NAME"

# ---- metadata and -s -----------------------------------------------------
dm "-M KEY=VALUE and a bare -M KEY" -M title=Hello -M draft -M lang=fr -t native doc.md
grep -q 'meta "title" "Hello"' stdout && grep -q 'meta "draft" "true"' stdout && grep -q 'meta "language" "fr"' stdout &&
  ok "$NAME" || fail "$NAME: $(cat stdout stderr)"
seed="$DM_SOURCE_DIR/samples/un-ga-75-158-zh.md"
dm "-M overrides the document's own" -M title=Other -t native "$seed"
grep -q 'meta "title" "Other"' stdout && ! grep -q 'meta "title" "贩运' stdout && ok "$NAME" || fail "$NAME"
printf -- '---\n# comment\ntitle: From the file\nsubject: "quoted: value"\nkeywords: a, b # trailing comment\n...\n' >meta.yaml
dm "--metadata-file YAML fills what the document lacks" --metadata-file meta.yaml -t native "$seed"
grep -q 'meta "title" "贩运妇女和女童"' stdout && grep -q 'meta "subject" "quoted: value"' stdout &&
  grep -q 'meta "keywords" "a, b"' stdout && ok "$NAME" || fail "$NAME: $(grep meta stdout)"
printf '{"title": "J \\u00e9t\\u00e9", "year": 2020, "final": true}\n' >meta.json
dm "--metadata-file JSON" --metadata-file meta.json -t native doc.md
grep -q 'meta "title" "J été"' stdout && grep -q 'meta "year" "2020"' stdout && grep -q 'meta "final" "true"' stdout &&
  ok "$NAME" || fail "$NAME: $(cat stdout stderr)"
printf 'title: ok\nauthors:\n  - A\n' >nested.yaml
dm "nested YAML is refused with its line" --metadata-file nested.yaml -t native doc.md
expect_error 2 "^docmill: nested.yaml:2: expected 'key: value'" && ok "$NAME"
printf '{"a": {"b": 1}}' >nested.json
dm "nested JSON is refused" --metadata-file nested.json -t native doc.md
expect_error 2 "^docmill: nested.json: byte [0-9]+: expected" && ok "$NAME"
dm "a missing metadata file" --metadata-file nowhere.yaml -t native doc.md
expect_error 3 "nowhere.yaml" && ok "$NAME"
dm "-M with a bad key" -M 'a b=c' -t native doc.md
expect_error 2 "^docmill: -M wants KEY=VALUE" && ok "$NAME"
"$DOCMILL" -t markdown doc.md >plain.out
dm "-s and --standalone change nothing" -s --standalone -t markdown doc.md
expect_status 0 && cmp -s stdout plain.out && ok "$NAME" || fail "$NAME"

# ---- --log -----------------------------------------------------------------
printf 'x[^1]\n\n[^1]: one\n\n[^9]: unused\n' >warn.md
dm "--log: warnings as JSON lines, stderr as before" --log log.jsonl -t native warn.md
expect_status 0 && [ "$(err_lines)" -ge 1 ] && [ "$(grep -c '"severity":"warning"' log.jsonl)" = "$(err_lines)" ] &&
  python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' log.jsonl && ok "$NAME" ||
  fail "$NAME: $(cat log.jsonl stderr)"
printf 'x\377\n' >bad.txt
dm "--log: the error too" --log log.jsonl -q -t native bad.txt
expect_status 1 && python3 -c '
import json, sys
e = [json.loads(l) for l in open(sys.argv[1])]
assert [x["severity"] for x in e] == ["error"], e
assert e[0]["file"] == "bad.txt" and "invalid UTF-8" in e[0]["message"], e' log.jsonl && ok "$NAME" ||
  fail "$NAME: $(cat log.jsonl)"
dm "--log into a missing directory" --log no/such/log -t native doc.md
expect_error 3 "cannot open the log 'no/such/log'" && ok "$NAME"

# ---- --update and --report, one file ---------------------------------------
mt() { stat -c %Y.%y "$1"; }
dm "--update: a missing output is written" --update --report rep1.jsonl -t native doc.md -o up.native
expect_status 0 && [ -s up.native ] && grep -q '"status":"converted"' rep1.jsonl && ok "$NAME" || fail "$NAME: $(cat rep1.jsonl)"
python3 -c '
import hashlib, json, sys
e = json.loads(open(sys.argv[1]).read())
assert e["input"] == "doc.md" and e["output"] == "up.native" and e["exit"] == 0 and e["warnings"] == 0, e
assert e["sha256"] == hashlib.sha256(open("up.native", "rb").read()).hexdigest(), e' rep1.jsonl &&
  ok "--report: input, output, exit, warnings and the output's SHA-256" || fail "--report line: $(cat rep1.jsonl)"
before=$(mt up.native)
sleep 1
dm "--update: an output newer than input and program is left alone" --update --report rep2.jsonl -t native doc.md -o up.native
expect_status 0 && [ "$(mt up.native)" = "$before" ] && grep -q '"status":"up-to-date"' rep2.jsonl && ok "$NAME" ||
  fail "$NAME: $(cat rep2.jsonl)"
touch doc.md
dm "--update: an input newer than its output is converted" --update -t native doc.md -o up.native
expect_status 0 && [ "$(mt up.native)" != "$before" ] && ok "$NAME" || fail "$NAME"
# Input and output both older than the docmill under test: a new docmill
# may convert differently, so the output is made again.
touch -d '2001-01-01' doc.md && touch -d '2002-01-01' up.native
before=$(mt up.native)
dm "--update: an output older than docmill is converted" --update -t native doc.md -o up.native
expect_status 0 && [ "$(mt up.native)" != "$before" ] && ok "$NAME" || fail "$NAME"
dm "--report: a failure has its error" --report rep3.jsonl -t native bad.txt -o bad.native
expect_status 1 && grep -q '"status":"failed","exit":1,.*"sha256":null,"error":".*invalid UTF-8' rep3.jsonl && ok "$NAME" ||
  fail "$NAME: $(cat rep3.jsonl)"

mkdir -p bin bout
printf 'a\n' >bin/a.txt && printf 'b\n' >bin/b.txt
"$DOCMILL" -q -t native -O bout bin/a.txt
dm "batch --update: the summary counts what was up to date" --update -t native -O bout bin/a.txt bin/b.txt
expect_status 0 && grep -Eq "^docmill: 1 file converted, 1 up to date, 0 failed, in [0-9.]+ s$" stderr && ok "$NAME" ||
  fail "$NAME: $(cat stderr)"

# ---- plugins: -q, --strict, a bare name ------------------------------------
dm "a plugin that cannot be loaded: a warning" --plugin ./missing.so -t native doc.md
expect_status 0 && grep -q "cannot load plugin './missing.so'" stderr && ok "$NAME" || fail "$NAME: $(cat stderr)"
dm "-q hides it" -q --plugin ./missing.so -t native doc.md
expect_status 0 && [ ! -s stderr ] && ok "$NAME" || fail "$NAME: $(cat stderr)"
dm "--strict makes it an error" --strict --plugin ./missing.so -t native doc.md
expect_error 1 "^docmill: --strict: .*cannot load plugin './missing.so'" && [ ! -s stdout ] && ok "$NAME"
dm "--strict with DOCMILL_PLUGIN_PATH" --strict -t native doc.md
mkdir plugdir && printf 'not a shared object' >plugdir/broken.so
DOCMILL_PLUGIN_PATH=$PWD/plugdir "$DOCMILL" --strict -t native doc.md >stdout 2>stderr </dev/null
STATUS=$?
expect_error 1 "^docmill: --strict: .*broken.so" && ok "$NAME"
if [ -f "$PLUGIN" ]; then
  cp "$PLUGIN" ./testbin.so
  dm "--plugin with a bare name in the current directory" --plugin testbin.so --list-formats
  expect_status 0 && grep -Eq "^testbin +write .*\[plugin: \./testbin\.so\]$" stdout && ok "$NAME" ||
    fail "$NAME: $(cat stdout stderr)"
else
  fail "no test plugin given"
fi

# ---- the man page and --help cover every option ----------------------------
missing=""
for opt in $("$DOCMILL" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
  grep -q -- "$(printf '%s' "$opt" | sed 's/-/\\\\-/g')" "$MAN" || missing="$missing $opt"
done
[ -z "$missing" ] && ok "every option of --help is in docmill(1)" || fail "not in docmill(1):$missing"
missing=""
for f in $("$DOCMILL" --list-formats | awk '{ print $1 }' | sort -u); do
  for o in $("$DOCMILL" --list-options "$f" | awk '/ default / { print $1 }'); do
    grep -qF -- "$(printf '%s' "$o" | sed 's/-/\\-/g')" "$MAN" || missing="$missing $o"
  done
done
[ -z "$missing" ] && ok "every declared format option is in docmill(1)" || fail "not in docmill(1):$missing"
finish
