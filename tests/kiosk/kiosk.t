#!/bin/sh
# Kiosk slides as a departure board (issues 6 and 10): rows of time, meeting, where and
# status for fixed moments, read back from slides.json (the same text as the slide) and
# checked against the plan; slide counts and rows per slide for generated days of 5, 12,
# 40 and 450 meetings; the four-slide cap and its "N more" line; both clock-change nights;
# a New York feed on a UK screen; every QR code decoding at full size and at 50 %; the
# 48 px floor and symbols of at least 300 px with whole-pixel modules; the folder's files;
# the 4K, portrait and dark layouts; SVG; errors.
set -u
. tests/lib.sh
DATA=tests/kiosk/data/week.json
SET="--settings examples/settings.ini"
KPNG=$BUILD/tests/tools/kiosk_png

# rows DIR [SLIDE]: "time|name|where|status" for the meeting rows (of one slide, 1-based)
rows() {
    jq -r --argjson s "${2:-0}" '.slides | to_entries[]
        | select($s == 0 or .key + 1 == $s) | .value.lines[] | select(.kind == "meeting")
        | "\(.time)|\(.name)|\(.where)|\(.status)"' "$1/slides.json" | sed 's/\xc2\xa0/ /g'
}
# lines DIR SLIDE: every line of a slide, "kind: text" (meetings as their rows)
lines() {
    jq -r --argjson s "$2" '.slides[$s - 1].lines[] | if .kind == "meeting"
        then "meeting: \(.time)|\(.name)|\(.where)|\(.status)|\(.note // "")"
        else "\(.kind): \(.text)" end' "$1/slides.json" | sed 's/\xc2\xa0/ /g'
}
slides_json() { jq -r "$2" "$1/slides.json"; }
has_line() {  # has_line DIR SLIDE LINE NAME
    if lines "$1" "$2" | grep -qxF -- "$3"; then ok 0 "$4"; else ok 1 "$4"
        diag "slide $2 has:" "$(lines "$1" "$2")"; fi
}
kiosk() {  # kiosk DIR ARGS...: write slides (PNG) into DIR
    d=$1; shift
    rm -rf "$d"
    run_sp kiosk $SET -o "$d" "$@"
    [ "$status" = 0 ] || diag "kiosk $*: exit $status" "$(cat "$err")"
}
# gen_day N FILE: N in-person meetings on Thursdays from 2.30pm, one line each on the board
gen_day() {
    i=1
    {
        echo "["
        while [ "$i" -le "$1" ]; do
            m=$((870 + (i - 1) * 560 / $1))
            [ "$i" -gt 1 ] && echo ","
            printf '{ "name": "Group %d", "slug": "g%d", "day": 4, "time": "%02d:%02d", ' "$i" "$i" $((m / 60)) $((m % 60))
            printf '"end_time": "23:59", "types": ["O"], "location": "Hall %d", ' "$i"
            printf '"formatted_address": "%d Test Street, Cardiff CF10 1ZZ, UK", "region": "Cardiff" }\n' "$i"
            i=$((i + 1))
        done
        echo "]"
    } > "$2"
}

# ---- Thursday 26 November 2026, 2pm (GMT) ----
kiosk "$TMP/thu" --at 2026-11-26T14:00 "$DATA"
is "$(slides_json "$TMP/thu" '.slides | length')" 1 "three meetings: one slide"
is "$(rows "$TMP/thu")" "2pm|Thursday Two|Online at zoom.us, code A|On now
7pm|Thursday Evening|Example Chapel, Cardiff|Next
noon|Friday Noon|Online (Google Meet)|" \
    "rows: time, meeting, where (the soonest online one points to its code), status"
has_line "$TMP/thu" 1 "day: Tomorrow, Friday 27 November" "tomorrow has its heading row"
is "$(slides_json "$TMP/thu" '.slides[0].heading')" "Today, Thursday 26 November" \
    "the slide's title line is the day"
run_sp kiosk $SET --dump-plan --at 2026-11-26T14:00 "$DATA"
cp "$out" "$TMP/thu.plan"
grep -q '"Thursday Lunch"' "$TMP/thu.plan"; ok $((! $?)) "the meeting that finished at 1.45pm has dropped off"
grep -q 'Monday Morning' "$TMP/thu.plan"; ok $((! $?)) "Monday is not today or tomorrow"
grep -q '^page 1 label "1 of 1" name "slide-01"$' "$TMP/thu.plan"; ok $? "slides are named slide-NN"
grep -q '^  begin Table$' "$TMP/thu.plan" && grep -q '^  begin TH$' "$TMP/thu.plan"
ok $? "the rows are tagged as a table with header cells"
sizes=$(sed -n 's/^  text [0-9. ]* \(bold \)\{0,1\}\([0-9.]*\)pt .*/\2/p' "$TMP/thu.plan" | sort -n -u)
is "$(echo "$sizes" | head -1)" "48.0" "smallest text is 48px at 1080px"
grep -q 'artifact=header "Updated 2pm"' "$TMP/thu.plan"; ok $? "'Updated 2pm' is marked as page furniture"

