#!/bin/sh
# leaflet.t - leaflets, booklets and tri-folds on the examples and generated directories:
# every occurrence once and in grouping order with its day and time (mutool text), merged
# rows (a run, a gap, every day) with a pointer under each other day, compact entries (the
# fellowship named once, no legend), the page counts that show the density, list
# structure (L > LI > Lbl + LBody) and page furniture as artifacts (plan dump), every QR
# decoding to its URL (zbarimg at 75 dpi, and 150 dpi on the examples), QR symbols of at
# least 25 mm, no text under the floor, nothing within 5 mm of the edge, no overlaps,
# booklet sheets read back half by half, tri-fold panels, and bad data that is reported
# and shortened, never fatal (a 2,000-character note, a link too long for a QR code).
set -u
. tests/lib.sh

S="--settings examples/settings.ini --date 2026-11-26"
EX=examples/aa-south-wales.json
ALL="examples/aa-south-wales.json --as Narcotics\ Anonymous --formats examples/na-bristol-formats.json examples/na-bristol-bmlt.json --as '' examples/smart-bath.csv"
MERGED=tests/data/lists/merged.json
EDGE=14.17   # 5 mm in points

# expected_names FILE BY: meeting names in reading order, one per day a meeting is on (its
# full entry under its first day, a pointer under each other day); a meeting on all seven
# days once, first; TC left out unless it meets online; Monday first.
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

