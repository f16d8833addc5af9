#!/bin/sh
# deps.sh - install the Debian 12 packages signpost needs to build, run and test.
#
# Called by the Makefile whenever pkg-config or a test tool is missing, so a fresh
# machine needs no separate set-up step.  Does nothing when everything is present.
# Needs root (or sudo) only when something is missing.  Never reads standard input.
set -eu

PKGS_BUILD="build-essential pkg-config libcairo2-dev libpango1.0-dev libfontconfig-dev
 libqrencode-dev libjson-c-dev libcsv-dev libglib2.0-dev liblouis-dev libpng-dev zlib1g-dev"
PKGS_TEST="poppler-utils zbar-tools qpdf mupdf-tools perl clang libclang-rt-14-dev
 locales time jq bsdextrautils libxml2-utils"

missing=""
for m in cairo cairo-pdf cairo-png cairo-svg pangocairo pangoft2 fontconfig libqrencode \
         json-c glib-2.0 liblouis libpng zlib; do
    if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$m"; then
        missing="$missing $m"
    fi
done
[ -f /usr/include/csv.h ] || missing="$missing libcsv"
[ -x /usr/bin/time ] || missing="$missing time"
for t in cc make pdftotext pdftoppm pdffonts pdfinfo zbarimg qpdf mutool prove clang jq column \
         xmllint; do
    command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
[ -n "$(find /usr/lib -name 'libclang_rt.fuzzer*' 2>/dev/null | head -1)" ] || \
    missing="$missing libclang-rt"

# feeds by web address: libcurl to build; python3 and openssl for the local test server
PKGS_BUILD="$PKGS_BUILD libcurl4-openssl-dev"
PKGS_TEST="$PKGS_TEST python3 openssl"
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcurl; then
    missing="$missing libcurl"
fi
for t in python3 openssl; do
    command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done

# message catalogues (issue 12): msgfmt builds them, xgettext and msgmerge refresh them
PKGS_BUILD="$PKGS_BUILD gettext"
for t in msgfmt xgettext msgmerge; do
    command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done

# a decimal-comma locale, so the unit tests' second pass checks locale independence
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
    if command -v localedef >/dev/null 2>&1 && [ -d /usr/share/i18n/locales ] &&
       [ "$(id -u)" = 0 ]; then
        localedef -i de_DE -f UTF-8 de_DE.UTF-8 2>/dev/null || true
    fi
fi

# the browser tests (tests/web): Debian's chromium, and node with npm to install the
# pinned test packages (npm ci in tests/web, run by the tests themselves).  Asked for only
# when missing, so a node that came with its own npm is left alone.
web=""
command -v chromium >/dev/null 2>&1 || web="$web chromium"
command -v node >/dev/null 2>&1 || web="$web nodejs"
command -v npm >/dev/null 2>&1 || web="$web npm"

if [ -z "$missing" ] && [ -z "$web" ]; then
    exit 0
fi

echo "signpost: installing missing packages for:$missing$web" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
        echo "signpost: need root to install:$missing" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq </dev/null
# shellcheck disable=SC2086
if [ -n "$missing" ]; then
    $SUDO apt-get install -y -qq --no-install-recommends $PKGS_BUILD $PKGS_TEST </dev/null >&2
fi
# shellcheck disable=SC2086
if [ -n "$web" ]; then
    $SUDO apt-get install -y -qq --no-install-recommends $web </dev/null >&2
fi
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
    $SUDO localedef -i de_DE -f UTF-8 de_DE.UTF-8 2>/dev/null || true
fi
