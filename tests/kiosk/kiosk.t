#!/bin/sh
# Kiosk slides (issue 6): the right meetings on the right slides for fixed moments
# (including both clock-change nights and days with no meetings), files in the folder
# (slides, manifest, player page, stale slides removed), every QR decoding at full size
# and at 50 %, whole-pixel modules, the 4K and portrait sizes, SVG output.
set -u
. tests/lib.sh
DATA=tests/kiosk/data/week.json
SET="--settings examples/settings.ini"
KPNG=$BUILD/tests/tools/kiosk_png

# slides PLANFILE: "page<TAB>text" for every text item (the plan dump, simplified)
slides() {
    awk '/^page /{ p = $2 } /^  text /{ s = $0; sub(/^[^"]*"/, "", s); sub(/"$/, "", s);
         print p "\t" s }' "$1" | sed 's/\xc2\xa0/ /g'
}
# on_slide PLANFILE PAGE TEXT NAME: TEXT is a line of slide PAGE
on_slide() {
    if slides "$1" | grep -qxF "$2	$3"; then ok 0 "$4"; else ok 1 "$4"
        diag "slide $2 has:" "$(slides "$1" | awk -F'\t' -v p="$2" '$1 == p { print $2 }')"; fi
}
absent() {
    if slides "$1" | grep -qF "$2"; then ok 1 "$3"; else ok 0 "$3"; fi
}
dump() {  # dump FILE ARGS...
    f=$1; shift
    run_sp kiosk $SET --dump-plan "$@"
    is "$status" 0 "dump-plan $*"
    cp "$out" "$f"
}

# ---- Thursday 26 November 2026, 2pm (GMT) ----
dump "$TMP/thu.plan" --at 2026-11-26T14:00 "$DATA"
head -1 "$TMP/thu.plan" | grep -q '^plan 1920.00 x 1080.00 pages 3$'; ok $? "three 1920x1080 slides"
on_slide "$TMP/thu.plan" 1 "Today: Thursday 26 November" "slide 1: today's heading"
on_slide "$TMP/thu.plan" 1 "On now" "slide 1: 'On now'"
on_slide "$TMP/thu.plan" 1 "2pm to 3pm: Thursday Two" "slide 1: the meeting on now"
on_slide "$TMP/thu.plan" 1 "1 of 3" "slide 1 says '1 of 3'"
on_slide "$TMP/thu.plan" 2 "Next" "slide 2: 'Next'"
on_slide "$TMP/thu.plan" 2 "7pm to 8pm: Thursday Evening" "slide 2: the next meeting"
on_slide "$TMP/thu.plan" 3 "Tomorrow: Friday 27 November" "slide 3: tomorrow's heading"
on_slide "$TMP/thu.plan" 3 "noon to 1pm: Friday Noon" "slide 3: Friday's meeting"
on_slide "$TMP/thu.plan" 3 "3 of 3" "slide 3 says '3 of 3'"
absent "$TMP/thu.plan" "Thursday Lunch" "the meeting that finished at 1.45pm has dropped off"
absent "$TMP/thu.plan" "Monday Morning" "Monday is not today or tomorrow"
grep -q '^page 2 label "2 of 3" name "slide-02"$' "$TMP/thu.plan"; ok $? "slides are named slide-NN"
# text sizes: nothing under 48px; headline far larger
sizes=$(sed -n 's/^  text [0-9. ]* \(bold \)\{0,1\}\([0-9.]*\)pt .*/\2/p' "$TMP/thu.plan" | sort -n -u)
is "$(echo "$sizes" | head -1)" "48.0" "smallest text is 48px at 1080px"
is "$(echo "$sizes" | tail -1)" "80.0" "headline 80px"

# ---- the week from Thursday ----
dump "$TMP/week.plan" --view week --at 2026-11-26T14:00 "$DATA"
on_slide "$TMP/week.plan" 1 "Meetings this week" "week view title"
for m in "Saturday Late" "Sunday Half One" "Monday Morning"; do
    slides "$TMP/week.plan" | grep -qF ": $m"; ok $? "week view lists '$m'"