# in_order PDF NAMESFILE: every name found in order (after the colon of its time label),
# each exactly as often as it is expected
in_order() {
    # mutool, not pdftotext: pdftotext joins "Weston-super-" + "Mare" without the hyphen
    mutool draw -q -F txt -o - "$1" 2>/dev/null | squeeze > "$TMP/text"
    sed 's/\xc2\xa0//g; s/[ \t]//g; s/^/:/' "$2" > "$TMP/names"
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

# geometry PDF FLOOR: no character under FLOOR pt, no text line within 5 mm of the edge
# (mutool stext)
# (overlaps are checked on the plan: mutool boxes Nastaliq by the font's whole height)
geometry() { tests/tools/pdftext-geom.pl --floor "$2" --margin 5 "$1" > "$TMP/geom"; }

# plan_checks PLAN: plan-geom (overlaps, 5 mm) and one line per structure problem:
# text outside any tag that is not furniture, an LI without exactly one Lbl and one LBody,
# a Figure not inside its Link, a QR symbol under QRMIN mm (without its quiet zone)
plan_checks() {
    tests/tools/plan-geom.pl --margin 5 < "$1" | grep '^problem' | head -n 3
    awk -v qrmin="$2" '
        /^(plan|imposed)/ { depth = 0; delete open }
        /^  begin / { open[++depth] = $2; if ($2 == "LI") { lbl = 0; body = 0 }
                      if ($2 == "Lbl") lbl++; if ($2 == "LBody") body++
                      if ($2 == "Figure" && open[depth - 1] != "Link") print "Figure outside a Link" }
        /^  end / { if ($2 == "LI" && (lbl != 1 || body != 1)) print "LI with " lbl " Lbl, " body " LBody"
                    depth-- }
        /^  text / && !/artifact=/ { t = open[depth]
            if (t != "P" && t != "Lbl" && t !~ /^H[1-6]$/) print "untagged text: " $0 }
        /^  qr / { split($8, m, "+"); sym = $4 * m[1] / (m[1] + 2 * m[2]) * 25.4 / 72
                   if (sym < qrmin - 0.01) printf "QR symbol %.1f mm\n", sym }' "$1" | sort | uniq -c | head -n 5
}

# qr_urls PDF DPI: every QR code decoded at DPI, sorted and unique
qr_urls() {
    rm -rf "$TMP/qr"; mkdir -p "$TMP/qr"
    pdftoppm -r "$2" -gray -png "$1" "$TMP/qr/p"
    zbarimg -q --raw "$TMP"/qr/p*.png 2>/dev/null | sort -u
}

# want_urls FILE...: the join links of the meetings and the directory link
want_urls() {
    { for f in "$@"; do jq -r '.[] | .conference_url // empty' "$f"; done
      echo https://example.org/meetings; } | sort -u
}

pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

have jq && have pdftotext && have mutool && have zbarimg && have pdftoppm && have pdfinfo || {
    echo "1..0 # SKIP needs jq, pdftotext, mutool, zbarimg, pdftoppm and pdfinfo"; exit 0; }

# ---- the examples, A5 leaflet, every grouping ----
for by in day region time; do
    run_sp render --layout leaflet-a5 $S --group-by $by -o "$TMP/a5-$by.pdf" $EX
    is "$status" 0 "leaflet-a5 --group-by $by renders"
    expected_names $EX $by > "$TMP/want-$by"
    in_order "$TMP/a5-$by.pdf" "$TMP/want-$by"; ok $? "group-by $by: every occurrence once, in order"
done
pdftotext "$TMP/a5-day.pdf" - | sed 's/\xc2\xa0/ /g' > "$TMP/a5.txt"
tr '\n' ' ' < "$TMP/a5.txt" > "$TMP/a5.line"
na5=$(pages "$TMP/a5-day.pdf")
grep -q "Monday — Bath$" "$TMP/a5.txt"; ok $? "running head 'Monday — Bath'"
grep -q "^Page 2 of $na5\$" "$TMP/a5.txt"; ok $? "'Page 2 of $na5' in the head line"
grep -q "^Page 1 of" "$TMP/a5.txt"; ok $((! $?)) "no page number on the cover"
for w in 'Contents' 'About meetings' 'You are welcome to just listen' 'Example Alcohol Helpline' \
         '01632 960000, 24 hours' 'List printed on 26 November 2026'; do
    grep -q "$w" "$TMP/a5.txt"; ok $? "shows '$w'"
done
grep -q 'Meeting types in this list' "$TMP/a5.txt"; ok $((! $?)) "no legend (every type is spelled out)"
is "$(grep -c 'Alcoholics Anonymous' "$TMP/a5.txt")" 1 "one fellowship: named once (on the cover)"
grep -q 'Canton Lunchtime Rowan Tree Community Centre, 14 Heol y Wennol, CF11 9ZA\. Monday and Wednesday\. Open to all, Discussion, Step-free access\. Use the side door' "$TMP/a5.line"
ok $? "a compact entry: name, where (postcode under its town), days, kind and notes run on"
grep -q 'Canton Lunchtime: see Monday, page [0-9]' "$TMP/a5.line"; ok $? "the other day points to the full entry"
grep -q 'Mityng w języku polskim' "$TMP/a5.txt"; ok $? "Polish notes"
grep -q 'اردو' "$TMP/a5.txt"; ok $? "Urdu notes"
mutool draw -q -F stext -o - "$TMP/a5-day.pdf" 2>/dev/null | grep -q 'font name="NotoNastaliqUrdu'
ok $? "Urdu notes set in Noto Nastaliq Urdu"
geometry "$TMP/a5-day.pdf" 16; ok $? "stext: nothing under 16 pt, nothing within 5 mm of the edge"
grep problem "$TMP/geom" | head -n 3 | sed 's/^/# /'
"$SIGNPOST" render --layout leaflet-a5 $S --dump-plan $EX > "$TMP/a5.plan"
is "$(plan_checks "$TMP/a5.plan" 25)" "" "plan: no overlaps, 5 mm clear, tagged lists, QR symbols >= 25 mm"
is "$(grep -c '^  begin LI' "$TMP/a5.plan")" "$(wc -l < "$TMP/want-day")" "one list item per occurrence"
is "$(awk '/^  begin L$/ { l++ } END { print (l > 0) }' "$TMP/a5.plan")" 1 "meetings are lists (L)"
awk '/begin Lbl/ { getline; print }' "$TMP/a5.plan" | grep -Evq '(am|pm|noon|midnight):"$'
ok $((! $?)) "every Lbl is the meeting's time"
is "$(grep -c 'artifact=header' "$TMP/a5.plan")" "$(( (na5 - 1) * 2 ))" "running head and page number are header artifacts on every page but the cover"
grep -q '^outline .* parent -1 .*"Monday"' "$TMP/a5.plan"; ok $? "a bookmark for Monday"
qpdf --check "$TMP/a5-day.pdf" > /dev/null 2>&1; ok $? "qpdf --check"
grep -aq '/StructTreeRoot' "$TMP/a5-day.pdf" && grep -aq '/Lang' "$TMP/a5-day.pdf"
ok $? "tagged, with /Lang"
for dpi in 150 75; do
    qr_urls "$TMP/a5-day.pdf" $dpi > "$TMP/got-$dpi"
    want_urls $EX > "$TMP/want-urls"
    cmp -s "$TMP/got-$dpi" "$TMP/want-urls"; ok $? "every QR decodes to its URL at $dpi dpi"
    diff "$TMP/got-$dpi" "$TMP/want-urls" | sed 's/^/# /'
done

# hybrid meetings: venue and link
jq -r '.[] | select(.attendance_option == "hybrid") | [.location, .conference_url] | @tsv' $EX \
    > "$TMP/hybrid"
[ -s "$TMP/hybrid" ]; ok $? "the examples have hybrid meetings"
while IFS="$(printf '\t')" read -r venue url; do
    grep -q "Online and in person: $venue" "$TMP/a5.line"; ok $? "hybrid: '$venue' shown"
    grep -aqF "/URI ($url)" "$TMP/a5-day.pdf"; ok $? "hybrid: link $url"
done < "$TMP/hybrid"

# ---- density: meetings per A5 page (issue 9; before: 31 pages for this file, 60 for all
# the examples) ----
is "$([ "$na5" -le 18 ] && echo yes)" yes "aa-south-wales: 46 meetings on $na5 A5 pages (was 31)"
eval "run_sp render --layout leaflet-a5 $S -o \"\$TMP/all.pdf\" $ALL"
is "$status" 0 "all the examples: A5 leaflet renders"
nall=$(pages "$TMP/all.pdf")
is "$([ "$nall" -le 35 ] && echo yes)" yes "all the examples: 106 meetings on $nall A5 pages (was 60)"
pdftotext "$TMP/all.pdf" - > "$TMP/all.txt"
[ "$(grep -c 'Alcoholics Anonymous\.' "$TMP/all.txt")" -gt 1 ]
ok $? "several fellowships: each entry names its own"

# --online-section: online-only meetings in their own section, after the others
run_sp render --layout leaflet-a5 $S --online-section -o "$TMP/os.pdf" $EX
is "$status" 0 "--online-section renders"
pdftotext "$TMP/os.pdf" - | sed 's/\xc2\xa0/ /g' > "$TMP/os.txt"
l_sec=$(grep -n -x 'Online meetings' "$TMP/os.txt" | tail -1 | cut -d: -f1)
l_urdu=$(grep -n 'Urdu Online Fellowship' "$TMP/os.txt" | tail -1 | cut -d: -f1)
l_bath=$(grep -n 'Bath Abbey' "$TMP/os.txt" | head -1 | cut -d: -f1)
l_back=$(grep -n -x 'Helplines and contact' "$TMP/os.txt" | tail -1 | cut -d: -f1)
[ -n "$l_sec" ] && [ "$l_bath" -lt "$l_sec" ] && [ "$l_sec" -lt "$l_urdu" ] && [ "$l_urdu" -lt "$l_back" ]
ok $? "online section after the venues' list, before the back matter ($l_bath < $l_sec < $l_urdu < $l_back)"

# --leave-off-passcodes: no passcode, and QR links without pwd=
run_sp render --layout leaflet-a5 $S --leave-off-passcodes -o "$TMP/np.pdf" $EX
pdftotext "$TMP/np.pdf" - | tr '\n' ' ' | grep -q 'passcode serenity'
ok $((! $?)) "--leave-off-passcodes prints none (the feed's own notes are the feed's)"
grep -q 'Meeting ID [0-9 ]*, passcode [0-9A-Za-z]' "$TMP/a5.line"; ok $? "passcodes printed by default"
grep -aq 'pwd=' "$TMP/np.pdf"; ok $((! $?)) "--leave-off-passcodes: no pwd= in links"

# ---- merged rows: a run, a gap, every day, an online meeting on two days ----
run_sp render --layout leaflet-a5 $S -o "$TMP/mg.pdf" $MERGED
is "$status" 0 "merged rows render"
pdftotext "$TMP/mg.pdf" - | sed 's/\xc2\xa0/ /g' | tr '\n' ' ' | tr -s ' ' > "$TMP/mg.line"
expected_names $MERGED day > "$TMP/want-mg"
in_order "$TMP/mg.pdf" "$TMP/want-mg"; ok $? "merged rows: every occurrence under its day, in order"
grep -q 'Lunchtime Run Example Church, 2 Low Street, CF10 1AB\. Monday to Friday\.' "$TMP/mg.line"
ok $? "a run: 'Monday to Friday'"
grep -q 'Gap Group Example Centre, 3 Mill Lane, CF10 1AC\. Monday, Wednesday and Friday\.' "$TMP/mg.line"
ok $? "a gap (three records merged): 'Monday, Wednesday and Friday'"
grep -q 'Every day 7am to 8am: Daily Reflections Breakfast' "$TMP/mg.line"
ok $? "every day: once, in the 'Every day' group"
is "$(grep -o 'Lunchtime Run: see Monday, page 3' "$TMP/mg.line" | wc -l)" 4 \
   "a pointer under Tuesday to Friday, with the full entry's page"
is "$(grep -o 'Gap Group: see Monday, page 3' "$TMP/mg.line" | wc -l)" 2 "a pointer under Wednesday and Friday"
grep -q 'Tuesday and Thursday' "$TMP/mg.line"; ok $? "an online meeting on two days names both"
"$SIGNPOST" render --layout leaflet-a5 $S --dump-plan $MERGED > "$TMP/mg.plan"
is "$(grep -c "uri='https://example.org/meet/twice-online'" "$TMP/mg.plan")" 1 "one QR code for the merged online meeting"
is "$(qr_urls "$TMP/mg.pdf" 75 | tr '\n' ' ')" "https://example.org/meet/twice-online https://example.org/meetings " \
   "its code decodes at 75 dpi"
pdftotext "$TMP/mg.pdf" - > "$TMP/mg.txt"
grep -q '^Every day: page 3$' "$TMP/mg.txt"; ok $? "contents: 'Every day: page 3'"
grep -q '^Cardiff$' "$TMP/mg.txt"; ok $? "a list of one region names it on the cover"

# ---- bad data: reported and shortened, never fatal ----
long=$(awk 'BEGIN { for (i = 0; i < 250; i++) printf "word%03d ", i }')  # 2,000 characters
jq --arg n "$long" '[.[0] | .notes = ($n | rtrimstr(" ") + " end.")] + [.[1]]' $MERGED > "$TMP/note.json"
jq -r '.[0].notes | length' "$TMP/note.json" > "$TMP/notelen"
is "$(cat "$TMP/notelen")" 2004 "a 2,004-character note"
for lay in leaflet-a5 leaflet-a4 booklet-a5 trifold-dl; do
    run_sp render --layout $lay $S -o "$TMP/note-$lay.pdf" "$TMP/note.json"
    is "$status" 0 "$lay: renders with the long note"
    case $lay in
    trifold-dl) pdftotext "$TMP/note-$lay-reading.pdf" - | grep -q 'word000'
                ok $((! $?)) "tri-fold: notes are left to the directory (no room for them)" ;;
    *)  f="$TMP/note-$lay.pdf"; [ $lay = booklet-a5 ] && f="$TMP/note-$lay-reading.pdf"
        pdftotext "$f" - | tr '\n' ' ' | grep -q 'word0[0-9][0-9]… more at example.org/meetings'
        ok $? "$lay: the note is cut, ending '… more at example.org/meetings'"
        grep -q "^signpost: $TMP/note.json:[0-9]*: warning: meeting 'Daily Reflections Breakfast': its note (2004 characters) is cut to 3 lines\$" "$err"
        ok $? "$lay: the cut is reported with the file and line"
        "$SIGNPOST" render --layout $lay $S --dump-plan "$TMP/note.json" 2>/dev/null |
            awk '/begin LI/ { li = 1; p = 0 } /end LI/ { li = 0; if (lines > m) m = lines }
                 li && /begin P/ { p++; lines = 0 } li && /^  text/ { lines++ } END { exit m > 3 }'
        ok $? "$lay: no paragraph of an entry is longer than 3 lines" ;;
    esac
