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
step "board: out/board/board.html, a live web board (open it in a browser)"
mkdir -p out/board
sp board "$SETTINGS" -o out/board/board.html "$EXK"
# ---- END kiosk ----

# ---- BEGIN leaflets, booklets and tri-folds (issue 4; owner: leaflet engineer) ----
EXL="examples/aa-south-wales.json"
step "leaflet-a4 and leaflet-a5: out/leaflet-a4.pdf, out/leaflet-a5.pdf (+ PNG previews)"
sp render --layout leaflet-a4 "$SETTINGS" -o out/leaflet-a4.pdf "$EXL"
sp render --layout leaflet-a5 "$SETTINGS" -o out/leaflet-a5.pdf "$EXL"
sp render --layout leaflet-a5 "$SETTINGS" --group-by region --online-section \
    -o out/leaflet-a5-by-region.pdf "$EXL"
mkdir -p out/leaflet-a5-png
sp render --layout leaflet-a5 "$SETTINGS" --dpi 40 -o out/leaflet-a5-png/page.png "$EXL"
step "booklet-a5: out/booklet-a5.pdf (A4 sheets to print duplex, flip on short edge)"
step "  and out/booklet-a5-reading.pdf (pages in reading order, for screens)"
sp render --layout booklet-a5 "$SETTINGS" -o out/booklet-a5.pdf "$EXL"
step "trifold-dl: out/trifold-dl.pdf (one A4 sheet; Cardiff on Tuesdays)"
sp render --layout trifold-dl "$SETTINGS" --region Cardiff --day tue -o out/trifold-dl.pdf "$EXL"
sp render --layout trifold-dl "$SETTINGS" --region Cardiff --day tue --dpi 40 \
    -o out/trifold-dl.png "$EXL"
# ---- END leaflets, booklets and tri-folds ----

# ---- BEGIN braille (issue 14; owner: braille engineer) ----
EXB="examples/aa-south-wales.json"
step "braille-brf: out/meetings.brf (embosser), out/meetings.pef (PEF), out/meetings.txt (Unicode braille)"
sp render --layout braille-brf "$SETTINGS" -o out/meetings.brf "$EXB"
sp render --layout braille-brf "$SETTINGS" -o out/meetings.pef "$EXB"
sp render --layout braille-brf "$SETTINGS" -o out/meetings.txt "$EXB"
step "braille-brf in uncontracted UEB (grade 1): out/meetings-grade1.brf"
sp render --layout braille-brf "$SETTINGS" --braille-table en-ueb-g1.ctb -o out/meetings-grade1.brf "$EXB"
# ---- END braille ----
