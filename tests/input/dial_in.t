#!/bin/sh
# dial_in.t - issue 11, "dial-in strings with DTMF": a one-tap dial-in is printed as people
# dial it, "029 2018 0123, meeting ID 867 687 734 #, passcode 123456 #", in every output
# kind that prints dial-ins (the poster, leaflets, booklets, tri-folds, online cards,
# kiosk rows of phone meetings, the web board, braille), and with --leave-off-passcodes
# its passcode is printed in none of them.  Fixture: tests/data/facts/dial_in.json
# (Ofcom drama numbers).
set -u
. tests/lib.sh

F=tests/data/facts/dial_in.json
SET="--settings examples/settings.ini --date 2026-11-26"
TAP="029 2018 0123, meeting ID 867 687 734 #, passcode 123456 #"
PHONE="01632 960321, meeting ID 4321 #, passcode 9876 #"
have pdftotext || { skip "pdftotext not installed"; done_testing; exit 0; }

flat() { sed 's/\xc2\xa0/ /g' | tr '\n' ' ' | sed 's/  */ /g'; }
has() {  # has FILE PHRASE NAME
    if grep -qF -- "$2" "$1"; then ok 0 "$3"
    else ok 1 "$3"; diag "no '$2' in: $(cut -c1-600 "$1")"; fi
}
hasnt() {  # hasnt FILE WORD NAME
    if grep -qF -- "$2" "$1"; then ok 1 "$3"; diag "'$2' printed"; else ok 0 "$3"; fi
}

# text KIND [OPTIONS]: the printed text of an output kind, one line, in $TMP/KIND.txt
text() {
    kind=$1
    shift
    case $kind in
    kiosk)
        rm -rf "$TMP/kiosk"
        "$SIGNPOST" kiosk $SET --layout kiosk-landscape --at 2026-11-26T13:00 "$@" \
            -o "$TMP/kiosk" "$F" >/dev/null 2>&1
        flat < "$TMP/kiosk/slides.json" ;;
    board)
        mkdir -p "$TMP/board"
        "$SIGNPOST" board $SET "$@" -o "$TMP/board/board.html" "$F" >/dev/null 2>&1
        sed 's/\\u00a0/ /g' "$TMP/board/board-data.js" | flat ;;
    braille)
        "$SIGNPOST" render $SET --layout braille-brf "$@" -o "$TMP/b.brf" "$F" >/dev/null 2>&1
        "$BUILD/tests/tools/brf_louis" back en-us-brf.dis,en-ueb-g2.ctb < "$TMP/b.brf" | flat ;;
    cards)
        "$SIGNPOST" render $SET --layout cards-a4 --cards online "$@" -o "$TMP/c.pdf" "$F" \
            >/dev/null 2>&1
        pdftotext -enc UTF-8 "$TMP/c.pdf" - | flat ;;
    *)
        "$SIGNPOST" render $SET --layout "$kind" "$@" -o "$TMP/p.pdf" "$F" >/dev/null 2>&1
        pdftotext -enc UTF-8 "$TMP/p.pdf" - | flat ;;
    esac > "$TMP/$kind.txt"
}

for kind in poster-a4 leaflet-a4 booklet-a5 trifold-dl cards board braille kiosk; do
    if [ "$kind" = braille ] && [ ! -x "$BUILD/tests/tools/brf_louis" ]; then
        skip "brf_louis not built"; skip "brf_louis not built"; skip "brf_louis not built"
        continue
    fi
    text "$kind"
    # the kiosk lists a meeting with a link by its QR code; only a phone meeting's row
    # says how to dial
    if [ "$kind" != kiosk ]; then
        has "$TMP/$kind.txt" "$TAP" "$kind: the one-tap dial-in in words, with its passcode"
    fi
    has "$TMP/$kind.txt" "$PHONE" "$kind: the phone meeting's dial-in, with its passcode"
    text "$kind" --leave-off-passcodes
    ! grep -qF -e 123456 -e 9876 "$TMP/$kind.txt"
    ok $? "$kind: --leave-off-passcodes: no passcode printed"
done
text kiosk
has "$TMP/kiosk.txt" "\"where\": \"By phone: $PHONE\"" \
    "kiosk: the phone meeting's row says how to dial"
done_testing
