#!/bin/sh
# Fit in other languages (issue 12): a translated or bilingual poster is as few sheets as
# the layout allows, as the English one is.
#   - the set's "Page 1 of N" line (two lines when bilingual) is there when the column
#     count is chosen: a Welsh-English A4 poster of Cardiff once failed with "a row of the
#     timetable does not fit an empty sheet", and its A3 poster took 3 sheets, the first
#     in one column half empty;
#   - each day's heading is as tall as its own words: one long heading (the bilingual
#     "Sawl diwrnod yr wythnos / Several days a week") once made every heading of the
#     poster that tall, an empty line under "Dydd Llun / Monday".
set -u
. tests/lib.sh

EX=examples/aa-south-wales.json
SET="--settings examples/settings.ini --date 2026-11-26"
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

for lang in cy+en de ur; do
    for lay in poster-a3 poster-a4; do
        run_sp render $SET --layout $lay --region Cardiff --lang $lang -o "$TMP/$lang-$lay.pdf" $EX
        is "$status" 0 "$lang $lay Cardiff: exit 0"
        [ -s "$err" ] && diag "$(cat "$err")"
    done
done
# the English poster is 1 A3 sheet; the Welsh-English one, with every fixed text twice, 2
is "$(pages "$TMP/cy+en-poster-a3.pdf")" 2 "cy+en poster-a3 Cardiff: 2 sheets"
is "$(pages "$TMP/de-poster-a3.pdf")" 1 "de poster-a3 Cardiff: 1 sheet, as in English"
is "$(pages "$TMP/ur-poster-a3.pdf")" 2 "ur poster-a3 Cardiff: 2 sheets (Nastaliq lines are taller)"
# no sheet but the last of a set ends with room for the next sheet's first day: on sheet 1
# of the cy+en A3 set the table runs down to the band (it once stopped half way)
perl tests/i18n/lines.pl "$TMP/cy+en-poster-a3.pdf" > "$TMP/c3.lines"
band=$(awk -F'\t' '$1 == 1 && $8 ~ /example\.org\/meetings$/ { printf "%d", $3; exit }' "$TMP/c3.lines")
low=$(awk -F'\t' -v b="${band:-0}" '$1 == 1 && $5 < b && $5 > m { m = $5 } END { printf "%d", m }' "$TMP/c3.lines")
[ "${band:-0}" -gt 0 ] && [ $((band - low)) -lt 150 ]
ok $? "cy+en A3 sheet 1 is filled: its table ends at ${low}pt, the band is at ${band:-?}pt"

# a day's heading has its first row right under it, however long another day's heading is
# (Latin script: a Nastaliq glyph's box reaches far above and below its line)
for f in "$TMP"/cy+en-*.pdf "$TMP"/de-*.pdf; do
    perl tests/i18n/lines.pl "$f" > "$TMP/l"
    gaps=$(awk -F'\t' '
        # a heading: at the heading size (22pt A4, 24pt A3) in the heading colour; the
        # next line under it that shares some of its width (its column) is its first row
        ($6 == 22 || $6 == 24) && $7 != "#1a1a1a" {
            if (h && p == $1 && $3 < y + 1) { y = $5; t = t " " $8; next }  # its next line
            h = 1; p = $1; a = $2; b = $4; y = $5; t = $8; next }
        h && $1 == p && $2 < b && $4 > a && $3 >= y - 1 {
            if ($3 - y > 6) printf "%s (%.0fpt) ", t, $3 - y; h = 0 }
    ' "$TMP/l")
    is "$gaps" "" "$(basename "$f" .pdf): every heading has its first row right under it"
done
done_testing
