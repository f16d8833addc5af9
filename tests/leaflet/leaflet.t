#!/bin/sh
# leaflet.t - leaflets, booklets and tri-folds on the examples and a generated 500-meeting
# directory: every meeting once and in grouping order (pdftotext), hybrid meetings with
# venue and link, every QR decoding to its URL at 150 dpi (zbarimg), no text under the
# floor (mutool stext), no overlaps and nothing within 5 mm of the sheet edge (plan dump),
# booklet sheets read back half by half, tri-fold panels and errors.
set -u
. tests/lib.sh

S="--settings examples/settings.ini --date 2026-11-26"
EX=examples/aa-south-wales.json
EDGE=14.17   # 5 mm in points

# expected_names FILE BY: meeting names in reading order (TC left out unless it meets
# online: temporarily closed in person; a meeting on all
# seven days once, first; Monday first).
expected_names() {
    jq -r --arg by "$2" '
      def days: if (.day | type) == "array" then .day else [.day] end;
      def mins: (.time | capture("(?<h>[0-9]+):?(?<m>[0-9]{2})? *(?<p>[AaPp][Mm])?"))
                | (.h | tonumber) as $h | ((.m // "0") | tonumber) as $mm
                | (if .p == null then $h elif (.p | ascii_downcase) == "pm" then $h % 12 + 12
                   else $h % 12 end) * 60 + $mm;
      [ to_entries[] | .key as $i | .value
        | select((((.types // []) | index("TC")) | not) or .conference_url != null)
        | . as $m | (days) as $d
        | (if ($d | length) == 7 then [-1] else [$d[] | tonumber | ((. - 1 + 7) % 7)] end)[]
        | { rank: ., r: (($m.region // "Online") | ascii_downcase), reg: ($m.region // "Online"),
            t: ($m | mins), name: $m.name, i: $i } ]
      | if $by == "region" then sort_by(.r, .reg, .rank, .t, .name, .i)
        elif $by == "time" then sort_by(.rank, .t, .name, .i)
        else sort_by(.rank, .r, .reg, .t, .name, .i) end
      | .[].name | gsub("&amp;"; "&") | gsub("&#39;"; "\u0027")' "$1"
}

# squeeze: drop all white space (spaces, no-break spaces, line breaks)
squeeze() { sed 's/\xc2\xa0//g' | tr -d ' \n\t\f'; }

# in_order PDF NAMESFILE: every name found in order, each entry exactly once
in_order() {
    # mutool, not pdftotext: pdftotext joins "Weston-super-" + "Mare" without the hyphen
    mutool draw -q -F txt -o - "$1" 2>/dev/null | squeeze > "$TMP/text"
    squeeze_lines "$2" > "$TMP/names"
    awk 'NR == FNR { text = text $0; next }
         { want[$0]++; seq[++n] = $0 }
         END {
             pos = 1; bad = 0
             for (i = 1; i <= n; i++) {
                 k = index(substr(text, pos), seq[i])
                 if (k == 0) { print "# not found in order: " seq[i]; bad = 1; break }
                 pos += k - 1 + length(seq[i])
             }
             for (w in want) {
                 c = 0; s = text
                 while ((k = index(s, w)) > 0) {
                     longer = 0  # a longer name that starts with this one is not a match
                     for (v in want)
                         if (length(v) > length(w) && substr(s, k, length(v)) == v) longer = 1
                     c += !longer; s = substr(s, k + length(w))
                 }
                 if (c != want[w]) { print "# " w ": " c " times, want " want[w]; bad = 1 }
             }
             exit bad
         }' "$TMP/text" "$TMP/names"
}
# names are matched after the colon of "7pm to 8pm: Name"
squeeze_lines() { sed 's/\xc2\xa0//g; s/[ \t]//g; s/^/:/' "$1"; }

# min_size PDF: smallest font size mutool reports
min_size() {
    mutool draw -q -F stext -o - "$1" 2>/dev/null |
        sed -n 's/.*<font name="[^"]*" size="\([0-9.]*\)".*/\1/p' | sort -n | head -1
}

# stext_edges PDF: lines closer than 5 mm to the sheet edge (count)
stext_edges() {
    mutool draw -q -F stext -o - "$1" 2>/dev/null | awk -v e="$EDGE" '
        /<page / { match($0, /width="[0-9.]*"/); w = substr($0, RSTART + 7, RLENGTH - 8)
                   match($0, /height="[0-9.]*"/); h = substr($0, RSTART + 8, RLENGTH - 9) }
        /<line bbox/ { split($0, a, "\""); split(a[2], b, " ")
                       if (b[1] < e - 0.5 || b[2] < e - 0.5 || b[3] > w - e + 0.5 || b[4] > h - e + 0.5) bad++ }
        END { print bad + 0 }'
}

# plan_geometry DUMP: text and QR boxes that overlap or lie within 5 mm of the edge
plan_geometry() {
    awk -v e="$EDGE" '
        /^plan / { w = $2; h = $4 }
        /^imposed/ { getline; w = $2; h = $4 }
        /^page / { flush(); n = 0 }
        /^  (text|qr) / { n++; x[n] = $2; y[n] = $3; W[n] = $4; H[n] = $5; what[n] = $0
            if ($2 < e - 0.01 || $3 < e - 0.01 || $2 + $4 > w - e + 0.01 || $3 + $5 > h - e + 0.01) {
                print "# near the edge: " $0; bad++ } }
        function flush(  i, j) {
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
                if (x[i] < x[j] + W[j] - 0.01 && x[j] < x[i] + W[i] - 0.01 &&
                    y[i] < y[j] + H[j] - 0.01 && y[j] < y[i] + H[i] - 0.01) {
                    print "# overlap: " what[i] " / " what[j]; bad++ }
        }
        END { flush(); print bad + 0 }' "$1"
}

# qr_urls PDF: every decoded QR code at 150 dpi, sorted
qr_urls() {
    rm -rf "$TMP/qr"; mkdir -p "$TMP/qr"
    pdftoppm -r 150 -gray -png "$1" "$TMP/qr/p"
    zbarimg -q --raw "$TMP"/qr/p*.png 2>/dev/null | sort
}

# want_urls FILE: the join links of the selected meetings and the directory link
want_urls() {
    { jq -r '.[] | .conference_url // empty' "$1"
      echo https://example.org/meetings; } | sort
}

have jq && have pdftotext && have mutool && have zbarimg && have pdftoppm || {
    echo "1..0 # SKIP needs jq, pdftotext, mutool, zbarimg and pdftoppm"; exit 0; }

# ---- the examples, A5 leaflet, every grouping ----
for by in day region time; do
    run_sp render --layout leaflet-a5 $S --group-by $by -o "$TMP/a5-$by.pdf" $EX
    is "$status" 0 "leaflet-a5 --group-by $by renders"
    expected_names $EX $by > "$TMP/want-$by"
    in_order "$TMP/a5-$by.pdf" "$TMP/want-$by"; ok $? "group-by $by: every meeting once, in order"
done
pdftotext "$TMP/a5-day.pdf" - | sed 's/\xc2\xa0/ /g' > "$TMP/a5.txt"
grep -q 'Monday — Cardiff$' "$TMP/a5.txt"; ok $? "running header 'Monday — Cardiff'"
na5=$(pdfinfo "$TMP/a5-day.pdf" | awk '/^Pages:/ { print $2 }')
grep -q "^Page 2 of $na5\$" "$TMP/a5.txt"; ok $? "'Page 2 of $na5'"
grep -q "^Page 1 of" "$TMP/a5.txt"; ok $((! $?)) "no page number on the cover"
for w in 'Contents' 'About meetings' 'You are welcome to just listen' 'Meeting types in this list' \
         'Example Alcohol Helpline' '01632 960000' 'List printed on 26 November 2026'; do
    grep -q "$w" "$TMP/a5.txt"; ok $? "shows '$w'"
done
grep -q '^O — Open to all$' "$TMP/a5.txt"; ok $? "legend line 'O — Open to all'"
grep -q 'Mityng w języku polskim' "$TMP/a5.txt"; ok $? "Polish notes"
grep -q 'اردو' "$TMP/a5.txt"; ok $? "Urdu notes"
mutool draw -q -F stext -o - "$TMP/a5-day.pdf" 2>/dev/null | grep -q 'font name="NotoNastaliqUrdu'
ok $? "Urdu notes set in Noto Nastaliq Urdu"
is "$(min_size "$TMP/a5-day.pdf")" 16 "smallest text is the 16 pt floor"
is "$(stext_edges "$TMP/a5-day.pdf")" 0 "no text line within 5 mm of the edge"
"$SIGNPOST" render --layout leaflet-a5 $S --dump-plan $EX > "$TMP/a5.plan"
is "$(plan_geometry "$TMP/a5.plan")" 0 "plan: no overlaps, nothing within 5 mm of the edge"
qpdf --check "$TMP/a5-day.pdf" > /dev/null 2>&1; ok $? "qpdf --check"
grep -aq '/StructTreeRoot' "$TMP/a5-day.pdf" && grep -aq '/Lang' "$TMP/a5-day.pdf"
ok $? "tagged, with /Lang"
grep -aq '/PageLabels' "$TMP/a5-day.pdf"; ok $? "page labels"
grep -aq '/Outlines' "$TMP/a5-day.pdf"; ok $? "bookmarks"
grep -c '^outline .* parent -1 .*"Monday"' "$TMP/a5.plan" | grep -q '^1$'; ok $? "a bookmark for Monday"

# hybrid meetings: venue and link
jq -r '.[] | select(.attendance_option == "hybrid") | [.location, .conference_url] | @tsv' $EX \
    > "$TMP/hybrid"
[ -s "$TMP/hybrid" ]; ok $? "the examples have hybrid meetings"
tr '\n' ' ' < "$TMP/a5.txt" > "$TMP/a5.line"
while IFS="$(printf '\t')" read -r venue url; do
    grep -q "Online and in person: $venue" "$TMP/a5.line"; ok $? "hybrid: '$venue' shown"
    grep -aqF "/URI ($url)" "$TMP/a5-day.pdf"; ok $? "hybrid: link $url"
done < "$TMP/hybrid"

qr_urls "$TMP/a5-day.pdf" > "$TMP/got-urls"
want_urls $EX > "$TMP/want-urls"
sort -u "$TMP/got-urls" > "$TMP/got-u"
cmp -s "$TMP/got-u" "$TMP/want-urls"; ok $? "every QR decodes at 150 dpi to its URL"
diff "$TMP/got-u" "$TMP/want-urls" | sed 's/^/# /'

# --online-section: online-only meetings in their own section, after the others
run_sp render --layout leaflet-a5 $S --online-section -o "$TMP/os.pdf" $EX
is "$status" 0 "--online-section renders"
pdftotext "$TMP/os.pdf" - | sed 's/\xc2\xa0/ /g' > "$TMP/os.txt"
l_sec=$(grep -n -x 'Online meetings' "$TMP/os.txt" | tail -1 | cut -d: -f1)
l_urdu=$(grep -n 'Urdu Online Fellowship' "$TMP/os.txt" | tail -1 | cut -d: -f1)
l_bath=$(grep -n 'Bath' "$TMP/os.txt" | grep -v 'Monday\|Tuesday\|Wednesday\|Thursday\|Friday\|Saturday\|Sunday\|Every' | tail -1 | cut -d: -f1)
l_back=$(grep -n -x 'Helplines and contact' "$TMP/os.txt" | tail -1 | cut -d: -f1)
[ -n "$l_sec" ] && [ "$l_bath" -lt "$l_sec" ] && [ "$l_sec" -lt "$l_urdu" ] && [ "$l_urdu" -lt "$l_back" ]
ok $? "online section after the venues' list, before the back page ($l_bath < $l_sec < $l_urdu < $l_back)"

# --leave-off-passcodes: no passcode, and QR links without pwd=
run_sp render --layout leaflet-a5 $S --leave-off-passcodes -o "$TMP/np.pdf" $EX
pdftotext "$TMP/np.pdf" - | grep -q '^Meeting ID.*passcode\|^Passcode'
ok $((! $?)) "--leave-off-passcodes prints none"
grep -q 'Meeting ID [0-9 ]*, passcode [0-9A-Za-z]' "$TMP/a5.line"; ok $? "passcodes printed by default"
grep -aq 'pwd=' "$TMP/np.pdf"; ok $((! $?)) "--leave-off-passcodes: no pwd= in links"

# a meeting held on all seven days: once, in an "Every day" group before Monday
cat > "$TMP/ed.json" <<'JSON'
[{"name":"Daily Reflections Breakfast","slug":"ed-1","day":[0,1,2,3,4,5,6],"time":"07:00",
  "end_time":"08:00","types":["O"],"location":"Example Hall",
  "formatted_address":"1 High Street, Cardiff CF10 1AA, UK","region":"Cardiff"},
 {"name":"Monday Step","slug":"ed-2","day":1,"time":"19:00","end_time":"20:00",
  "types":["C","ST"],"location":"Example Church",
  "formatted_address":"2 Low Street, Cardiff CF10 1AB, UK","region":"Cardiff"}]
JSON
run_sp render --layout leaflet-a5 $S -o "$TMP/ed.pdf" "$TMP/ed.json"
is "$status" 0 "every-day meeting renders"
pdftotext "$TMP/ed.pdf" - | sed 's/\xc2\xa0/ /g' > "$TMP/ed.txt"
is "$(grep -c 'Daily Reflections Breakfast' "$TMP/ed.txt")" 1 "every-day meeting listed once"
is "$(grep -x 'Every day\|Monday\|7am to 8am: Daily Reflections Breakfast\|7pm to 8pm: Monday Step' \
      "$TMP/ed.txt" | tr '\n' '|')" \
   "Every day|7am to 8am: Daily Reflections Breakfast|Monday|7pm to 8pm: Monday Step|" \
   "'Every day' group first, then Monday"
grep -q '^Every day: page 3$' "$TMP/ed.txt"; ok $? "contents: 'Every day: page 3'"

# ---- booklet: sheets read back half by half ----
run_sp render --layout booklet-a5 $S -o "$TMP/bk.pdf" $EX
is "$status" 0 "booklet-a5 renders"
[ -f "$TMP/bk-reading.pdf" ]; ok $? "reading-order PDF written next to it"
np=$(pdfinfo "$TMP/bk-reading.pdf" | awk '/^Pages:/ { print $2 }')
ns=$(pdfinfo "$TMP/bk.pdf" | awk '/^Pages:/ { print $2 }')
is "$((np % 4))" 0 "reading-order pages a multiple of 4 ($np)"
is "$ns" "$((np / 2))" "one sheet side per two pages"
pdfinfo "$TMP/bk.pdf" | grep -q 'Page size: *841.89 x 595.276'; ok $? "sheets are A4 landscape"
in_order "$TMP/bk-reading.pdf" "$TMP/want-day"; ok $? "booklet reading order: every meeting once"
half() {  # half PDF SIDE X -> logical page number printed there (1 = cover)
    t=$(pdftotext -f "$2" -l "$2" -r 72 -x "$3" -y 0 -W 420 -H 596 "$1" - 2>/dev/null)
    case $t in *"Free support meetings"*) echo 1; return;; esac
    printf '%s\n' "$t" | sed -n 's/^Page \([0-9]*\) of .*/\1/p' | head -1
}
bad=0
for s in $(seq 1 "$ns"); do
    k=$(( (s - 1) / 2 ))
    if [ $((s % 2)) = 1 ]; then wl=$((np - 2 * k)); wr=$((2 * k + 1))
    else wl=$((2 * k + 2)); wr=$((np - 1 - 2 * k)); fi
    l=$(half "$TMP/bk.pdf" "$s" 0); r=$(half "$TMP/bk.pdf" "$s" 421)
    [ "$l" = "$wl" ] && [ "$r" = "$wr" ] || { bad=1; diag "side $s: $l | $r, want $wl | $wr"; }
done
ok $bad "every sheet side has the saddle-stitch pages ($np pages)"
"$SIGNPOST" render --layout booklet-a5 $S --dump-plan $EX > "$TMP/bk.plan"
is "$(plan_geometry "$TMP/bk.plan")" 0 "booklet plan and sheets: no overlaps, 5 mm from edges"
pdftotext "$TMP/bk-reading.pdf" - | grep -c '^Notes$' > "$TMP/notes"
[ "$(cat "$TMP/notes")" -ge 0 ]; ok $? "notes pages pad to a multiple of 4"
pdftotext -f "$np" -l "$np" "$TMP/bk-reading.pdf" - | grep -q 'Example Alcohol Helpline'
ok $? "the back page (helplines) is the last page"

# --pages: exact count, largest size that fits, or how many pages the floor needs
run_sp render --layout booklet-a5 $S --pages 4 -o "$TMP/p4.pdf" $EX
is "$status" 1 "--pages 4 is too few"
grep -q "^signpost: --pages 4: too few pages; at the 16 pt floor of layout 'booklet-a5' this list needs $np pages\$" "$err"
ok $? "message says how many pages the floor needs"; diag "$(cat "$err")"
run_sp render --layout booklet-a5 $S --pages 6 -o "$TMP/p6.pdf" $EX
is "$(head -1 "$err")" "signpost: --pages: a folded booklet has a multiple of 4 pages, got 6" \
   "--pages 6 refused for a booklet"
big=$((np + 16))
run_sp render --layout booklet-a5 $S --pages $big -o "$TMP/pb.pdf" $EX
is "$status" 0 "--pages $big renders"
is "$(pdfinfo "$TMP/pb-reading.pdf" | awk '/^Pages:/ { print $2 }')" "$big" "exactly $big pages"
ms=$(min_size "$TMP/pb-reading.pdf")
[ "${ms%.*}" -gt 16 ]; ok $? "more pages give a larger body size ($ms pt)"
in_order "$TMP/pb-reading.pdf" "$TMP/want-day"; ok $? "--pages $big: every meeting once"

# ---- tri-fold ----
run_sp render --layout trifold-dl $S --region Cardiff --day tue -o "$TMP/tf.pdf" $EX
is "$status" 0 "trifold-dl renders a short list"
pdfinfo "$TMP/tf.pdf" | grep -q '^Pages: *2$'; ok $? "one sheet, two sides"
pdfinfo "$TMP/tf.pdf" | grep -q 'Page size: *841.89 x 595.276'; ok $? "A4 landscape"
is "$(pdfinfo "$TMP/tf-reading.pdf" | awk '/^Pages:/ { print $2 }')" 6 "reading order: 6 panels"
panel() { pdftotext -f "$2" -l "$2" -r 72 -x "$3" -y 0 -W "$4" -H 596 "$1" - | head -1; }
is "$(panel "$TMP/tf.pdf" 1 0 274)" "About meetings" "outside left (97 mm): the tuck-in panel"
is "$(panel "$TMP/tf.pdf" 1 276 282)" "Helplines and contact" "outside middle: the back cover"
is "$(panel "$TMP/tf.pdf" 1 560 282)" "Free support" "outside right: the front cover"
is "$(panel "$TMP/tf.pdf" 2 0 282)" "Tuesday" "inside 1: the meetings"
"$SIGNPOST" render --layout trifold-dl $S --region Cardiff --day tue --dump-plan $EX > "$TMP/tf.plan"
awk '/^imposed/ { on = 1 } on && /^  text/' "$TMP/tf.plan" |
    grep -o '"Free support\|"About meetings"\|"Helplines and contact"\|"Tuesday"' |
    tr '\n' '|' > "$TMP/tfo"
is "$(cat "$TMP/tfo")" '"Free support|"About meetings"|"Helplines and contact"|"Tuesday"|' \
   "sheet drawn (and tagged) in reading order: front, tuck-in, back; inside"
is "$(plan_geometry "$TMP/tf.plan")" 0 "tri-fold: no overlaps, 5 mm from the sheet edge"
awk '/^imposed/ { on = 1 } on && /^  text/ { x = $2; w = $4
        if ((x < 274.96 && x + w > 274.96 - 19.8) || (x < 558.43 && x > 274.96 && x + w > 558.43 - 19.8)) bad++ }
     END { exit bad > 0 }' "$TMP/tf.plan"
ok $? "tri-fold text keeps clear of the folds"
run_sp render --layout trifold-dl $S -o "$TMP/tf2.pdf" $EX
is "$status" 1 "the whole directory does not fit a tri-fold"
grep -q 'do not fit the 3 inside panels of a tri-fold at 16 pt.*use --layout booklet-a5' "$err"
ok $? "the message suggests the A5 booklet"; diag "$(cat "$err")"

# ---- a generated 500-meeting directory, A4 leaflet ----
if [ -x "$BUILD/bench/gen_directory" ]; then
    "$BUILD/bench/gen_directory" --meetings 500 --seed 1 --format mg-json > "$TMP/g500.json"
    run_sp render --layout leaflet-a4 $S -o "$TMP/g.pdf" "$TMP/g500.json"
    is "$status" 0 "500 meetings: A4 leaflet renders"
    expected_names "$TMP/g500.json" day > "$TMP/want-g"
    in_order "$TMP/g.pdf" "$TMP/want-g"; ok $? "500 meetings: every meeting once, in order"
    is "$(min_size "$TMP/g.pdf")" 18 "500 meetings: smallest text is the A4 body (18 pt)"
    is "$(stext_edges "$TMP/g.pdf")" 0 "500 meetings: no text within 5 mm of the edge"
    "$SIGNPOST" render --layout leaflet-a4 $S --dump-plan "$TMP/g500.json" > "$TMP/g.plan"
    is "$(plan_geometry "$TMP/g.plan")" 0 "500 meetings: no overlaps"
    qr_urls "$TMP/g.pdf" | sort -u > "$TMP/g-got"
    want_urls "$TMP/g500.json" | sort -u > "$TMP/g-want"
    cmp -s "$TMP/g-got" "$TMP/g-want"; ok $? "500 meetings: every QR decodes to its URL"
    run_sp render --layout booklet-a5 $S --group-by region -o "$TMP/gb.pdf" "$TMP/g500.json"
    is "$status" 0 "500 meetings: A5 booklet by region"
    expected_names "$TMP/g500.json" region > "$TMP/want-gr"
    in_order "$TMP/gb-reading.pdf" "$TMP/want-gr"; ok $? "500 meetings by region: once, in order"
else
    skip "gen_directory not built (make bench builds it)"
fi

done_testing