done
url="https://example.org/join/$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "x" }')"
jq --arg u "$url" '[.[5] | .conference_url = $u] + [.[7]]' $MERGED > "$TMP/longurl.json"
run_sp render --layout leaflet-a5 $S -o "$TMP/longurl.pdf" "$TMP/longurl.json"
is "$status" 0 "a link too long for a QR code: the leaflet is still made"
grep -q "warning: 'Twice Online': URL too long for a QR code.*printed without its QR code" "$err"
ok $? "it is reported"; diag "$(head -n 2 "$err")"
pdftotext "$TMP/longurl.pdf" - | tr '\n' ' ' | grep -q 'Join details at example.org/meetings'
ok $? "the entry says where the join details are"
jq --arg n "$long" '[.[7] | .name = $n]' $MERGED > "$TMP/longname.json"
run_sp render --layout trifold-dl $S -o "$TMP/longname.pdf" "$TMP/longname.json"
is "$status" 0 "a meeting too long for a panel: the tri-fold is still made"
grep -q "warning: meeting 'word000 .*' is too long for a panel of layout 'trifold-dl' at 16 pt: shortened" "$err"
ok $? "it is reported and shortened"

# ---- booklet: sheets read back half by half ----
run_sp render --layout booklet-a5 $S -o "$TMP/bk.pdf" $EX
is "$status" 0 "booklet-a5 renders"
[ -f "$TMP/bk-reading.pdf" ]; ok $? "reading-order PDF written next to it"
np=$(pages "$TMP/bk-reading.pdf")
ns=$(pages "$TMP/bk.pdf")
is "$((np % 4))" 0 "reading-order pages a multiple of 4 ($np)"
is "$ns" "$((np / 2))" "one sheet side per two pages"
pdfinfo "$TMP/bk.pdf" | grep -q 'Page size: *841.89 x 595.276'; ok $? "sheets are A4 landscape"
in_order "$TMP/bk-reading.pdf" "$TMP/want-day"; ok $? "booklet reading order: every occurrence once"
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
is "$(plan_checks "$TMP/bk.plan" 25)" "" "booklet plan and sheets: no overlaps, 5 mm clear, tags balanced"
pdftotext -f "$np" -l "$np" "$TMP/bk-reading.pdf" - | grep -q 'Example Alcohol Helpline'
ok $? "the back page (helplines) is the last page"
is "$(qr_urls "$TMP/bk.pdf" 75 | wc -l)" "$(want_urls $EX | wc -l)" "booklet sheets: every QR decodes at 75 dpi"

