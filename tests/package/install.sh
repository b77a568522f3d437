#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Packaging conventions: `make install` installs no packages (make check
# does); a plain CMake configure builds neither tests nor -Werror; bash and
# zsh completion are installed and complete formats and options from the
# docmill they complete for, and know every option of --help; a plugin
# built with the CMake package installs under its own --prefix; the
# version agrees in CMakeLists.txt, docmill --version, the man page and
# CHANGELOG.md.
. "$(dirname "$0")/../cli/lib.sh"
SRC=$DM_SOURCE_DIR
prefix=$SCRATCH/prefix
cmake --install "$DM_BINARY_DIR" --prefix "$prefix" >install.log 2>&1 || { cat install.log; fail "install"; finish; }

# ---- make install vs make check --------------------------------------------
make -n -C "$SRC" install BUILD="$SCRATCH/nobuild" >install.n 2>&1
if grep -q "cmake --install" install.n && ! grep -Eq "install-deps|apt-get" install.n; then
  ok "make install runs no package installer"
else
  fail "make -n install: $(cat install.n)"
fi
make -n -C "$SRC" check BUILD="$SCRATCH/nobuild" >check.n 2>&1
grep -q "install-deps" check.n && grep -q -- "-DBUILD_TESTING=ON -DDM_WERROR=ON" check.n &&
  ok "make check installs what it needs and turns tests and -Werror on" || fail "make -n check: $(head -20 check.n)"

# ---- a plain configure -----------------------------------------------------
if cmake -S "$SRC" -B plain -DDM_SHARED_DIR="$DM_SHARED_DIR" >plain.log 2>&1; then
  grep -q '^BUILD_TESTING:BOOL=OFF$' plain/CMakeCache.txt && grep -q '^DM_WERROR:BOOL=OFF$' plain/CMakeCache.txt &&
    ok "a plain cmake configure: BUILD_TESTING and DM_WERROR off" ||
    fail "plain configure: $(grep -E '^(BUILD_TESTING|DM_WERROR):' plain/CMakeCache.txt)"
else
  fail "plain configure: $(tail -5 plain.log)"
fi

# ---- completion ----------------------------------------------------------------
bashc=$prefix/share/bash-completion/completions/docmill
zshc=$prefix/share/zsh/site-functions/_docmill
[ -f "$bashc" ] && [ -f "$zshc" ] && ok "completion installed for bash and zsh" || fail "completion not installed"
# complete WORDS...: runs the bash completion on the command line WORDS
# (the last one being completed) and prints the candidates.
complete_words() {
  bash -c '
    complete() { :; }
    compopt() { :; }
    . "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _docmill
    printf "%s\n" "${COMPREPLY[@]}"' complete "$bashc" "$DOCMILL" "$@"
}
got=$(complete_words -t "")
[ "$got" = "$("$DOCMILL" --list-output-formats)" ] && ok "bash: -t offers the writers" || fail "bash -t: $got"
got=$(complete_words -f ma)
[ "$got" = markdown ] && ok "bash: -f ma gives markdown" || fail "bash -f ma: $got"
got=$(complete_words --option text.)
[ "$(printf '%s\n' "$got" | sort | tr '\n' ' ')" = "text.lenient= text.wrap= " ] && ok "bash: --option text. gives its options" ||
  fail "bash --option text.: $got"
got=$(complete_words --metadata-f)
[ "$got" = --metadata-file ] && ok "bash: option names" || fail "bash --metadata-f: $got"
missing=""
for opt in $("$DOCMILL" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
  grep -q -- "$opt" "$bashc" || missing="$missing bash:$opt"
  found=""
  for form in "$opt[" "$opt=" "$opt," "$opt}"; do grep -qF -- "$form" "$zshc" && found=1; done
  [ -n "$found" ] || missing="$missing zsh:$opt"
done
[ -z "$missing" ] && ok "both completions know every option of --help" || fail "completion lacks:$missing"
if command -v zsh >/dev/null; then
  zsh -n "$zshc" && ok "zsh: _docmill parses" || fail "zsh -n _docmill"
else
  fail "zsh is not installed (scripts/install-deps.sh installs it)"
fi

# ---- a plugin installs under its own prefix --------------------------------------
if cmake -S "$SRC/examples/html-writer" -B html -DCMAKE_PREFIX_PATH="$prefix" >html.log 2>&1 &&
  cmake --build html >>html.log 2>&1 && cmake --install html --prefix "$SCRATCH/other" >>html.log 2>&1; then
  [ -f "$SCRATCH/other/lib/docmill/plugins/html.so" ] && ok "a plugin's cmake --install --prefix is honoured" ||
    fail "html.so installed at: $(grep -o '/[^ ]*html.so' html.log)"
else
  fail "building the html writer: $(tail -5 html.log)"
fi

# ---- one version everywhere ----------------------------------------------------------
v=$(sed -n 's/^project(docmill VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
vcli=$("$DOCMILL" --version | awk '{ print $2 }')
vman=$(sed -n 's/^\.TH DOCMILL 1 "[^"]*" "docmill \([0-9.]*\)".*/\1/p' "$SRC/docs/docmill.1")
vlog=$(grep -m1 -oE '^## \[[0-9]+\.[0-9]+\.[0-9]+\]' "$SRC/CHANGELOG.md" | tr -d '#[] ')
[ -n "$v" ] && [ "$v" = "$vcli" ] && [ "$v" = "$vman" ] && [ "$v" = "$vlog" ] &&
  ok "version $v in CMakeLists.txt, --version, docmill(1) and CHANGELOG.md" ||
  fail "versions: CMakeLists.txt '$v', --version '$vcli', docmill(1) '$vman', CHANGELOG.md '$vlog'"
grep -q '^## \[Unreleased\]' "$SRC/CHANGELOG.md" && ok "CHANGELOG.md has an Unreleased section" || fail "CHANGELOG.md"
finish