# ---- generated days: slide counts and rows per slide ----
for n in 5 12 40 450; do
    gen_day "$n" "$TMP/day$n.json"
    kiosk "$TMP/d$n" --at 2026-11-26T14:00 "$TMP/day$n.json"
    per=$(slides_json "$TMP/d$n" '[.slides[] | [.lines[] | select(.kind == "meeting")] | length] | join(",")')
    case $n in
        5)  want=5 ;;
        12) want=12 ;;
        40) want=13,13,13,1 ;;
        450) want=13,13,13,11 ;;
    esac
    is "$per" "$want" "a day of $n meetings: rows per slide $want"
    is "$(slides_json "$TMP/d$n" '.rows_shown + .rows_not_shown')" "$n" \
        "a day of $n: rows shown and not shown add up to $n"
done
is "$(slides_json "$TMP/d450" '.slides[3].lines[-1].text')" \
    "400 more at example.org/meetings" \
    "450: the fourth slide ends with 'N more at' the directory link"
run_sp kiosk $SET --dump-plan --at 2026-11-26T14:00 "$TMP/day450.json"
head -1 "$out" | grep -q ' pages 4$'; ok $? "450: four slides, not 35"
over=$(awk '/^  text /{ if ($3 + $5 > 1040.01) print }' "$out")
is "$over" "" "450: no text below the bottom margin on any slide"
is "$(rows "$TMP/d450" 1 | head -1)" "2.30pm|Group 1|Hall 1, Cardiff|Next" \
    "450: the soonest meetings come first"

# ---- merged repeats: two records that print the same are one row ----
jq '. + [.[1] | .slug = "k-2-copy"]' "$DATA" > "$TMP/dup.json"
kiosk "$TMP/dup" --at 2026-11-26T14:00 "$TMP/dup.json"
is "$(rows "$TMP/dup" | grep -c 'Thursday Two')" 1 "a record repeated in the feed is one row"

# ---- the week from Thursday: a meeting on several days is one row naming them ----
jq '. + [{ "name": "Daily Reflections", "slug": "dr", "day": [0,1,2,3,4,5,6], "time": "21:00",
    "end_time": "22:00", "types": ["O"], "location": "Example Hall",
    "formatted_address": "1 Test Street, Cardiff CF10 1ZZ, UK", "region": "Cardiff" }]' \
    "$DATA" > "$TMP/daily.json"
kiosk "$TMP/week" --view week --at 2026-11-26T14:00 "$TMP/daily.json"
is "$(lines "$TMP/week" 1 | grep -c 'Daily Reflections')" 1 "week: the daily meeting is one row"
lines "$TMP/week" 1 | grep -qxF "meeting: 9pm|Daily Reflections|Example Hall, Cardiff||Every day"
ok $? "week: it says 'Every day'"
jq -r '.slides[].lines[] | select(.kind == "message") | .text' "$TMP/week/slides.json" | \
    grep -qxF "No meetings here on Tuesday."
ok $((! $?)) "week: Tuesday has the daily meeting, so it is not called empty"

# ---- spring: Sunday 29 March 2026, 00:45 GMT; clocks go 1am GMT -> 2am BST ----
kiosk "$TMP/spring" --at 2026-03-29T00:45 "$DATA"
has_line "$TMP/spring" 1 "message: The clocks go forward one hour at 1am." "spring: the change is announced"
has_line "$TMP/spring" 1 "meeting: 11pm|Saturday Late|Night Cafe, Swansea|On now|From last night, until 2am" \
    "spring: Saturday's late meeting is on now and ends at 2am by the new clock"
has_line "$TMP/spring" 1 "meeting: 2.30am|Sunday Half One|Night Cafe, Swansea|Next|Listed as 1.30am: the clocks go forward at 1am." \
    "spring: 1.30am does not exist; shown at 2.30am BST (01:30 GMT), and says why"

