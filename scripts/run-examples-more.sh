#!/bin/sh
# run-examples-more.sh - more example outputs, one block per output kind (called by
# run-examples.sh).  Each engineer keeps a clearly marked block.
set -eu
cd "$(dirname "$0")/.."
: "${SIGNPOST:=build/signpost}"
mkdir -p out
SETTINGS="--settings examples/settings.ini"
step() { printf '%s\n' "== $*" >&2; }
sp() { eval "\"$SIGNPOST\" $*"; }

# ---- BEGIN cards and tabs (issue 5; owner: cards engineer) ----
EXC="examples/aa-south-wales.json"
step "cards-a4: out/cards.pdf (directory set), out/cards-online.pdf, out/cards-split.pdf"
sp render --layout cards-a4 "$SETTINGS" -o out/cards.pdf "$EXC"
sp render --layout cards-a4 "$SETTINGS" --dpi 60 -o out/cards.png "$EXC"
sp render --layout cards-a4 "$SETTINGS" --cards online -o out/cards-online.pdf "$EXC"
sp render --layout cards-a4 "$SETTINGS" --cards split -o out/cards-split.pdf "$EXC"
step "cards-a4: out/cards-alignment.pdf (duplex test sheet), out/cards-print-shop.pdf (3 mm bleed)"
sp render --layout cards-a4 "$SETTINGS" --alignment-sheet -o out/cards-alignment.pdf "$EXC"
sp render --layout cards-a4 "$SETTINGS" --region Swansea --print-shop -o out/cards-print-shop.pdf "$EXC"
if grep -q sp_tabs_emit src/compose/poster.c; then
    step "poster-a4 with 10 tear-off tabs: out/poster-a4-tabs.pdf"
    sp render --layout poster-a4 "$SETTINGS" --tabs 10 --region Swansea -o out/poster-a4-tabs.pdf "$EXC"
fi
# ---- END cards and tabs ----

# ---- BEGIN kiosk (issue 6; owner: kiosk engineer) ----
EXK="examples/aa-south-wales.json"
step "kiosk: out/kiosk-landscape/ (today and tomorrow), out/kiosk-week/, out/kiosk-portrait/, out/kiosk-4k/"
sp kiosk --layout kiosk-landscape "$SETTINGS" --at 2026-11-26T14:00 -o out/kiosk-landscape "$EXK"
sp kiosk --layout kiosk-landscape "$SETTINGS" --view week --at 2026-11-26T14:00 -o out/kiosk-week "$EXK"
sp kiosk --layout kiosk-portrait "$SETTINGS" --at 2026-11-26T14:00 -o out/kiosk-portrait "$EXK"
sp kiosk --layout kiosk-4k "$SETTINGS" --at 2026-11-26T14:00 -o out/kiosk-4k "$EXK"
sp kiosk --layout kiosk-landscape-dark "$SETTINGS" --at 2026-11-26T14:00 -o out/kiosk-dark "$EXK"
step "kiosk: open out/kiosk-landscape/slides.html in a browser to play the slides"
# ---- END kiosk ----
