#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the Debian packages docmill needs to build and test, when they are
# missing. As root it runs apt-get; otherwise it prints the exact command and
# stops, so that nothing half-configured is built.
set -eu
# build: compiler, CMake, libraries; tests: cmocka, xmllint, and the real
# clients the tests read our output back with (LibreOffice, poppler, pandoc,
# CJK fonts so that rendering shows glyphs; python3 to generate hostile
# inputs; clang and its libFuzzer runtime for the fuzz run of make check;
# poppler-glib for the PDF reader module, qpdf to encrypt a test PDF; time
# for the peak memory of the DOCX reader on hostile packages).
PKGS="build-essential cmake pkg-config libxml2-dev libzip-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
cmark-gfm libcmocka-dev libxml2-utils zip unzip zipcmp pandoc libreoffice-writer-nogui poppler-utils
fonts-noto-cjk fonts-noto-core python3 clang libclang-rt-14-dev
libpoppler-glib-dev qpdf time"
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