done
on_slide "$TMP/week.plan" 6 "No meetings here on Tuesday." "an empty Tuesday says so"

# ---- spring: Sunday 29 March 2026, 00:45 GMT; clocks go 1am GMT -> 2am BST ----
dump "$TMP/spring.plan" --at 2026-03-29T00:45 "$DATA"
on_slide "$TMP/spring.plan" 1 "Today: Sunday 29 March" "spring: Sunday is today at 00:45"
on_slide "$TMP/spring.plan" 1 "The clocks go forward one hour at 1am." "spring: the change is announced"
on_slide "$TMP/spring.plan" 1 "11pm to 2am (from last night): Saturday Late" \
    "spring: Saturday's late meeting is on now and ends at 2am by the new clock"
on_slide "$TMP/spring.plan" 2 "2.30am to 3.30am: Sunday Half One" \
    "spring: 1.30am does not exist; shown at 2.30am BST (01:30 GMT)"
on_slide "$TMP/spring.plan" 2 "Listed as 1.30am: the clocks go forward at 1am." "and says why"
on_slide "$TMP/spring.plan" 2 "Next" "spring: it is next"

# ---- autumn: Sunday 25 October 2026, 00:45 BST; clocks go 2am BST -> 1am GMT ----
dump "$TMP/autumn.plan" --at 2026-10-25T00:45 "$DATA"
on_slide "$TMP/autumn.plan" 1 "The clocks go back one hour at 2am." "autumn: the change is announced"
on_slide "$TMP/autumn.plan" 1 "11pm to 1am (from last night): Saturday Late" "autumn: on now"
on_slide "$TMP/autumn.plan" 2 "1.30am to 2.30am: Sunday Half One" "autumn: the first 1.30am (BST)"
dump "$TMP/autumn2.plan" --at 2026-10-25T01:15+00:00 "$DATA"
absent "$TMP/autumn2.plan" "Saturday Late" "autumn, second 1.15am: Saturday's meeting is over"
on_slide "$TMP/autumn2.plan" 1 "On now" "autumn, second 1.15am: the 1.30am meeting is on now"

# ---- days with no meetings: Tuesday 24 November, and Thursday after the last one ----
dump "$TMP/empty.plan" --at 2026-11-24T10:00 "$DATA"
on_slide "$TMP/empty.plan" 1 "No meetings here today." "an empty day says so"
on_slide "$TMP/empty.plan" 1 "Find one at example.org/meetings" "and points to the online meetings"
on_slide "$TMP/empty.plan" 1 "01632 960000 (24 hours)" "and to the helplines"
grep -q '^  qr ' "$TMP/empty.plan"; ok $? "with a QR code to the directory"
on_slide "$TMP/empty.plan" 2 "No meetings here on Wednesday." "tomorrow empty too"
dump "$TMP/late.plan" --at 2026-11-26T21:00 "$DATA"
on_slide "$TMP/late.plan" 1 "No more meetings here today." "after the last meeting: 'no more'"

# ---- whole-pixel QR modules, >= 300px ----
bad=$(awk '/^  qr /{ split($7, m, "+"); n = m[1] + 2 * m[2]; mod = $4 / n;
       if ($2 != int($2) || $3 != int($3) || mod != int(mod) || $4 < 300) print }' \
       "$TMP/thu.plan" "$TMP/empty.plan" "$TMP/week.plan")
is "$bad" "" "every QR code is >= 300px with whole-pixel modules at whole-pixel positions"

# ---- files: PNG slides, manifest, player page ----
run_sp kiosk $SET --at 2026-11-26T14:00 -o "$TMP/out" "$DATA"
is "$status" 0 "kiosk writes a folder"
is "$(cd "$TMP/out" && ls | tr '\n' ' ')" "slide-01.png slide-02.png slide-03.png slides.html slides.json " \
    "three slides, the manifest and the player, nothing else"
