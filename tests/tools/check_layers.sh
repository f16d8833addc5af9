#!/bin/sh
# check_layers.sh - the pipeline's dependency rules (STYLE.md H7), checked on #include lines:
#   input/ and layout/ never include cairo, pango, qrencode or anything in compose/ or output/;
#   output/ never includes the input model or json-c;
#   nothing below the commands includes cli.h or run.h;
#   only input/fetch.c (and curl_lazy.h, which opens libcurl for it) includes libcurl.
# Prints TAP.
set -u
cd "$(dirname "$0")/../.."
n=0 failed=0
check() {  # check NAME FILES PATTERN
    name=$1 files=$2 pattern=$3
    n=$((n + 1))
    # shellcheck disable=SC2086
    hits=$(grep -nE "^#include[[:space:]]*[<\"]($pattern)" $files 2>/dev/null || true)
    if [ -z "$hits" ]; then
        echo "ok $n - $name"
    else
        echo "not ok $n - $name"
        echo "$hits" | sed 's/^/#   /'
        failed=$((failed + 1))
    fi
}
check "input/ does not include cairo, pango, qrencode or later stages" \
    "src/input/*.c src/input/*.h" 'cairo|pango|qrencode|\.\./compose/|\.\./output/|\.\./layout/'
check "layout/ does not include cairo, pango, qrencode, the model or later stages" \
    "src/layout/*.c src/layout/*.h" 'cairo|pango|qrencode|\.\./input/|\.\./compose/|\.\./output/'
check "output/ does not include the input model or json-c" \
    "src/output/*.c src/output/*.h" 'json-c|json\.h|\.\./input/|\.\./layout/'
check "base/ includes nothing of signpost's above it" \
    "src/base/*.c src/base/*.h" '\.\./'
check "only main.c and the commands include cli.h or run.h" \
    "src/base/* src/input/* src/layout/* src/compose/* src/output/*" '(\.\./)?(cli|run)\.h'
check "only text.c and render/out include pango" \
    "src/compose/plan.* src/compose/flow.* src/compose/words.* src/compose/poster.c src/compose/cards.c src/compose/kiosk.c src/compose/leaflet.c src/compose/qr.c" 'pango'
check "only qr.c includes qrencode.h" \
    "src/compose/text.* src/compose/plan.* src/compose/flow.* src/compose/poster.c src/output/*" 'qrencode'
check "only input/fetch.c includes curl (feeds are fetched in one place)" \
    "$(ls src/*.c src/*.h src/*/*.c src/*/*.h |
       grep -v '^src/input/fetch\.c$\|^src/input/curl_lazy\.[ch]$' | tr '\n' ' ')" 'curl/'
# braille (issue 14): cells, not drawing; liblouis behind one module
check "braille modules do not include cairo or pango" \
    "src/compose/braille.* src/compose/brl.* src/compose/louis.* src/compose/lang.* src/output/brf.*" \
    'cairo|pango|text\.h'
check "only louis.c includes liblouis" \
    "$(ls src/*.[ch] src/*/*.[ch] | grep -v '^src/compose/louis\.c$' | tr '\n' ' ')" 'liblouis'
echo "1..$n"
[ "$failed" = 0 ]
