#!/bin/sh
# SPDX-License-Identifier: MIT
# md-corpus.sh DIR: prints the paths of the Markdown corpus listed in
# tests/md-corpus.list, one a line, with .gz files decompressed into DIR.
# Exits 1, naming it, when a listed file is missing: the list is fixed, so
# a missing file is a broken set-up, not a smaller corpus.
set -u
: "${DM_SOURCE_DIR:?}"
dir=$1
i=0
grep -v '^#' "$DM_SOURCE_DIR/tests/md-corpus.list" | while IFS= read -r f; do
  [ -n "$f" ] || continue
  case $f in /*) ;; *) f=$DM_SOURCE_DIR/$f ;; esac
  if [ ! -f "$f" ]; then
    echo "md-corpus: listed file $f is missing" >&2
    exit 1
  fi
  i=$((i + 1))
  case $f in
  *.gz)
    out=$dir/corpus-$i-$(basename "${f%.gz}")
    gzip -dc "$f" > "$out" || exit 1
    echo "$out"
    ;;
  *) echo "$f" ;;
  esac
done