# ---- autumn: Sunday 25 October 2026, 00:45 BST; clocks go 2am BST -> 1am GMT ----
kiosk "$TMP/autumn" --at 2026-10-25T00:45 "$DATA"
has_line "$TMP/autumn" 1 "message: The clocks go back one hour at 2am." "autumn: the change is announced"
has_line "$TMP/autumn" 1 "meeting: 11pm|Saturday Late|Night Cafe, Swansea|On now|From last night, until 1am" "autumn: on now"
has_line "$TMP/autumn" 1 "meeting: 1.30am|Sunday Half One|Night Cafe, Swansea|Next|" "autumn: the first 1.30am (BST)"
kiosk "$TMP/autumn2" --at 2026-10-25T01:15+00:00 "$DATA"
rows "$TMP/autumn2" | grep -q "Saturday Late"; ok $((! $?)) "autumn, second 1.15am: Saturday's meeting is over"
is "$(rows "$TMP/autumn2" 1 | head -1)" "1.30am|Sunday Half One|Night Cafe, Swansea|On now" \
    "autumn, second 1.15am: the 1.30am meeting is on now"

# ---- a New York feed on a UK screen (US clocks changed on 8 March, the UK's on 29th) ----
kiosk "$TMP/ny" --at 2026-03-16T12:30 tests/kiosk/data/new-york.json
is "$(lines "$TMP/ny" 1 | grep '^meeting')" "meeting: 1pm|Cardiff Lunchtime|Example Hall, Cardiff|Next|
meeting: 4pm|Manhattan Noon|Online at google.com, code A||Listed as noon New York time
meeting: 11pm|Brooklyn Evening|Online (Google Meet)||Listed as 7pm New York time" \
    "16 March: New York noon (EDT) is 4pm GMT, not on now at 12.30pm; 7pm is 11pm"
kiosk "$TMP/ny2" --at 2026-03-30T12:30 tests/kiosk/data/new-york.json
is "$(rows "$TMP/ny2" | cut -d'|' -f1,2 | tr '\n' ' ')" \
    "1pm|Cardiff Lunchtime 5pm|Manhattan Noon midnight|Brooklyn Evening " \
    "30 March (both on summer time): noon is 5pm, and 7pm is midnight, listed tomorrow"
has_line "$TMP/ny2" 1 "day: Tomorrow, Tuesday 31 March" "under Tuesday"

# ---- days with no meetings: Tuesday 24 November, and Thursday after the last one ----
kiosk "$TMP/empty" --at 2026-11-24T10:00 "$DATA"
has_line "$TMP/empty" 1 "message: No meetings here today." "an empty day says so"
has_line "$TMP/empty" 1 "message: You are not alone. Online meetings run every day: find one at example.org/meetings" \
    "and points to the online meetings"
has_line "$TMP/empty" 1 "message: Example Alcohol Helpline: 01632 960000 (24 hours)" \
    "and to the helplines"
has_line "$TMP/empty" 1 "message: No meetings here on Wednesday." "tomorrow empty too"
kiosk "$TMP/late" --at 2026-11-26T21:00 "$DATA"
has_line "$TMP/late" 1 "message: No more meetings here today." "after the last meeting: 'no more'"

# ---- QR codes: >= 300 px symbols, whole pixels; they decode at full size and at 50 % ----
bad=$(awk '/^  qr /{ split($7, m, "+"); n = m[1] + 2 * m[2]; mod = $4 / n;
       if ($2 != int($2) || $3 != int($3) || mod != int(mod) || mod * m[1] < 300) print }' \
       "$TMP/thu.plan")
