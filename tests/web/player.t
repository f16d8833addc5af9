#!/bin/sh
# The slide player (slides.html, issue 10) in headless chromium with axe-core: see
# tests/web/player.js for the list.  Slides for the example directory (three slides) in
# the light and dark themes, with a settings area full of characters that need escaping.
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
INI
# U+2028 (LINE SEPARATOR) inside the area too
sed -i 's/it.s  /it'"'"'s \xe2\x80\xa8 /' "$TMP/settings.ini"
area=$(printf 'Cardiff & "Vale" </script> it'"'"'s \342\200\250 \\')
"$SIGNPOST" kiosk --settings "$TMP/settings.ini" --at 2026-11-26T14:00 -o "$TMP/light" \
    examples/aa-south-wales.json >/dev/null 2>&1 || { echo "1..0 # SKIP signpost kiosk failed"; exit 1; }
"$SIGNPOST" kiosk --layout kiosk-landscape-dark --settings "$TMP/settings.ini" \
    --at 2026-11-26T14:00 -o "$TMP/dark" examples/aa-south-wales.json >/dev/null 2>&1
REFRESH_CMD=$(printf '["%s","kiosk","--settings","%s","--at","2026-11-27T11:00","-o","%s","%s"]' \
    "$SIGNPOST" "$TMP/settings.ini" "$TMP/light" "$PWD/tests/kiosk/data/week.json")
export REFRESH_CMD
st=0
(cd tests/web && node player.js "$TMP/light" "$TMP/dark" "$area" 2>"$TMP/node.err") || st=$?
[ "$st" = 0 ] || sed 's/^/# node: /' "$TMP/node.err"
exit $st
