#!/bin/sh
# link_hosts.t - issue 16 item 4, honest links: a host is converted to ASCII (IDNA) in the
# QR code as in the PDF link, so both open the same address; a look-alike host (letters of
# two scripts, full-width letters) or a numeric one (an IP address, dotted or not) is
# named in a warning; a link with a user name and password is refused for that reason
# (not "bad port"), and the password is not repeated; the site each meeting's code opens
# is printed beside it on every output kind.  Fixture: tests/data/facts/hosts.json.
set -u
. tests/lib.sh

F=tests/data/facts/hosts.json
SET="--settings examples/settings.ini --date 2026-11-26"

run_sp check "$F"
is "$status" 0 "check: exit 0 (warnings only)"
warn() { grep -F "signpost: $F:$1: warning: meeting '$2': $3" "$err" > /dev/null; }
warn 2 "Cyrillic O" "link 'https://zoоm.us/j/81234567890': its host 'zoоm.us' mixes Latin and Cyrillic letters, as look-alike addresses do; the code opens xn--zom-ted.us"
ok $? "a Cyrillic о in 'zoom.us': mixed scripts, and the address the code opens"
warn 4 "Full Width" "link 'https://ｚｏｏｍ．ｕｓ/j/81234567891': its host 'ｚｏｏｍ．ｕｓ' has full-width characters; the code opens zoom.us"
ok $? "full-width letters: named, and what the code opens"
warn 6 "Decimal IP" "link 'https://3232235777/room': its host '3232235777' is a number (an IP address), not a name"
ok $? "a decimal IP host"
warn 8 "Dotted IP" "link 'https://192.0.2.10/room': its host '192.0.2.10' is a number (an IP address), not a name"
ok $? "a dotted IP host"
! grep -q "German Host" "$err"
ok $? "an internationalised host in one script: no warning"
warn 12 "Credentials" "link 'https://…@example.org/room' refused: a user name or password in the link"
ok $? "user:pass@: refused for what it is"
! grep -q "bad port\|secret" "$err"
ok $? "not 'bad port', and the password is not repeated"
is "$(grep -c warning "$err")" 5 "five warnings in all"

# the QR codes and the PDF links: the same ASCII addresses
want="https://192.0.2.10/room
https://3232235777/room
https://xn--bcher-kva.example/treffen
https://xn--zom-ted.us/j/81234567890
https://zoom.us/j/81234567891"
# qr_uris PDF NAME: the meetings' QR codes (150 dpi) in NAME.qr, their PDF links in NAME.uri
qr_uris() {
    pdftoppm -png -r 150 "$1" "$TMP/$2"
    for f in "$TMP/$2"-*.png; do zbarimg -q --raw "$f" 2>/dev/null; done |
        grep -v '^https://example.org/meetings$' | sort -u > "$TMP/$2.qr"
    mutool show "$1" grep 2>/dev/null | grep -o '/URI([^)]*)' | sed 's|^/URI(||; s|)$||' |
        grep -v '^https://example.org/meetings$' | sort -u > "$TMP/$2.uri"
}
if have zbarimg && have pdftoppm && have mutool; then
    run_sp render $SET --layout leaflet-a4 -o "$TMP/leaflet.pdf" "$F"
    is "$status" 0 "leaflet: exit 0"
    qr_uris "$TMP/leaflet.pdf" leaflet
    is "$(cat "$TMP/leaflet.qr")" "$want" \
       "leaflet: every meeting's QR code decodes to its ASCII address"
    ! LC_ALL=C grep -q '[^ -~]' "$TMP/leaflet.qr"
    ok $? "leaflet: no byte outside printable ASCII in any code"
    is "$(cat "$TMP/leaflet.uri")" "$want" "leaflet: the PDF links open the same addresses"
    # a poster per day: each meeting's code on its own sheet
    for day in mon tue wed thu fri; do
        "$SIGNPOST" render $SET --layout poster-a4 --day $day -o "$TMP/p-$day.pdf" "$F" \
            >/dev/null 2>&1
        qr_uris "$TMP/p-$day.pdf" "p-$day"
    done
    is "$(cat "$TMP"/p-*.qr | sort)" "$want" \
       "poster: each meeting's QR code decodes to its ASCII address"
    is "$(cat "$TMP"/p-*.uri | sort)" "$want" "poster: the PDF links open the same addresses"
else
    skip "zbarimg, pdftoppm or mutool not installed"
fi

# ---- the site each code opens, printed beside it (for whoever proofreads the output) ----
# the Monday meeting's code opens xn--zom-ted.us (a Cyrillic о in "zoom.us")
SITE=xn--zom-ted.us
MON="--day mon"
flat() { sed 's/\xc2\xa0/ /g' | tr '\n' ' ' | sed 's/  */ /g'; }
if have pdftotext; then
    # the poster: beside the code, under its label, in the plan (right of the code's box,
    # within its height)
    "$SIGNPOST" render $SET --layout poster-a4 $MON --dump-plan "$F" 2>/dev/null > "$TMP/p.plan"
    is "$(awk '$1 == "qr" && $4 > 80 { qx = $2; qy = $3; qs = $4 }
               $1 == "text" && $NF == "\"'$SITE'\"" && qs {
                   beside = $2 >= qx + qs - 0.01 && $2 < qx + qs + 20 && $3 > qy && $3 < qy + qs
                   print beside ? "beside" : "elsewhere" }' \
          "$TMP/p.plan")" "beside" "poster: the site beside the meeting's code, under its label"
    for lay in leaflet-a4 trifold-dl; do
        "$SIGNPOST" render $SET --layout $lay $MON -o "$TMP/s.pdf" "$F" >/dev/null 2>&1
        pdf="$TMP/s.pdf"
        [ -s "$TMP/s-reading.pdf" ] && pdf="$TMP/s-reading.pdf"
        pdftotext -enc UTF-8 "$pdf" - | flat > "$TMP/s.txt"
        grep -q "Code opens $SITE" "$TMP/s.txt"
        ok $? "$lay: 'Code opens $SITE' in the item with the code"
    done
    "$SIGNPOST" render $SET --layout cards-a4 --cards online $MON -o "$TMP/c.pdf" "$F" \
        >/dev/null 2>&1
    pdftotext -enc UTF-8 "$TMP/c.pdf" - | flat > "$TMP/c.txt"
    grep -q "Scan to join on $SITE\|Code opens $SITE" "$TMP/c.txt"
    ok $? "cards: the meeting's card says the site its code opens"
else
    skip "pdftotext not installed"; skip "pdftotext"; skip "pdftotext"; skip "pdftotext"
fi
"$SIGNPOST" kiosk $SET --layout kiosk-landscape --at 2026-11-23T18:00 -o "$TMP/k" "$F" 2>/dev/null
flat < "$TMP/k/slides.json" | grep -q "\"where\": \"Online at $SITE, code A\""
ok $? "kiosk: the row that points to the code says the site ('Online at $SITE, code A')"
mkdir -p "$TMP/b"
"$SIGNPOST" board $SET -o "$TMP/b/board.html" "$F" 2>/dev/null
grep -q "\"site\":\"$SITE\"" "$TMP/b/board-data.js" &&
    grep -qF "if (m.qr && m.site) li.appendChild(el('p', 'site', say('codeOpens', m.site)));" \
        "$TMP/b/board.html" &&
    grep -qF '"codeOpens":"Code opens {1}"' "$TMP/b/board-data.js"  # the words, translated (issue 12)
ok $? "board: each code's site in the data, printed 'Code opens <site>' beside the code"
done_testing
