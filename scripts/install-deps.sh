#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the Debian packages docmill needs to build and test, when they are
# missing. As root it runs apt-get; otherwise it prints the exact command and
# stops, so that nothing half-configured is built.
set -eu
# One package a line, with why: build, then the real clients the tests read
# our output back with, then the tools single tests need.
PKGS=$(sed -e 's/#.*//' <<'EOF_PKGS'
build-essential                 # compiler
cmake                           # build
pkg-config                      # finds the libraries
libxml2-dev                     # AKN and DOCX readers (opened at run time)
libzip-dev                      # DOCX and .akn packages
libcmark-gfm-dev                # Markdown reader
libcmark-gfm-extensions-dev     # Markdown tables, footnotes
cmark-gfm                       # Markdown tests compare with its output
libcmocka-dev                   # unit tests
libxml2-utils                   # xmllint: schema validation in tests
zip                             # hostile package tests
unzip                           # DOCX tests look inside the package
zipcmp                          # DOCX reproducibility tests
pandoc                          # reads our DOCX back; benchmarks
libreoffice-writer-nogui        # renders our DOCX; corpus PDFs
poppler-utils                   # pdftotext, pdftoppm: corpus and rendering
fonts-noto-cjk                  # rendering shows CJK glyphs
fonts-noto-core                 # rendering shows Arabic glyphs
python3                         # test scripts, hostile input generators
clang                           # libFuzzer targets of make check
libclang-rt-14-dev              # libFuzzer runtime
python3-fitz                    # PyMuPDF: the third text extractor of the corpus tests
libpoppler-glib-dev             # the PDF reader module
qpdf                            # encrypts a test PDF
zsh                             # checks the zsh completion
parallel                        # test of examples/parallel (GNU parallel)
openssh-server                  # two ssh "hosts" on 127.0.0.1 for that test
openssh-client                  # likewise
strace                          # sees that --sync fsyncs the output's directory
time                            # /usr/bin/time: peak memory of the DOCX reader on hostile packages
EOF_PKGS
)
[ -n "${DM_EXTRA_PKGS:-}" ] && PKGS="$PKGS $DM_EXTRA_PKGS"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "docmill needs these Debian packages:$missing" >&2
  echo "run: sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
