#!/bin/sh
# The web board (issue 10) in headless chromium with axe-core: see tests/web/board.js.
# Boards and kiosk slides are made here for the same feeds and moments, so the page's
# own reckoning (in the browser, from its clock) is checked against signpost's.
set -u
. tests/lib.sh
. tests/web/setup.sh
cat > "$TMP/settings.ini" <<'INI'
[organisation]
name = Example Recovery Network
website = example.org
area = Cardiff & "Vale" </script> it's  \\
[links]
directory-url = https://example.org/meetings
short-link = example.org/meetings
[helpline]
name = Example Alcohol Helpline
phone = 01632 960000
hours = 24 hours
INI
sed -i 's/it.s  /it'"'"'s \xe2\x80\xa8 /' "$TMP/settings.ini"
area=$(printf 'Cardiff & "Vale" </script> it'"'"'s \342\200\250 \\')
fail() { echo "1..1"; echo "not ok 1 - $*"; exit 1; }
board() {  # board NAME FEED
    mkdir -p "$TMP/$1"
    "$SIGNPOST" board --settings "$TMP/settings.ini" -o "$TMP/$1/board.html" "$2" \
        >/dev/null 2>"$TMP/err" || fail "signpost board $2: $(cat "$TMP/err")"
}
slides() {  # slides NAME MOMENT FEED: kiosk slides (today and tomorrow) to compare with
    "$SIGNPOST" kiosk --settings "$TMP/settings.ini" --at "$2" -o "$TMP/kiosk-$1" "$3" \
        >/dev/null 2>"$TMP/err" || fail "signpost kiosk $3: $(cat "$TMP/err")"
}
board example examples/aa-south-wales.json
board week tests/kiosk/data/week.json
board ny tests/kiosk/data/new-york.json
slides example 2026-11-26T14:00 examples/aa-south-wales.json
slides spring 2026-03-29T00:45 tests/kiosk/data/week.json
slides autumn 2026-10-25T00:45 tests/kiosk/data/week.json
slides ny 2026-03-16T12:30 tests/kiosk/data/new-york.json
slides ny2 2026-03-30T12:30 tests/kiosk/data/new-york.json
st=0
(cd tests/web && node board.js "$TMP" "$area" 2>"$TMP/node.err") || st=$?
[ "$st" = 0 ] || sed 's/^/# node: /' "$TMP/node.err"
exit $st