# --pages: exact count, largest size that fits, or how many pages the floor needs
run_sp render --layout booklet-a5 $S --pages 4 -o "$TMP/p4.pdf" $EX
is "$status" 1 "--pages 4 is too few"
grep -q "^signpost: --pages 4: too few pages; at the 16 pt floor of layout 'booklet-a5' this list needs $np pages\$" "$err"
ok $? "message says how many pages the floor needs"; diag "$(cat "$err")"
run_sp render --layout booklet-a5 $S --pages 6 -o "$TMP/p6.pdf" $EX
is "$(head -1 "$err")" "signpost: --pages: a folded booklet has a multiple of 4 pages, got 6" \
   "--pages 6 refused for a booklet"
big=$((np + 8))
run_sp render --layout booklet-a5 $S --pages $big -o "$TMP/pb.pdf" $EX
is "$status" 0 "--pages $big renders"
is "$(pages "$TMP/pb-reading.pdf")" "$big" "exactly $big pages"
ms=$(mutool draw -q -F stext -o - "$TMP/pb-reading.pdf" 2>/dev/null |
     sed -n 's/.*<font name="[^"]*" size="\([0-9.]*\)".*/\1/p' | sort -n | head -1)
[ "${ms%.*}" -gt 16 ]; ok $? "more pages give a larger body size ($ms pt)"
in_order "$TMP/pb-reading.pdf" "$TMP/want-day"; ok $? "--pages $big: every occurrence once"

