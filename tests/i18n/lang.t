#!/bin/sh
# Languages (issue 12), as its "How it is checked" lists:
#   - a German poster and leaflet have no English word of signpost's own text (the words
#     of the catalogue's msgids that de.po translates differently: english.pl); the same
#     check finds them on the English poster, so it can fail;
#   - German times are 24-hour: the English poster's time column, converted;
#   - a Welsh-English poster has each fixed text of the catalogue twice, Welsh first, the
#     two halves of a line at one size;
#   - an Urdu poster is mirrored (the time column on the right of its row, the directory
#     code on the right of the band) with its times still read left to right;
#   - zero unknown glyphs in every shipped language (poster, leaflet, cards; the kiosk's
#     slides are PNG: that it runs clean);
#   - /Lang on the passages of the Polish and Urdu notes;
#   - the one-sheet poster (A3, Bath) and the web board in en, cy+en and ur.
set -u
. tests/lib.sh

EX=examples/aa-south-wales.json
SET="--settings examples/settings.ini --date 2026-11-26"
DATA="$EX examples/settings.ini"
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
render() {  # render NAME ARGS...: a PDF, or a failed test saying why
    name=$1; shift
    run_sp render $SET "$@" -o "$TMP/$name.pdf" $EX
    is "$status" 0 "$name: exit 0"
    [ "$status" = 0 ] || diag "$(cat "$err")"
    pdftotext "$TMP/$name.pdf" "$TMP/$name.txt" 2>/dev/null
}

# ---- German: no English words of signpost's own, 24-hour times ----
render de-poster --layout poster-a4 --region Cardiff --lang de
render de-leaflet --layout leaflet-a4 --region Cardiff --lang de
render en-poster --layout poster-a4 --region Cardiff
for f in de-poster de-leaflet; do
    is "$(perl tests/i18n/english.pl po/de.po "$TMP/$f.txt" $DATA | tr '\n' ' ')" "" \
       "$f: no English word of signpost's own text"
