#!/bin/sh
# long_fields.t - issue 11, "never one meeting failing a run": a directory with one
# 4,000-character link and one 2,000-character note.  The input side keeps both meetings
# and reports the link; every output kind must then be written with both meetings and
# both problems reported.  The outputs are the composers' part of the issue: until they
# print the reduced form those checks are TODO (TAP), so they show, and pass once done.
set -u
. tests/lib.sh

todo() {  # todo CONDITION_STATUS NAME: a TODO test (reported, never failing the run)
    tap_n=$((tap_n + 1))
    if [ "$1" = 0 ]; then echo "ok $tap_n - $2 # TODO composers: reduced form (issue 11)"
    else echo "not ok $tap_n - $2 # TODO composers: reduced form (issue 11)"; fi
}

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
for lay in poster-a4 leaflet-a4 booklet-a5 trifold-dl cards-a4; do
    run_sp render $SET --layout "$lay" -o "$TMP/$lay.pdf" "$TMP/long.json"
    todo "$status" "$lay: exit 0"
    [ -s "$TMP/$lay.pdf" ]; todo $? "$lay: written"
    n=0
    if have pdftotext && [ -s "$TMP/$lay.pdf" ]; then
        pdftotext "$TMP/$lay.pdf" - | tr '\n' ' ' > "$TMP/$lay.txt"
        grep -q 'Very Long Link' "$TMP/$lay.txt" && grep -q 'Very Long Note' "$TMP/$lay.txt" || n=1
    else
        n=1
    fi
    todo "$n" "$lay: both meetings printed"
    grep -q "Very Long Link" "$err" && grep -q "Very Long Note" "$err"
    todo $? "$lay: both problems reported"
done
run_sp kiosk $SET --layout kiosk-landscape --view week --at 2026-11-23T18:00 -o "$TMP/kiosk" "$TMP/long.json"
todo "$status" "kiosk: exit 0"
ls "$TMP"/kiosk/*.png >/dev/null 2>&1; todo $? "kiosk: slides written"

done_testing