# ---- tri-fold ----
run_sp render --layout trifold-dl $S --region Cardiff --day tue -o "$TMP/tf.pdf" $EX
is "$status" 0 "trifold-dl renders a short list"
pdfinfo "$TMP/tf.pdf" | grep -q '^Pages: *2$'; ok $? "one sheet, two sides"
pdfinfo "$TMP/tf.pdf" | grep -q 'Page size: *841.89 x 595.276'; ok $? "A4 landscape"
is "$(pages "$TMP/tf-reading.pdf")" 6 "reading order: 6 panels"
panel() { pdftotext -f "$2" -l "$2" -r 72 -x "$3" -y 0 -W "$4" -H 596 "$1" - | head -1; }
is "$(panel "$TMP/tf.pdf" 1 0 274)" "About meetings" "outside left (97 mm): the tuck-in panel"
is "$(panel "$TMP/tf.pdf" 1 276 282)" "Helplines and contact" "outside middle: the back cover"
is "$(panel "$TMP/tf.pdf" 1 560 282)" "Free support" "outside right: the front cover"
"$SIGNPOST" render --layout trifold-dl $S --region Cardiff --day tue --dump-plan $EX > "$TMP/tf.plan"
awk '/^imposed/ { on = 1 } on && /^  text/' "$TMP/tf.plan" |
    grep -o '"Free support\|"About meetings"\|"Helplines and contact"\|"Tuesday"' |
    tr '\n' '|' > "$TMP/tfo"
