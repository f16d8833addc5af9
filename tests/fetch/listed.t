#!/bin/sh
# listed.t - issue 15 item 3, "outputs say the date of the data they were made from": every
# output made from a feed address (the local HTTPS test server) says "Meetings as listed on
# <the day the feed was fetched>" where it says when it was printed; made from the same
# file on disk, none says it.  One output kind per assertion.
set -u
. tests/lib.sh
. tests/fetch/server.sh
start_server

key() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
meta() { sed -n "s/^$2=//p" "$CACHE/$(key "$1").meta" 2>/dev/null; }  # meta URL FIELD
flat() { tr '\n' ' ' | sed 's/  */ /g'; }   # text on one line, runs of spaces as one

AA=examples/aa-south-wales.json
cp "$AA" "$WWW/feed.json"
URL="$BASE/f/feed.json"
SET="--settings examples/settings.ini --date 2026-11-26"
have pdftotext || { skip "pdftotext not installed"; done_testing; exit 0; }

run_sp check "$URL"
is "$status" 0 "check fetches the feed"
checked=$(meta "$URL" checked)
[ -n "$checked" ]; ok $? "the cache says when the feed was fetched"
day=$(LC_ALL=C date -u -d "@$checked" '+%-d %B %Y')
want="Meetings as listed on $day"

# pdf_both KIND ARGS...: render from the feed ($FEED, else the AA feed) and from the file
# ($FILE, else the AA file) into $TMP/KIND-url.pdf and -file.pdf, and their text (.txt)
pdf_both() {
    kind=$1
    shift
    "$SIGNPOST" render $SET "$@" -o "$TMP/$kind-url.pdf" "${FEED:-$URL}" 2>"$TMP/$kind.err" \
        >/dev/null
    is "$?" 0 "$kind: rendered from the feed"
    "$SIGNPOST" render $SET "$@" -o "$TMP/$kind-file.pdf" "${FILE:-$AA}" 2>/dev/null >/dev/null
    pdftotext -enc UTF-8 "$TMP/$kind-url.pdf" - | flat > "$TMP/$kind-url.txt"
    pdftotext -enc UTF-8 "$TMP/$kind-file.pdf" - | flat > "$TMP/$kind-file.txt"
}
says() {  # says KIND WHERE: the feed's copy says it, the file's copy does not
    n=$(grep -o "$want" "$TMP/$1-url.txt" | wc -l)
    [ "$n" -ge 1 ]; ok $? "$1: '$want' $2"
    ! grep -q "as listed on" "$TMP/$1-file.txt"
    ok $? "$1: made from a file, it says no data date"
}

pdf_both poster --layout poster-a4 --region Swansea
says poster "in the band"
grep -q "List printed on 26 November 2026.*check before you travel\. $want" "$TMP/poster-url.txt"
ok $? "poster: the data date follows the printed date"

pdf_both leaflet --layout leaflet-a5 --region Cardiff
says leaflet "on the cover and the back page"
is "$(grep -o "$want" "$TMP/leaflet-url.txt" | wc -l)" 2 "leaflet: said twice (cover, back page)"
pdftotext -enc UTF-8 -f 1 -l 1 "$TMP/leaflet-url.pdf" - | flat | grep -q "$want"
ok $? "leaflet: the cover says it"

pdf_both booklet --layout booklet-a5 --region Cardiff
says booklet "in the printed sheets"

pdf_both trifold --layout trifold-dl --region Swansea
says trifold "on the tri-fold"

# cards: on the back when it fits there (the meetings and the helplines come first)
cp examples/smart-bath.csv "$WWW/smart.csv"
FEED="$BASE/f/smart.csv" FILE=examples/smart-bath.csv pdf_both cards --layout cards-a4 \
    --region Chepstow
says cards "on the card back"
is "$(pdftotext -enc UTF-8 -f 2 -l 2 "$TMP/cards-url.pdf" - | flat | grep -o "$want" | wc -l)" 10 \
    "cards: on each of the 10 backs (page 2)"
pdf_both cards-full --layout cards-a4 --region Swansea
! grep -q "as listed on" "$TMP/cards-full-url.txt" &&
    cmp -s "$TMP/cards-full-url.txt" "$TMP/cards-full-file.txt"
ok $? "cards: a back full of helplines keeps them all and leaves the date off"

pdf_both cards-online --layout cards-a4 --cards online
says cards-online "on an online meeting's card back"

# kiosk: the slides' text (slides.json, the player page) and the image's plan
"$SIGNPOST" kiosk $SET --layout kiosk-landscape --at 2026-11-26T14:00 -o "$TMP/kiosk-url" \
    "$URL" 2>/dev/null
is "$?" 0 "kiosk: slides made from the feed"
"$SIGNPOST" kiosk $SET --layout kiosk-landscape --at 2026-11-26T14:00 -o "$TMP/kiosk-file" \
    "$AA" 2>/dev/null
nslides=$(ls "$TMP"/kiosk-url/slide-*.png | wc -l)
is "$(grep -c "\"text\": \"$want\"" "$TMP/kiosk-url/slides.json")" "$nslides" \
    "kiosk: every slide ($nslides) says '$want' (slides.json)"
! grep -q "as listed on" "$TMP/kiosk-file/slides.json"
ok $? "kiosk: made from a file, no slide says a data date"
"$SIGNPOST" kiosk $SET --layout kiosk-landscape --at 2026-11-26T14:00 --dump-plan "$URL" \
    2>/dev/null > "$TMP/kiosk.plan"
grep -q "$want" "$TMP/kiosk.plan"
ok $? "kiosk: the slide image draws it (plan)"

# web board: in the page and in the data file it reloads
mkdir -p "$TMP/board-url" "$TMP/board-file"
"$SIGNPOST" board $SET -o "$TMP/board-url/board.html" "$URL" 2>/dev/null
is "$?" 0 "board: made from the feed"
"$SIGNPOST" board $SET -o "$TMP/board-file/board.html" "$AA" 2>/dev/null
grep -q "<p id=\"listed\">$want.</p>" "$TMP/board-url/board.html"
ok $? "board: the page says '$want'"
grep -q "\"listed\":\"$want\"" "$TMP/board-url/board-data.js"
ok $? "board: board-data.js carries it, so a reloaded page says it too"
! grep -q "as listed on" "$TMP/board-file/board.html" "$TMP/board-file/board-data.js"
ok $? "board: made from a file, it says no data date"

# braille: the title page, read back with liblouis on its own
LOUIS=$BUILD/tests/tools/brf_louis
if [ -x "$LOUIS" ]; then
    "$SIGNPOST" render $SET --layout braille-brf --region Swansea -o "$TMP/b-url.brf" "$URL" \
        2>/dev/null
    "$SIGNPOST" render $SET --layout braille-brf --region Swansea -o "$TMP/b-file.brf" "$AA" \
        2>/dev/null
    "$LOUIS" back en-us-brf.dis,en-ueb-g2.ctb < "$TMP/b-url.brf" | flat > "$TMP/b-url.txt"
    "$LOUIS" back en-us-brf.dis,en-ueb-g2.ctb < "$TMP/b-file.brf" | flat > "$TMP/b-file.txt"
    grep -qi "as listed on $day" "$TMP/b-url.txt"
    ok $? "braille: the title page says '$want'"
    ! grep -qi "as listed on" "$TMP/b-file.txt"
    ok $? "braille: made from a file, it says no data date"
else
    skip "$LOUIS not built (make check builds it)"
    skip "$LOUIS not built"
fi
done_testing