is "$("$KPNG" size "$TMP/out/slide-01.png")" "1920x1080" "slides are 1920x1080"
grep -q '"file": "slide-03.png"' "$TMP/out/slides.json"; ok $? "manifest lists the slides"
grep -q '"seconds": 20' "$TMP/out/slides.json"; ok $? "manifest gives each slide 20 s"
grep -q '"moment": "2026-11-26T14:00:00+00:00"' "$TMP/out/slides.json"; ok $? "manifest: moment"
grep -q '"generated_at": "' "$TMP/out/slides.json"; ok $? "manifest: generated_at"
grep -q '<button id="pause" type="button">Pause</button>' "$TMP/out/slides.html"
ok $? "the player page has a visible Pause button"
grep -q "btn.textContent = playing ? 'Pause' : 'Play'" "$TMP/out/slides.html"; ok $? "which toggles to Play"

# ---- QR codes decode, also at 50 % ----
if have zbarimg; then
    want="https://meet.google.com/abc-defg-hij
https://us02web.zoom.us/j/81234567890?pwd=RmljdGlvbmFsS2lvc2tUZXN0.1"
    got=$(for f in "$TMP"/out/slide-*.png; do zbarimg -q --raw "$f" 2>/dev/null || true; done | sort)
    is "$got" "$want" "every QR code on every slide decodes to its meeting's URL"
    for f in "$TMP"/out/slide-*.png; do "$KPNG" scale "$f" "$f.half.png" 50; done
    got=$(for f in "$TMP"/out/slide-*.half.png; do zbarimg -q --raw "$f" 2>/dev/null || true; done | sort)
    is "$got" "$want" "and again with the slides scaled to 50 %"
    rm -f "$TMP"/out/*.half.png
else
    skip "zbarimg not installed"; skip "zbarimg not installed"
fi

# ---- stale slides go when the set shrinks ----
run_sp kiosk $SET --at 2026-11-26T21:00 -o "$TMP/out" "$DATA"
is "$(cd "$TMP/out" && ls slide-* | tr '\n' ' ')" "slide-01.png slide-02.png " \
    "a shorter set removes the slides left over"

# ---- 4K: the same plan at double scale ----
run_sp kiosk $SET --layout kiosk-4k --at 2026-11-26T14:00 -o "$TMP/k4" "$DATA"
is "$("$KPNG" size "$TMP/k4/slide-01.png")" "3840x2160" "kiosk-4k slides are 3840x2160"
run_sp kiosk $SET --layout kiosk-4k --at 2026-11-26T14:00 --dump-plan "$DATA"
is "$(tail -n +2 "$out" | md5sum)" "$(tail -n +2 "$TMP/thu.plan" | md5sum)" \
    "kiosk-4k composes exactly the kiosk-landscape plan"
if have zbarimg; then
    zbarimg -q --raw "$TMP/k4/slide-01.png" 2>/dev/null | grep -q 'zoom.us'; ok $? "4K QR decodes"
else skip "zbarimg not installed"; fi

# ---- portrait and dark ----
run_sp kiosk $SET --layout kiosk-portrait --at 2026-11-26T14:00 -o "$TMP/p" "$DATA"
is "$("$KPNG" size "$TMP/p/slide-01.png")" "1080x1920" "portrait slides are 1080x1920"
run_sp kiosk $SET --layout kiosk-landscape-dark --at 2026-11-26T14:00 --dump-plan "$DATA"
grep -q '^  qr .*' "$out" && grep -q '^  rect 0.00 0.00 1920.00 1080.00 #1A1A1A' "$out"
ok $? "dark theme: dark background"
if have zbarimg; then
    run_sp kiosk $SET --layout kiosk-landscape-dark --at 2026-11-26T14:00 -o "$TMP/d" "$DATA"
    zbarimg -q --raw "$TMP/d/slide-01.png" 2>/dev/null | grep -q 'zoom.us'
    ok $? "dark theme: the QR code (dark on a light panel) decodes"
else skip "zbarimg not installed"; fi

# ---- SVG ----
run_sp kiosk $SET --at 2026-11-26T14:00 -o "$TMP/svg/slides.svg" "$DATA"
is "$(cd "$TMP/svg" && ls | tr '\n' ' ')" "slide-01.svg slide-02.svg slide-03.svg slides.html slides.json " \
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
