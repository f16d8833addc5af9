#!/bin/sh
# run_all.sh - the whole suite through prove: unit test binaries and shell tests (*.t).
# Needs SIGNPOST (the binary) and BUILD (the build folder) from the Makefile.
# A second pass of the unit tests runs under a decimal-comma locale when one exists.
set -eu
cd "$(dirname "$0")/.."
: "${SIGNPOST:=build/signpost}" "${BUILD:=build}"
SIGNPOST=$(cd "$(dirname "$SIGNPOST")" && pwd)/$(basename "$SIGNPOST")
export SIGNPOST BUILD
# tests must not depend on the developer's environment
unset SIGNPOST_DATA SOURCE_DATE_EPOCH || true
export TZ=UTC

set --
for t in "$BUILD"/tests/test_*; do [ -x "$t" ] && set -- "$@" "$t"; done
for t in tests/*/*.t; do [ -f "$t" ] && set -- "$@" "$t"; done

locale_pass=""
if locale -a 2>/dev/null | grep -qi '^de_DE.utf-\?8$'; then locale_pass=de_DE.UTF-8; fi

status=0
prove -f --exec '' "$@" || status=$?
if [ -n "$locale_pass" ] && [ "$status" = 0 ]; then
    echo "# second pass of the unit tests under LC_ALL=$locale_pass"
    set --
    for t in "$BUILD"/tests/test_*; do [ -x "$t" ] && set -- "$@" "$t"; done
    LC_ALL=$locale_pass prove -f --exec '' "$@" || status=$?
fi
exit $status
