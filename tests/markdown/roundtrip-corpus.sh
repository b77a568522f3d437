#!/bin/sh
# SPDX-License-Identifier: MIT
# Markdown round trip on real documents: for every Markdown file of the
# fixed corpus, tests/md-corpus.list (this repository's documentation and
# that of Debian packages scripts/install-deps.sh installs), or every one
# under the directories given (gzipped or not), compare the HTML cmark-gfm renders
# from the original with the HTML it renders from docmill's Markdown output,
# after collapsing runs of whitespace outside <pre> (HTML does not tell them
# apart). Prints the share of identical files and each failure with a short
# reason. With --pandoc, measures `pandoc -f gfm -t gfm --wrap=preserve` on
# the same files for comparison.
#
# usage: roundtrip-corpus.sh [--pandoc] [--min PERCENT] [--list] [DIR...]
# env:   DOCMILL (the CLI), DM_SOURCE_DIR (for the list, when no DIR given)
# exit:  0 at or above --min (default 0), 1 below or when a listed file is
#        missing, 77 when cmark-gfm is missing or a DIR holds no Markdown.
set -u

pandoc_too=0
min=0
list=0
while [ $# -gt 0 ]; do
  case "$1" in
  --pandoc) pandoc_too=1; shift ;;
  --min) min="$2"; shift 2 ;;
  --list) list=1; shift ;;
  --) shift; break ;;
  -*) echo "usage: $0 [--pandoc] [--min PERCENT] [--list] [DIR...]" >&2; exit 2 ;;
  *) break ;;
  esac
done
docmill=${DOCMILL:-docmill}
command -v cmark-gfm >/dev/null 2>&1 || { echo "cmark-gfm not installed: skipped"; exit 77; }
command -v perl >/dev/null 2>&1 || { echo "perl not installed: skipped"; exit 77; }
if [ "$pandoc_too" = 1 ] && ! command -v pandoc >/dev/null 2>&1; then
  echo "pandoc not installed: pandoc not measured"
  pandoc_too=0
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ $# -eq 0 ]; then
  : "${DM_SOURCE_DIR:?DM_SOURCE_DIR names the source tree, whose tests/md-corpus.list is read}"
  # the list is fixed: a missing file is a broken set-up, not a smaller corpus
  "$DM_SOURCE_DIR/tests/md-corpus.sh" "$tmp" >"$tmp/files" ||
    { echo "FAIL: the Markdown corpus (tests/md-corpus.list) is incomplete"; exit 1; }
else
  find "$@" -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.mkd' -o -name '*.mdown' \
    -o -name '*.md.gz' -o -name '*.markdown.gz' -o -name '*.mkd.gz' -o -name '*.mdown.gz' \) 2>/dev/null |
    LC_ALL=C sort >"$tmp/files"
fi
total=$(wc -l <"$tmp/files")
[ "$total" -gt 0 ] || { echo "no Markdown files under $*: skipped"; exit 77; }

render() { # file -> normalised HTML on stdout
  cmark-gfm --extension table --extension footnotes --extension strikethrough --extension autolink "$1" |
    perl -0777 -pe 's{(<pre\b.*?</pre>)|(\s+)}{defined $1 ? $1 : " "}gse'
}

ok=0 pok=0
: >"$tmp/failures"
: >"$tmp/pfailures"
while IFS= read -r f; do
  case "$f" in
  *.gz) gzip -dc "$f" >"$tmp/in.md" 2>/dev/null || { echo "$f: cannot gunzip" >>"$tmp/failures"; continue; } ;;
  *) cp "$f" "$tmp/in.md" ;;
  esac
  render "$tmp/in.md" >"$tmp/a.html"
  if ! "$docmill" -q -f markdown -t markdown --option markdown.lenient=true -o "$tmp/out.md" "$tmp/in.md" \
    2>"$tmp/err"; then
    echo "$f: docmill failed: $(head -n 1 "$tmp/err")" >>"$tmp/failures"
  else
    render "$tmp/out.md" >"$tmp/b.html"
    if cmp -s "$tmp/a.html" "$tmp/b.html"; then
      ok=$((ok + 1))
    else
      # the first differing stretch, for the report
      where=$(perl -e 'local $/; open A, "<", $ARGV[0]; $a = <A>; open B, "<", $ARGV[1]; $b = <B>;
        my $i = 0; $i++ while $i < length($a) && $i < length($b) && substr($a, $i, 1) eq substr($b, $i, 1);
        my $s = $i > 40 ? $i - 40 : 0; my ($x, $y) = (substr($a, $s, 100), substr($b, $s, 100));
        s/\n/\\n/g for $x, $y; print "was: $x | now: $y"' "$tmp/a.html" "$tmp/b.html")
      echo "$f: $where" >>"$tmp/failures"
    fi
  fi
  if [ "$pandoc_too" = 1 ]; then
    if pandoc -f gfm -t gfm --wrap=preserve -o "$tmp/p.md" "$tmp/in.md" 2>/dev/null; then
      render "$tmp/p.md" >"$tmp/p.html"
      if cmp -s "$tmp/a.html" "$tmp/p.html"; then pok=$((pok + 1)); else echo "$f" >>"$tmp/pfailures"; fi
    else
      echo "$f: pandoc failed" >>"$tmp/pfailures"
    fi
  fi
done <"$tmp/files"

pct=$(perl -e "printf '%.1f', 100 * $ok / $total")
echo "docmill: $ok of $total identical ($pct%)"
if [ "$pandoc_too" = 1 ]; then
  ppct=$(perl -e "printf '%.1f', 100 * $pok / $total")
  echo "pandoc:  $pok of $total identical ($ppct%)"
fi
if [ -s "$tmp/failures" ]; then
  echo "docmill failures:"
  sed 's/^/  /' "$tmp/failures"
fi
if [ "$list" = 1 ] && [ -s "$tmp/pfailures" ]; then
  echo "pandoc failures:"
  sed 's/^/  /' "$tmp/pfailures"
fi
perl -e "exit($pct + 0 >= $min + 0 ? 0 : 1)"