is "$bad" "" "every QR symbol is >= 300px (without its quiet zone), whole-pixel modules and positions"
if have zbarimg; then
    for d in thu ny; do
        want=$( (slides_json "$TMP/$d" '.slides[].lines[] | select(.code != null) | .url';
                 echo https://example.org/meetings) | sort -u)
        got=$(for f in "$TMP/$d"/slide-*.png; do zbarimg -q --raw "$f" 2>/dev/null || true; done | sort -u)
        is "$got" "$want" "$d: every code decodes to its row's link (and the full list's)"
        for f in "$TMP/$d"/slide-*.png; do "$KPNG" scale "$f" "$TMP/half.png" 50 &&
            zbarimg -q --raw "$TMP/half.png" 2>/dev/null; done | sort -u > "$TMP/half.txt"
        is "$(cat "$TMP/half.txt")" "$want" "$d: and again with the slides scaled to 50 %"
    done
else
    skip "zbarimg not installed"; skip "zbarimg not installed"; skip "zbarimg"; skip "zbarimg"
fi

# ---- files ----
is "$(cd "$TMP/thu" && ls | tr '\n' ' ')" "slide-01.png slides.html slides.json " \
    "one slide, the manifest and the player, nothing else"
is "$("$KPNG" size "$TMP/thu/slide-01.png")" "1920x1080" "slides are 1920x1080"
is "$(slides_json "$TMP/thu" '.slides[0].file + " " + (.slides[0].seconds | tostring) + " " + .moment')" \
    "slide-01.png 20 2026-11-26T14:00:00+00:00" "manifest: file, 20 s each, the moment"
grep -q '<button id="pause" type="button">Pause</button>' "$TMP/thu/slides.html"
ok $? "the player page has a visible Pause button"
kiosk "$TMP/d40" --at 2026-11-27T10:00 "$TMP/day40.json"
is "$(cd "$TMP/d40" && ls slide-* | tr '\n' ' ')" "slide-01.png " \
    "a shorter set removes the slides left over"

# ---- 4K: the same plan at double scale ----
kiosk "$TMP/k4" --layout kiosk-4k --at 2026-11-26T14:00 "$DATA"
is "$("$KPNG" size "$TMP/k4/slide-01.png")" "3840x2160" "kiosk-4k slides are 3840x2160 (96 px text)"
run_sp kiosk $SET --layout kiosk-4k --at 2026-11-26T14:00 --dump-plan "$DATA"
is "$(tail -n +2 "$out" | md5sum)" "$(tail -n +2 "$TMP/thu.plan" | md5sum)" \
    "kiosk-4k composes exactly the kiosk-landscape plan"
if have zbarimg; then
    is "$(zbarimg -q --raw "$TMP/k4/slide-01.png" 2>/dev/null | sort | tr '\n' ' ')" \
        "https://example.org/meetings https://us02web.zoom.us/j/81234567890?pwd=RmljdGlvbmFsS2lvc2tUZXN0.1 " \
        "4K: every code decodes"
else skip "zbarimg not installed"; fi

# ---- portrait and dark ----
kiosk "$TMP/p" --layout kiosk-portrait --at 2026-11-26T14:00 examples/aa-south-wales.json
is "$("$KPNG" size "$TMP/p/slide-01.png")" "1080x1920" "portrait slides are 1080x1920"
ok "$([ "$(slides_json "$TMP/p" '.slides | length')" -le 4 ] && echo 0 || echo 1)" "portrait: at most four slides"
run_sp kiosk $SET --layout kiosk-landscape-dark --at 2026-11-26T14:00 --dump-plan "$DATA"
grep -q '^  qr .*' "$out" && grep -q '^  rect 0.00 0.00 1920.00 1080.00 #1A1A1A' "$out"
ok $? "dark theme: dark background"
if have zbarimg; then
    kiosk "$TMP/d" --layout kiosk-landscape-dark --at 2026-11-26T14:00 "$DATA"
    zbarimg -q --raw "$TMP/d/slide-01.png" 2>/dev/null | grep -q 'zoom.us'
    ok $? "dark theme: the QR code (dark on a light panel) decodes"
    kiosk "$TMP/pq" --layout kiosk-portrait --at 2026-11-26T14:00 "$DATA"
    is "$(zbarimg -q --raw "$TMP/pq/slide-01.png" 2>/dev/null | sort | tr '\n' ' ')" \
        "https://example.org/meetings https://us02web.zoom.us/j/81234567890?pwd=RmljdGlvbmFsS2lvc2tUZXN0.1 " \
        "portrait: the codes along the bottom decode"
else skip "zbarimg not installed"; skip "zbarimg not installed"; fi

# ---- SVG ----
rm -rf "$TMP/svg"
run_sp kiosk $SET --at 2026-11-26T14:00 -o "$TMP/svg/slides.svg" "$DATA"
is "$(cd "$TMP/svg" && ls | tr '\n' ' ')" "slide-01.svg slides.html slides.json " \
    "-o DIR/slides.svg writes SVG slides"

# ---- errors ----
run_sp kiosk $SET --at 26/11/2026 -o "$TMP/x" "$DATA"
is "$status" 2 "bad --at: exit 2"
is "$(head -1 "$err")" "signpost: --at: expected a moment such as 2026-11-26T14:00 (UK time), got '26/11/2026'" \
    "bad --at: message"
run_sp kiosk $SET --layout poster-a4 -o "$TMP/x" "$DATA"
is "$(head -1 "$err")" "signpost: layout 'poster-a4' is not a screen layout (kind = kiosk); see 'signpost layouts'" \
    "a print layout is refused"

done_testing
