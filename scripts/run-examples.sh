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

# a noticeboard holds one sheet: the posters are for one town (Swansea on A4, Bath on
# A3), and one poster per region; the whole directory as one numbered set for the record
step "poster-a4: out/poster-a4.pdf (Swansea) and poster-a3: out/poster-a3.pdf (Bath), PNG previews"
sp render --layout poster-a4 "$SETTINGS" --region Swansea -o out/poster-a4.pdf "$EX"
sp render --layout poster-a4 "$SETTINGS" --region Swansea --dpi 60 -o out/poster-a4.png "$EX"
sp render --layout poster-a3 "$SETTINGS" --region Bath -o out/poster-a3.pdf "$EX"
sp render --layout poster-a3 "$SETTINGS" --region Bath --dpi 60 -o out/poster-a3.png "$EX"
step "one A4 poster per region: out/by-region/"
mkdir -p out/by-region
sp render --layout poster-a4 "$SETTINGS" --split-by region -o out/by-region/poster.pdf "$EX"
step "the whole directory as one A3 poster set: out/poster-a3-all.pdf"
sp render --layout poster-a3 "$SETTINGS" -o out/poster-a3-all.pdf "$EX"
step "in other languages: Welsh-English (out/poster-a3-cy-en.pdf), Urdu (out/poster-a3-ur.pdf), a German leaflet (out/leaflet-a5-de.pdf)"
sp render --layout poster-a3 "$SETTINGS" --lang cy+en --region Swansea -o out/poster-a3-cy-en.pdf "$EX"
sp render --layout poster-a3 "$SETTINGS" --lang ur --region Swansea -o out/poster-a3-ur.pdf "$EX"
sp render --layout leaflet-a5 "$SETTINGS" --lang de --region Bristol -o out/leaflet-a5-de.pdf "$EX"

[ -x scripts/run-examples-more.sh ] && scripts/run-examples-more.sh
step "done: see out/"
ls out >&2
