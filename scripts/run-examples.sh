#!/bin/sh
# run-examples.sh - render the bundled example directory into every output, in out/.
# Called by `make run` with SIGNPOST set.
set -eu
cd "$(dirname "$0")/.."
: "${SIGNPOST:=build/signpost}"
mkdir -p out

EX="examples/aa-south-wales.json --as 'Narcotics Anonymous' --formats examples/na-bristol-formats.json examples/na-bristol-bmlt.json --as '' examples/smart-bath.csv"
SETTINGS="--settings examples/settings.ini"

step() { printf '%s\n' "== $*" >&2; }
sp() { eval "\"$SIGNPOST\" $*"; }

step "check the example directory"
sp check "$SETTINGS" "$EX" || [ $? = 1 ]

for lay in poster-a4 poster-a3; do
    step "$lay: out/$lay.pdf and PNG previews"
    sp render --layout "$lay" "$SETTINGS" -o "out/$lay.pdf" "$EX"
    sp render --layout "$lay" "$SETTINGS" --dpi 60 -o "out/$lay.png" "$EX"
done
step "one A4 poster per region: out/by-region/"
mkdir -p out/by-region
sp render --layout poster-a4 "$SETTINGS" --split-by region -o out/by-region/poster.pdf "$EX"

[ -x scripts/run-examples-more.sh ] && scripts/run-examples-more.sh
step "done: see out/"
ls out >&2