done
n=$(perl tests/i18n/english.pl po/de.po "$TMP/en-poster.txt" $DATA | wc -l | tr -d ' ')
[ "$n" -ge 8 ]; ok $? "the same check on the English poster finds its words ($n)"
# the start times of Cardiff's meetings, read from the data by tests/poster/expect.pl (UK
# style), and the same in 24-hour form
uk=$(perl tests/poster/expect.pl $EX Cardiff | cut -f2 | sort -u)
times=$(echo "$uk" | perl -ne 'chomp;
    if (/^noon$/) { print "12:00\n"; next } if (/^midnight$/) { print "00:00\n"; next }
    my ($h, $m, $ap) = /^(\d+)(?:[.:](\d+))?(am|pm)$/ or next;
    $h %= 12; $h += 12 if $ap eq "pm"; printf "%02d:%02d\n", $h, $m // 0' | sort -u)
words() {  # the text's words, one a line (pdftotext's bidi embedding marks are spaces)
    perl -CSD -pe 's/[\x{202A}-\x{202E}\x{2066}-\x{2069}]/ /g' "$1" | tr -s ' \n' '\n\n' | sort -u
}
absent() {  # absent WANTED TEXT: the wanted words not in TEXT
    words "$2" > "$TMP/words"
    for w in $1; do grep -q -x -F "$w" "$TMP/words" || printf '%s ' "$w"; done
}
[ "$(echo "$times" | wc -l)" -ge 5 ]; ok $? "Cardiff's start times read from the data"
is "$(absent "$uk" "$TMP/en-poster.txt")" "" "en: each start time, UK style ($(echo $uk))"
is "$(absent "$times" "$TMP/de-poster.txt")" "" "de poster: each start time, 24-hour ($(echo $times))"
is "$(absent "$times" "$TMP/de-leaflet.txt")" "" "de leaflet: each start time, 24-hour"
is "$(absent "$uk" "$TMP/de-poster.txt")" "$(echo $uk) " "de poster: none of them in 12-hour form"
grep -q '19:30' "$TMP/de-poster.txt" && grep -q '7.30pm' "$TMP/en-poster.txt"
ok $? "19:30 in German is 7.30pm in UK English"

# ---- Welsh-English: each fixed text twice, Welsh first, one size ----
render cy-en --layout poster-a3 --region Cardiff --lang cy+en
tr -s ' \n' '  ' < "$TMP/cy-en.txt" > "$TMP/cy-en.flat"
tr -s ' \n' '  ' < "$TMP/en-poster.txt" > "$TMP/en.flat"
perl tests/i18n/pairs.pl po/cy.po "$TMP/cy-en.flat" "$TMP/en.flat" $DATA > "$TMP/pairs"
n=$(head -n 1 "$TMP/pairs")
[ "$n" -ge 6 ]; ok $? "cy+en: the English poster's fixed texts found in the catalogue ($n)"
is "$(tail -n +2 "$TMP/pairs" | tr '\n' '|')" "" "cy+en: each of them twice, the Welsh first"
# the order check can fail: Polish and English in either order (a pair without Welsh keeps
# its order), and en+cy is Welsh first all the same
for pair in pl+en en+pl en+cy; do
    run_sp render $SET --layout poster-a3 --region Cardiff --lang $pair -o "$TMP/$pair.pdf" $EX
    pdftotext "$TMP/$pair.pdf" - | tr -s ' \n' '  ' > "$TMP/$pair.flat"
done
perl tests/i18n/pairs.pl po/pl.po "$TMP/pl+en.flat" "$TMP/en.flat" $DATA > "$TMP/pl"
is "$(tail -n +2 "$TMP/pl" | wc -l | tr -d ' ')" 0 "pl+en: the Polish first ($(head -n 1 "$TMP/pl") texts)"
perl tests/i18n/pairs.pl po/pl.po "$TMP/en+pl.flat" "$TMP/en.flat" $DATA > "$TMP/pl"
is "$(tail -n +2 "$TMP/pl" | wc -l | tr -d ' ')" "$(head -n 1 "$TMP/pl")" "en+pl: the English first: every text out of Polish-first order"
perl tests/i18n/pairs.pl po/cy.po "$TMP/en+cy.flat" "$TMP/en.flat" $DATA > "$TMP/pairs"
is "$(tail -n +2 "$TMP/pairs" | tr '\n' '|')" "" "en+cy: the Welsh first all the same"
perl tests/i18n/lines.pl "$TMP/cy-en.pdf" > "$TMP/cy-en.lines"
hsize=$(sed -n 's/^heading = \([0-9]*\)pt$/\1/p' layouts/poster-a3)
for day in "Dydd Llun / Monday" "Dydd Mawrth / Tuesday" "Dydd Sul / Sunday"; do
    is "$(awk -F'\t' -v d="$day" '$8 == d { print $6 }' "$TMP/cy-en.lines" | sort -u)" "$hsize" \
       "cy+en: heading '$day' at one size (${hsize}pt, the layout's)"
done
is "$(awk -F'\t' 'index($8, " / ") && index($6, ",") { print }' "$TMP/cy-en.lines")" "" \
   "cy+en: every line with both languages is at one size"

# ---- Urdu: mirrored, times left to right ----
render ur --layout poster-a4 --region Cardiff --lang ur
perl tests/i18n/lines.pl "$TMP/ur.pdf" > "$TMP/ur.lines"
perl tests/i18n/lines.pl "$TMP/en-poster.pdf" > "$TMP/en.lines"
side() {  # side LINES: "right" when every time is right of the next line (its title)
    awk -F'\t' '
        $8 ~ /^[0-9][0-9]?([:.][0-9][0-9])?(am|pm)?$/ || $8 == "noon" { t = $0; tx = $2; tr = $4; p = $1; next }
        t != "" && $1 == p { if ($2 >= tr) l++; else if ($4 <= tx) r++; else o++; t = "" }
        END { print (r > 0 && !l && !o) ? "right" : (l > 0 && !r && !o) ? "left" : "mixed " l " " r " " o }
    ' "$1"
}
is "$(side "$TMP/ur.lines")" right "ur: each time on the right of its row's title"
is "$(side "$TMP/en.lines")" left "en: each time on the left of its row's title"
is "$(absent "$times" "$TMP/ur.txt")" "" \
   "ur: the times read left to right, as in the data (none reversed)"
band=$(awk -F'\t' '$8 ~ /example\.org\/meetings/ { print int($2); exit }' "$TMP/ur.lines")
[ -n "$band" ] && [ "$band" -lt 300 ]; ok $? "ur: the band's words left of the directory code (x $band)"
band=$(awk -F'\t' '$8 ~ /example\.org\/meetings/ { print int($2); exit }' "$TMP/en.lines")
[ -n "$band" ] && [ "$band" -gt 100 ]; ok $? "en: the band's words right of the directory code (x $band)"

# ---- zero unknown glyphs: no .notdef (glyph 0 of a subset), no U+FFFD, and none of
# pango's hex boxes (their digits drawn small, far under every layout's floor) ----
for lang in cy de pl ur pa bn ar fa cy+en; do
    for lay in poster-a4 leaflet-a4 cards-a4; do
        f="$TMP/g-$lang-$lay.pdf"
        "$SIGNPOST" render -q $SET --layout $lay --region Cardiff --lang $lang -o "$f" $EX \
            2>"$TMP/gerr" || { ok 1 "$lang $lay: renders"; diag "$(cat "$TMP/gerr")"; continue; }
        bad=""
        mutool draw -q -F trace -o - "$f" 2>/dev/null | grep -q 'glyph="0"' && bad="$bad notdef"
        pdftotext "$f" - 2>/dev/null | grep -q "$(printf '\357\277\275')" && bad="$bad U+FFFD"
        small=$(perl tests/i18n/lines.pl "$f" | awk -F'\t' '{ n = split($6, s, ","); for (i = 1; i <= n; i++) if (s[i] < 10) { print $8; exit } }')
        [ -n "$small" ] && bad="$bad hex-box:'$small'"
        is "$bad" "" "$lang $lay: no unknown glyph"
    done
    run_sp kiosk --settings examples/settings.ini --at 2026-11-26T14:00 --lang $lang \
        -o "$TMP/k-$lang" $EX
    is "$status:$(grep -c -i -E 'warning|critical|glyph' "$err")" "0:0" "$lang kiosk: runs clean"
done
# the check can fail: a subtitle in a script no font here has
run_sp render $SET --layout poster-a4 --region Bath --subtitle "Test ሰላም" -o "$TMP/eth.pdf" $EX
small=$(perl tests/i18n/lines.pl "$TMP/eth.pdf" | awk -F'\t' '{ n = split($6, s, ","); for (i = 1; i <= n; i++) if (s[i] < 10) { print "box"; exit } }')
is "$small" box "a glyph no font has is found (Ethiopic, as pango's hex box)"

# ---- /Lang on the passages of the Polish and Urdu notes (leaflet: notes are printed) ----
render notes --layout leaflet-a4 --region Cardiff
qpdf --qdf --object-streams=disable "$TMP/notes.pdf" "$TMP/notes.qdf"
for l in pl ur; do
    grep -a -q "/Lang ($l)" "$TMP/notes.qdf"; ok $? "leaflet: a passage tagged /Lang ($l)"
done
tr -s ' \n' '  ' < "$TMP/notes.txt" | grep -q 'Mityng w języku polskim'; ok $? "leaflet: the Polish note is printed"
render notes-sw --layout leaflet-a4 --region Bath
qpdf --qdf --object-streams=disable "$TMP/notes-sw.pdf" "$TMP/notes-sw.qdf"
! grep -a -q -E "/Lang \((pl|ur)\)" "$TMP/notes-sw.qdf"; ok $? "Bath (no such notes): no /Lang (pl) or (ur)"

# ---- the one-sheet poster and the board in en, cy+en and ur ----
for lang in en cy+en ur; do
    render bath-$lang --layout poster-a3 --region Bath --lang $lang
    is "$(pages "$TMP/bath-$lang.pdf")" 1 "$lang: Bath on one A3 sheet"
    mkdir -p "$TMP/b-$lang"
    run_sp board --settings examples/settings.ini --lang $lang -o "$TMP/b-$lang/board.html" $EX
    is "$status" 0 "$lang board: exit 0"
    cat "$TMP/b-$lang"/* > "$TMP/b-$lang.all" 2>/dev/null
done
grep -q 'Dydd Llun' "$TMP/b-cy+en.all" && grep -q 'Monday' "$TMP/b-cy+en.all"
ok $? "cy+en board: the days in Welsh and English"
grep -q 'lang="cy"' "$TMP/b-cy+en.all"; ok $? "cy+en board: the page's language is Welsh"
grep -q 'dir="rtl"' "$TMP/b-ur.all" && grep -q 'lang="ur"' "$TMP/b-ur.all"
ok $? "ur board: right to left, in Urdu"
grep -q 'پیر' "$TMP/b-ur.all"; ok $? "ur board: Monday in Urdu"
! grep -q 'Dydd Llun' "$TMP/b-en.all"; ok $? "en board: no Welsh"
done_testing