is "$(cat "$TMP/tfo")" '"Free support|"About meetings"|"Tuesday"|"Helplines and contact"|' \
   "sheet drawn (and tagged) in reading order: front, tuck-in (its meetings follow the introduction), back"
is "$(plan_checks "$TMP/tf.plan" 25)" "" "tri-fold: no overlaps, 5 mm from the sheet edge, tagged lists, QR >= 25 mm"
awk '/^imposed/ { on = 1 } on && /^  text/ { x = $2; w = $4
        if ((x < 274.96 && x + w > 274.96 - 17.0) || (x < 558.43 && x > 274.96 && x + w > 558.43 - 17.0)) bad++ }
     END { exit bad > 0 }' "$TMP/tf.plan"
ok $? "tri-fold text keeps 6 mm clear of the folds"
geometry "$TMP/tf.pdf" 16; ok $? "tri-fold stext: nothing under 16 pt, 5 mm clear"
{ jq -r '.[] | select(.region == "Cardiff" and ((.day | tostring) | test("2"))) | .conference_url // empty' $EX
  echo https://example.org/meetings; } | sort -u > "$TMP/tf-want"
qr_urls "$TMP/tf.pdf" 75 > "$TMP/tf-got"
cmp -s "$TMP/tf-got" "$TMP/tf-want"; ok $? "tri-fold: every code decodes at 75 dpi ($(wc -l < "$TMP/tf-want"))"

# merged rows on a tri-fold: once each, in an "On several days" group, short day names
run_sp render --layout trifold-dl $S -o "$TMP/tfm.pdf" $MERGED
is "$status" 0 "tri-fold of merged rows renders"
pdftotext "$TMP/tfm-reading.pdf" - | sed 's/\xc2\xa0/ /g' | tr '\n' ' ' | tr -s ' ' > "$TMP/tfm.line"
grep -q 'On several days 7am: Daily Reflections Breakfast .*Every day\..*12.30pm: Lunchtime Run .*Mon to Fri\..*7pm: Gap Group .*Mon, Wed, Fri\..*8pm: Twice Online .*Tue, Thu\.' "$TMP/tfm.line"
ok $? "'On several days' first: every day, a run, a gap, two days"
is "$(grep -o 'Lunchtime Run' "$TMP/tfm.line" | wc -l)" 1 "a merged row is listed once on a tri-fold"

# a town of 25 meetings on generated data: 25 in-person and hybrid meetings of one town
if [ -x "$BUILD/bench/gen_directory" ]; then
    "$BUILD/bench/gen_directory" --meetings 2000 --seed 1 --format mg-json > "$TMP/g2000.json"
    jq '[.[] | select(.region == "Cardiff" and ((.types // []) | index("TC") | not)
                      and .attendance_option != "online")] | .[0:25]' "$TMP/g2000.json" > "$TMP/town.json"
    is "$(jq length "$TMP/town.json")" 25 "generated: 25 in-person and hybrid meetings of Cardiff"
    run_sp render --layout trifold-dl $S -o "$TMP/town.pdf" "$TMP/town.json"
    is "$status" 0 "they fit one DL tri-fold at 16 pt"
    "$SIGNPOST" render --layout trifold-dl $S --dump-plan "$TMP/town.json" 2>/dev/null > "$TMP/town.plan"
    is "$(awk '/^imposed/ { exit } /^  begin LI/' "$TMP/town.plan" | wc -l)" 25 "25 list items, one per meeting"
    geometry "$TMP/town.pdf" 16; ok $? "town tri-fold stext: nothing under 16 pt, 5 mm clear"
    is "$(plan_checks "$TMP/town.plan" 25)" "" "town tri-fold plan: no overlaps, tagged lists, QR >= 25 mm"
    is "$(qr_urls "$TMP/town.pdf" 75 | wc -l)" "$(jq -r '.[] | .conference_url // empty' "$TMP/town.json" | sort -u | wc -l | awk '{ print $1 + 1 }')" \
       "town tri-fold: every code decodes at 75 dpi"
