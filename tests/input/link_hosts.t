#!/bin/sh
# link_hosts.t - issue 16 item 4, honest links: a host is converted to ASCII (IDNA) in the
# QR code as in the PDF link, so both open the same address; a look-alike host (letters of
# two scripts, full-width letters) or a numeric one (an IP address, dotted or not) is
# named in a warning; a link with a user name and password is refused for that reason
# (not "bad port"), and the password is not repeated.  Fixture: tests/data/facts/hosts.json.
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
    is "$(cat "$TMP/leaflet.qr")" "$want" "leaflet: every meeting's QR code decodes to its ASCII address"
    ! LC_ALL=C grep -q '[^ -~]' "$TMP/leaflet.qr"
    ok $? "leaflet: no byte outside printable ASCII in any code"
    is "$(cat "$TMP/leaflet.uri")" "$want" "leaflet: the PDF links open the same addresses"
    # a poster per day: each meeting's code on its own sheet
    for day in mon tue wed thu fri; do
        "$SIGNPOST" render $SET --layout poster-a4 --day $day -o "$TMP/p-$day.pdf" "$F" \
            >/dev/null 2>&1
        qr_uris "$TMP/p-$day.pdf" "p-$day"
    done
    is "$(cat "$TMP"/p-*.qr | sort)" "$want" "poster: each meeting's QR code decodes to its ASCII address"
    is "$(cat "$TMP"/p-*.uri | sort)" "$want" "poster: the PDF links open the same addresses"
else
    skip "zbarimg, pdftoppm or mutool not installed"
fi
done_testing
