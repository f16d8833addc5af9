#!/bin/sh
# The render summary (issue 9 item 8): one line per file written, on stdout, in the
# output's own units, with the meetings it holds; -q leaves it out; a warning (stderr,
# counted by --werror) when an output is longer than its kind is meant to be.  Every
# number is checked against the file written (pdfinfo, ls) and the selection (check).
set -u
. tests/lib.sh

EX=examples/aa-south-wales.json
SET="--settings examples/settings.ini --date 2026-11-26"
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
# meetings and online meetings of a selection, as `signpost check` counts them
counts() {
    "$SIGNPOST" check "$@" $EX 2>/dev/null > "$TMP/check"
    n=$(sed -n '1s/^\([0-9]*\) meetings\{0,1\} .*/\1/p' "$TMP/check")
    o=$(perl -ne 'if (/^Attendance:/) { my $t = 0; $t += $1 while /(?:online|online and in person) (\d+)/g;
                  print $t }' "$TMP/check")
    closed=$(sed -n 's/^Attendance:.*temporarily closed \([0-9]*\) (left out.*/\1/p' "$TMP/check")
}
# the note a render ends with when the selection left out temporarily closed meetings
closed_note() {
    [ "${closed:-0}" = 1 ] && echo "signpost: note: 1 temporarily closed meeting left out (--include-closed lists it)"
    [ "${closed:-0}" -gt 1 ] && echo "signpost: note: $closed temporarily closed meetings left out (--include-closed lists them)"
    return 0
}

counts --region Swansea
run_sp render --layout poster-a4 $SET --region Swansea -o "$TMP/p.pdf" $EX
is "$(cat "$out")" "wrote $TMP/p.pdf: 1 sheet, $n meetings ($o online)" "poster: '1 sheet', the meetings and the online ones"
counts
run_sp render --layout poster-a3 $SET -o "$TMP/p3.pdf" $EX
is "$(cat "$out")" "wrote $TMP/p3.pdf: $(pages "$TMP/p3.pdf") sheets, $n meetings ($o online)" "poster set: sheets"
run_sp render -q --layout poster-a3 $SET -o "$TMP/p3.pdf" $EX
is "$(wc -c < "$out" | tr -d ' ')" 0 "-q: no summary"

# PNG sets: the first and the last file, and how many
run_sp render --layout poster-a3 $SET --dpi 36 -o "$TMP/png/p.png" $EX
np=$(ls "$TMP/png" | wc -l | tr -d ' ')
is "$(cat "$out")" "wrote $TMP/png/p-1.png … $TMP/png/p-$np.png ($np files): $np sheets, $n meetings ($o online)" \
   "PNG set: first and last file, one per sheet"

# leaflets, booklets (the sheets and the reading copy), tri-folds, cards
run_sp render --layout leaflet-a5 $SET -o "$TMP/l.pdf" $EX
is "$(cat "$out")" "wrote $TMP/l.pdf: $(pages "$TMP/l.pdf") pages, $n meetings ($o online)" "leaflet: pages"
run_sp render --layout booklet-a5 $SET -o "$TMP/b.pdf" $EX
bp=$(pages "$TMP/b-reading.pdf"); bs=$(pages "$TMP/b.pdf")
is "$(cat "$out")" "wrote $TMP/b.pdf: $((bs / 2)) sheets, both sides ($bp pages), $n meetings ($o online)
wrote $TMP/b-reading.pdf: $bp pages, in reading order for screens" "booklet: sheets both sides, and the reading copy"
counts --region Cardiff --day tue
run_sp render --layout trifold-dl $SET --region Cardiff --day tue -o "$TMP/t.pdf" $EX
is "$(cat "$out")" "wrote $TMP/t.pdf: 1 sheet, both sides (6 panels), $n meetings ($o online)
wrote $TMP/t-reading.pdf: 6 panels, in reading order for screens" "tri-fold: one sheet, six panels"
counts
run_sp render --layout cards-a4 $SET -o "$TMP/c.pdf" $EX
cp=$(pages "$TMP/c.pdf")
cs=$((cp / 2)); [ "$cs" = 1 ] && csw=sheet || csw=sheets
is "$(cat "$out")" "wrote $TMP/c.pdf: $cp pages ($cs $csw, both sides), $n meetings ($o online)" "cards: pages, sheets"

# one line per file of a split
mkdir -p "$TMP/split"
run_sp render --layout poster-a4 $SET --split-by region -o "$TMP/split/p.pdf" $EX
is "$(grep -c '^wrote ' "$out")" "$(ls "$TMP/split" | wc -l | tr -d ' ')" "--split-by: one line per file"
grep -q "^wrote $TMP/split/p-Cardiff.pdf: [0-9]* sheets\{0,1\}, " "$out"; ok $? "--split-by: each line names its file"

# unusually long: a poster of more than 4 sheets is a warning (and exit 1 under --werror)
run_sp render --layout poster-a4 $SET -o "$TMP/long.pdf" $EX
is "$status" 0 "a 7-sheet poster is made"
is "$(cat "$err")" "signpost: $TMP/long.pdf: warning: a poster of $(pages "$TMP/long.pdf") sheets is more than a noticeboard holds (try --layout poster-a3, --split-by town, or --day)
$(closed_note)" \
   "... with a warning that says what to try (and the note on closed meetings)"
run_sp render -q --werror --layout poster-a4 $SET -o "$TMP/long.pdf" $EX
is "$status" 1 "--werror: the long-poster warning exits 1"
run_sp render --layout poster-a3 $SET -o "$TMP/p3.pdf" $EX
is "$(cat "$err")" "$(closed_note)" "a 4-sheet poster: no warning (only the note on closed meetings)"
# a leaflet over 100 pages: the generated 5,000-meeting directory would take too long
# here; a leaflet of the examples is under 100 pages and gets no warning
run_sp render --layout leaflet-a5 $SET -o "$TMP/l.pdf" $EX
is "$(cat "$err")" "$(closed_note)" "a $(pages "$TMP/l.pdf")-page leaflet: no warning (only the note)"

# temporarily closed meetings are left out unless asked for: the render says so, with the
# number check counts; with --include-closed they are printed and there is no note
[ "${closed:-0}" -gt 0 ]; ok $? "the examples have temporarily closed meetings ($closed)"
is "$(cat "$err")" "signpost: note: $closed temporarily closed meetings left out (--include-closed lists them)" \
   "render: a note with their number"
counts --include-closed
run_sp render --include-closed --layout leaflet-a5 $SET -o "$TMP/lc.pdf" $EX
is "$(cat "$err")" "" "--include-closed: no note"
is "$(cat "$out")" "wrote $TMP/lc.pdf: $(pages "$TMP/lc.pdf") pages, $n meetings ($o online)" \
   "--include-closed: the summary counts them ($n meetings)"
counts --region Swansea
run_sp render --layout poster-a4 $SET --region Swansea -o "$TMP/sw.pdf" $EX
is "$(cat "$err")" "$(closed_note)" "a selection: the note counts only its own closed meetings (${closed:-0} here)"
run_sp render -q --layout leaflet-a5 $SET -o "$TMP/l.pdf" $EX
is "$(cat "$err")" "" "-q: no note either"
run_sp render --layout poster-a4 --sheets 1 $SET -o "$TMP/one.pdf" $EX
[ "$status" != 0 ] && ! grep -q "temporarily closed" "$err"
ok $? "a run that fails says nothing about what it left out"

# --dump-plan writes no file, so no summary
run_sp render --layout poster-a4 $SET --region Swansea --dump-plan $EX
! grep -q '^wrote ' "$out"; ok $? "--dump-plan: no summary"

done_testing