else
    skip "gen_directory not built (make bench builds it)"
fi
run_sp render --layout trifold-dl $S -o "$TMP/tf2.pdf" $EX
is "$status" 1 "the whole directory does not fit a tri-fold"
grep -q '^signpost: 43 meetings do not fit a tri-fold at 16 pt (the tuck-in, inside and back panels); use --layout booklet-a5, or choose fewer meetings (--region, --day)$' "$err"
ok $? "the message says so and suggests the A5 booklet"; diag "$(cat "$err")"

# ---- a generated 500-meeting directory, A4 leaflet ----
if [ -x "$BUILD/bench/gen_directory" ]; then
    "$BUILD/bench/gen_directory" --meetings 500 --seed 1 --format mg-json > "$TMP/g500.json"
    run_sp render --layout leaflet-a4 $S -o "$TMP/g.pdf" "$TMP/g500.json"
    is "$status" 0 "500 meetings: A4 leaflet renders"
    expected_names "$TMP/g500.json" day > "$TMP/want-g"
    in_order "$TMP/g.pdf" "$TMP/want-g"; ok $? "500 meetings: every occurrence once, in order"
    geometry "$TMP/g.pdf" 18; ok $? "500 meetings: nothing under 18 pt, 5 mm clear"
    "$SIGNPOST" render --layout leaflet-a4 $S --dump-plan "$TMP/g500.json" > "$TMP/g.plan"
    is "$(plan_checks "$TMP/g.plan" 25)" "" "500 meetings plan: no overlaps, tagged lists, QR >= 25 mm"
    qr_urls "$TMP/g.pdf" 75 > "$TMP/g-got"
    want_urls "$TMP/g500.json" > "$TMP/g-want"
    cmp -s "$TMP/g-got" "$TMP/g-want"; ok $? "500 meetings: every QR decodes to its URL at 75 dpi"
    run_sp render --layout booklet-a5 $S --group-by region -o "$TMP/gb.pdf" "$TMP/g500.json"
    is "$status" 0 "500 meetings: A5 booklet by region"
    expected_names "$TMP/g500.json" region > "$TMP/want-gr"
    in_order "$TMP/gb-reading.pdf" "$TMP/want-gr"; ok $? "500 meetings by region: once, in order"
else
    skip "gen_directory not built (make bench builds it)"
fi

done_testing
