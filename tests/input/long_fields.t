#!/bin/sh
# long_fields.t - issue 11, "never one meeting failing a run": a directory with one
# 4,000-character link and one 2,000-character note.  The input side keeps both meetings
# and reports the link; every output kind is then written with both meetings, the link
# in its reduced form (no QR code: "join details at <directory>") and reported, and the
# note cut and reported where the output prints notes (leaflets, booklets); the poster,
# tri-fold, cards, kiosk and web board print no notes (their compact entries), so there
# the note is not on the page at all.  Braille prints notes whole (it has no page limit).
set -u
. tests/lib.sh

link="https://example.org/join?room=$(head -c 3970 /dev/zero | tr '\0' 'x')"
note=$(printf 'Ring the bell at the side door and wait; somebody will come down to let you in. %.0s' $(seq 1 30) | head -c 2000)
printf '[{"name":"Very Long Link","slug":"long-link","day":1,"time":"19:00","conference_url":"%s","region":"Online"},\n {"name":"Very Long Note","slug":"long-note","day":2,"time":"19:00","notes":"%s","formatted_address":"1 High St, Cardiff CF10 1AA","region":"Cardiff"}]\n' \
    "$link" "$note" > "$TMP/long.json"
is "${#link}:${#note}" "4000:2000" "the fixture: a 4,000-character link and a 2,000-character note"

# --- the input side: both kept, the link reported ---
run_sp check "$TMP/long.json"
is "$status" 0 "check: exit 0 (nothing unusable)"
is "$(head -n 1 "$out")" "2 meetings from 1 file; 0 records could not be used" "check: both meetings kept"
is "$(cat "$err")" "signpost: $TMP/long.json:1: warning: meeting 'Very Long Link': link is 4000 characters long, more than a QR code can hold (2331)" \
    "check: the link is reported"
run_sp check --werror "$TMP/long.json"
is "$status" 1 "check --werror: the warning is an error"

# --- every output kind ---
SET="--settings examples/settings.ini --date 2026-11-26"
reported() {  # reported KIND WHAT PATTERN: the warnings ($err) name the meeting and say WHAT
    grep -q "$3" "$err"; ok $? "$1: $2 reported"
}
both() {  # both KIND TEXTFILE: both meetings are in the text
    grep -q 'Very Long Link' "$2" && grep -q 'Very Long Note' "$2"
    ok $? "$1: both meetings printed"
}
LINK_WARN="warning: meeting 'Very Long Link': link is 4000 characters long"
NOTE_WARN="warning: meeting 'Very Long Note': its note (1999 characters) is cut to 3 lines"
have pdftotext || { skip "pdftotext not installed"; done_testing; exit 0; }
for lay in poster-a4 leaflet-a4 booklet-a5 trifold-dl cards-a4; do
    run_sp render $SET --layout "$lay" -o "$TMP/$lay.pdf" "$TMP/long.json"
    is "$status" 0 "$lay: exit 0"
    [ -s "$TMP/$lay.pdf" ]; ok $? "$lay: written"
    # imposed outputs: their reading copy, so the text is in reading order
    pdf="$TMP/$lay.pdf"
    [ -s "$TMP/$lay-reading.pdf" ] && pdf="$TMP/$lay-reading.pdf"
    pdftotext -enc UTF-8 "$pdf" - | tr '\n' ' ' | sed 's/\xc2\xa0/ /g; s/  */ /g' > "$TMP/$lay.txt"
    both "$lay" "$TMP/$lay.txt"
    reported "$lay" "the long link" "$LINK_WARN"
    ! grep -q 'xxxxxxxxxxxxxxxx' "$TMP/$lay.txt"
    ok $? "$lay: the link is not printed"
    n=$(grep -o 'Ring the bell' "$TMP/$lay.txt" | wc -l)
    case $lay in
    leaflet-a4|booklet-a5)
        grep -qi 'Very Long Link Online\. Join details at example\.org/meetings' "$TMP/$lay.txt"
        ok $? "$lay: the long link's meeting points to the directory"
        [ "$n" -ge 1 ] && [ "$n" -lt 25 ] &&
            grep -q 'Ring the bell[^…]*… more at example\.org/meetings' "$TMP/$lay.txt"
        ok $? "$lay: the note is printed, cut ($n of its 25 sentences), '… more at' the directory"
        reported "$lay" "the cut note" "$NOTE_WARN" ;;
    *)
        case $lay in
        poster-a4|trifold-dl)
            grep -qi 'Very Long Link Online[.:]* join details at example\.org/meetings' \
                "$TMP/$lay.txt"
            ok $? "$lay: the long link's meeting points to the directory" ;;
        cards-a4)
            grep -q 'Mon 7pm: Very Long Link, Online' "$TMP/$lay.txt"
            ok $? "$lay: the long link's meeting is in the week on the back" ;;
        esac
        is "$n" 0 "$lay: prints no notes, so none of the note" ;;
    esac
done

run_sp kiosk $SET --layout kiosk-landscape --view week --at 2026-11-23T18:00 -o "$TMP/kiosk" \
    "$TMP/long.json"
is "$status" 0 "kiosk: exit 0"
ls "$TMP"/kiosk/*.png >/dev/null 2>&1; ok $? "kiosk: slides written"
both kiosk "$TMP/kiosk/slides.json"
reported kiosk "the long link" "$LINK_WARN"
QR_WARN="warning: 'Very Long Link': URL too long for a QR code"
reported kiosk "the link too long for a code" "$QR_WARN"
! grep -q 'Ring the bell\|xxxxxxxxxxxxxxxx' "$TMP/kiosk/slides.json"
ok $? "kiosk: neither the link nor the note on a slide"

mkdir -p "$TMP/board"
run_sp board $SET -o "$TMP/board/board.html" "$TMP/long.json"
is "$status" 0 "board: exit 0"
both board "$TMP/board/board-data.js"
reported board "the link too long for a code" "$QR_WARN"
grep -o '{"name":"Very Long Link"[^}]*}' "$TMP/board/board-data.js" > "$TMP/board.link"
grep -q '"url":"https://example.org/join?room=xxx' "$TMP/board.link" &&
    ! grep -q '"qr":' "$TMP/board.link"
ok $? "board: the meeting keeps its link (a web page can follow it), without a QR code"

LOUIS=$BUILD/tests/tools/brf_louis
run_sp render $SET --layout braille-brf -o "$TMP/long.brf" "$TMP/long.json"
is "$status" 0 "braille: exit 0"
if [ -x "$LOUIS" ]; then
    "$LOUIS" back en-us-brf.dis,en-ueb-g2.ctb < "$TMP/long.brf" | tr '\n' ' ' |
        sed 's/  */ /g' > "$TMP/brf.txt"
    both braille "$TMP/brf.txt"
    grep -q 'Very Long Link Online Links to join: example.org/meetings' "$TMP/brf.txt"
    ok $? "braille: the long link's meeting points to the directory"
else
    skip "$LOUIS not built"; skip "$LOUIS not built"
fi
reported braille "the long link" "$LINK_WARN"

done_testing
