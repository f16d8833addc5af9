#!/bin/sh
# Fit (issue 9): a poster is as few sheets as its floors allow, and says so when a
# selection does not fit.
#   - --sheets N: a poster that needs more exits 1 before writing anything, with the
#     numbers and the choices that fit; every number in the message is checked against
#     what those choices really make;
#   - the capacity of one sheet, on generated towns (gen.pl): how many in-person meetings
#     one A4 and one A3 sheet hold at the floors, with and without online meetings;
#   - the page furniture of a one-sheet A4 poster (header and band, as a share of the
#     sheet's height);
#   - the examples per region on A4 and A3 (figures for the record; Cardiff on one A3).
set -u
. tests/lib.sh

EX=examples/aa-south-wales.json
SET="--settings examples/settings.ini"
DATE="--date 2026-11-26"
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
sheets_of() {  # sheets_of ARGS... : how many sheets a render makes (via the plan)
    "$SIGNPOST" render -q "$@" --dump-plan 2>/dev/null | awk '/^plan / { print $6; exit }'
}

# --sheets: a hard limit, with the numbers and the choices that would fit
a4=$(sheets_of $SET $DATE --layout poster-a4 $EX)
a3=$(sheets_of $SET $DATE --layout poster-a3 $EX)
wd=$(sheets_of $SET $DATE --layout poster-a4 --day weekdays $EX)
we=$(sheets_of $SET $DATE --layout poster-a4 --day weekend $EX)
mkdir -p "$TMP/towns"
"$SIGNPOST" render -q $SET $DATE --layout poster-a4 --split-by town -o "$TMP/towns/t.pdf" $EX 2>/dev/null
ntown=$(ls "$TMP/towns" | wc -l | tr -d ' ')
most=$(for f in "$TMP"/towns/*.pdf; do pages "$f"; done | sort -n | tail -n 1)
sheetw() { [ "$1" = 1 ] && echo "1 sheet" || echo "$1 sheets"; }
diag "examples: A4 $a4 sheets, A3 $a3; weekdays $wd + weekend $we; $ntown towns, at most $most each"
run_sp render $SET $DATE --layout poster-a4 --sheets 1 -o "$TMP/limit.pdf" $EX
is "$status" 1 "--sheets 1 when more are needed: exit 1"
is "$(head -n 1 "$err")" \
   "signpost: 43 meetings need $a4 A4 sheets at 18 pt, more than --sheets 1; poster-a3 needs $a3; or use --split-by town ($ntown towns, at most $(sheetw $most) each) or --day weekdays ($(sheetw $wd)) and --day weekend ($(sheetw $we))" \
   "the message gives the numbers and the choices, each as they render"
[ ! -e "$TMP/limit.pdf" ]; ok $? "nothing written"
run_sp render $SET $DATE --layout poster-a4 --sheets $a4 -o "$TMP/limit.pdf" $EX
is "$status" 0 "--sheets $a4 (what it needs): exit 0"
is "$(pages "$TMP/limit.pdf")" "$a4" "--sheets is a limit, not a target: $a4 sheets"
run_sp render $SET $DATE --layout poster-a3 --region Cardiff --sheets 1 -o "$TMP/c3.pdf" $EX
is "$status" 0 "Cardiff fits one A3 sheet (--sheets 1)"
run_sp render $SET $DATE --layout poster-a4 --region Cardiff --sheets 1 -o "$TMP/c4.pdf" $EX
is "$status" 1 "Cardiff does not fit one A4 sheet at 18/16 pt"
c4=$(sheets_of $SET $DATE --layout poster-a4 --region Cardiff $EX)
# (a town or the weekdays alone would need as many sheets: only the bigger sheet is offered)
is "$(head -n 1 "$err")" "signpost: 'Cardiff': 12 meetings need $c4 A4 sheets at 18 pt, more than --sheets 1; poster-a3 holds them on 1" \
   "Cardiff: A4 needs $c4; the A3 layout holds them on one"
run_sp render --sheets 0 -o x.pdf $EX
is "$(head -n 1 "$err")" "signpost: --sheets: expected an integer 1..1000, got '0'" "--sheets 0 is a usage error"
is "$status" 2 "--sheets 0: exit 2"

# the capacity of one sheet, on generated towns: the most in-person meetings that still fit
# one sheet with M online meetings (their codes in the panel when they fit)
capacity() {  # capacity LAYOUT M -> "N C": N in-person meetings on one sheet, C codes shown
    best="0 0"
    for n in $(seq 1 40); do
        tests/poster/gen.pl $n $2 > "$TMP/gen.json"
        "$SIGNPOST" render -q --layout $1 $SET $DATE --dump-plan "$TMP/gen.json" > "$TMP/gen.plan" 2>/dev/null
        [ "$(head -n 1 "$TMP/gen.plan" | awk '{ print $6 }')" = 1 ] || break
        best="$n $(($(grep -c '^  begin Link' "$TMP/gen.plan") - 1))"
    done
    echo "$best"
}
set -- $(capacity poster-a4 0); a4n=$1
set -- $(capacity poster-a4 4); a4n4=$1 a4c4=$2
set -- $(capacity poster-a3 0); a3n=$1
set -- $(capacity poster-a3 6); a3n6=$1 a3c6=$2
diag "one A4 sheet: $a4n in-person; with 4 online: $a4n4 in-person, $a4c4 codes" \
     "one A3 sheet: $a3n in-person; with 6 online: $a3n6 in-person, $a3c6 codes"
[ "$a4n" -ge 7 ]; ok $? "A4 at 18/16 pt: one sheet holds at least 7 in-person meetings ($a4n)"
[ "$a4n4" -ge 4 ]; ok $? "A4 with 4 online: at least 4 in-person on one sheet ($a4n4)"
[ "$a3n" -ge 16 ]; ok $? "A3 at 20/18 pt: one sheet holds at least 16 in-person meetings ($a3n)"
[ "$a3n6" -ge 10 ]; ok $? "A3 with 6 online: at least 10 in-person on one sheet ($a3n6)"
tests/poster/gen.pl 4 4 > "$TMP/gen.json"
is "$(sheets_of --layout poster-a3 $SET $DATE "$TMP/gen.json")" 1 "A3: 4 in-person and 4 online fit one sheet..."
is "$("$SIGNPOST" render --layout poster-a3 $SET $DATE --dump-plan "$TMP/gen.json" | grep -c '^  begin Link')" 5 \
   "... with all 4 codes in the panel (and the directory's)"

# page furniture on a one-sheet A4 poster: from the top margin to the top of the table's
# first text (headline, subtitle, area line, rule, gaps) and from the band's rule (its top
# edge) to the bottom margin (directory code, contact, date); the code's quiet zone may
# run into the margin, which is white paper either way.  The table's first text is the
# first text item after the first rule.
"$SIGNPOST" render --layout poster-a4 $SET $DATE --region Swansea --dump-plan $EX > "$TMP/sw.plan"
furn=$(awk '/^  rule/ { r[n] = $3; w[n] = $(NF); n++; next }
    /^  text/ && n == 1 && !t { t = $3 }
    END { top = 10 * 72 / 25.4; bot = 841.89 - top
          head = t - top; band = bot - (r[n - 1] - w[n - 1] / 2)
          printf "%.1f", (head + band) / 841.89 * 100 }' "$TMP/sw.plan")
diag "one-sheet A4 poster: page furniture $furn % of the sheet's height (header and band with the directory code)"
awk -v f="$furn" 'BEGIN { exit !(f <= 26.5) }'; ok $? "page furniture on a one-sheet A4 poster <= 26.5 % ($furn %)"

# the examples per region, on A4 and A3
for lay in poster-a4 poster-a3; do
    line=""
    for r in Anglesey Bath Bristol Cardiff Newport Online Powys Swansea "Vale of Glamorgan" Valleys; do
        line="$line $r $(sheets_of --layout $lay $SET $DATE --region "$r" $EX),"
    done
    diag "$lay sheets per region:$line"
done
is "$(sheets_of --layout poster-a4 $SET $DATE --region Swansea $EX)" 1 "Swansea: one A4 sheet"
is "$(sheets_of --layout poster-a3 $SET $DATE --region Cardiff $EX)" 1 "Cardiff: one A3 sheet"

# a code is not left out for want of a full-width strip: eight in-person meetings and one
# online one fill the left column and leave the foot of the right one; the online
# meeting's code goes there (the words under the code: the column is too narrow for both
# side by side), above the band, right of the middle, and decodes
perl -e '
    my @n = qw(Hope Serenity Dawn Harbour Anchor Lantern Willow Beacon);
    my @m;
    for my $i (0 .. $#n) {
        push @m, sprintf(q({"name":"%s Group","day":%d,"time":"%02d:00","location":"Hall",)
            . q("formatted_address":"%d High St, Bath BA1 1AA, UK","region":"Bath","types":["O"]}),
            $n[$i], 1 + $i % 6, 9 + $i, $i + 1);
    }
    push @m, q({"name":"Sunday Online","day":0,"time":"19:00","region":"Bath",)
        . q("conference_url":"https://zoom.us/j/81234567890","types":["O"]});
    print "[", join(",", @m), "]\n";' > "$TMP/narrow.json"
run_sp render $SET $DATE --layout poster-a4 -o "$TMP/narrow.pdf" "$TMP/narrow.json"
is "$status:$(pages "$TMP/narrow.pdf")" "0:1" "eight meetings and one online: one A4 sheet"
pdftoppm -r 100 -png "$TMP/narrow.pdf" "$TMP/narrow"
is "$(zbarimg -q --raw "$TMP"/narrow-1.png 2>/dev/null | sort | tr '\n' ' ')" \
   "https://example.org/meetings https://zoom.us/j/81234567890 " "the meeting's code is there, and decodes"
"$SIGNPOST" render -q $SET $DATE --layout poster-a4 --dump-plan "$TMP/narrow.json" > "$TMP/narrow.plan"
qr=$(awk '/^  qr / { n++; if (n == 1) print $2, $3 }' "$TMP/narrow.plan")
dir=$(awk '/^  qr / { n++; if (n == 2) print $3 }' "$TMP/narrow.plan")
perl -e 'my ($x, $y, $dy) = @ARGV; exit !($x > 595.28 / 2 && $y < $dy)' $qr "$dir"
ok $? "the code sits in the right-hand column, above the band ($qr; the band's code at y $dir)"

# four online meetings on A4: the words under each code make the panel one row of four
# (beside the codes it would be two rows of two, and a code would be left out); every
# code decodes, the four sit side by side, and no text overlaps a code or another text
tests/poster/gen.pl 0 4 > "$TMP/four.json"
run_sp render $SET $DATE --layout poster-a4 -o "$TMP/four.pdf" "$TMP/four.json"
is "$status:$(pages "$TMP/four.pdf")" "0:1" "four online meetings: one A4 sheet"
"$SIGNPOST" render -q $SET $DATE --layout poster-a4 --dump-plan "$TMP/four.json" > "$TMP/four.plan"
want=$(perl -MJSON::PP -e 'local $/; print join(" ", sort map { $_->{conference_url} } @{decode_json(<STDIN>)}), " "' < "$TMP/four.json")
pdftoppm -r 150 -png "$TMP/four.pdf" "$TMP/four"
is "$(zbarimg -q --raw "$TMP"/four-1.png 2>/dev/null | grep -v example.org | sort | tr '\n' ' ')" "$want" \
   "all four codes are on the sheet and decode to their links (150 dpi)"
is "$(awk '/^  qr / { n++; if (n <= 4) print $3 }' "$TMP/four.plan" | sort -u | wc -l | tr -d ' ')" 1 \
   "the four codes side by side, in one row"
tests/tools/plan-geom.pl --margin 5 < "$TMP/four.plan" > "$TMP/four.geom"
ok $? "nothing overlaps a code, all inside the safe area"
tests/tools/pdftext-geom.pl --floor 16 --margin 5 --overlap "$TMP/four.pdf" > "$TMP/four.tgeom"
ok $? "the words under the codes: at least 16 pt, no overlaps"

done_testing
