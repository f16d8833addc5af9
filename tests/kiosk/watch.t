#!/bin/sh
# Watch mode (issues 6 and 16): start `signpost kiosk --watch DIR` in the background,
# change the directory file and see the slides replaced (and stale ones removed), feed it
# a broken file and see the old slides kept and the error logged; make the folder
# unwritable for it (slides.json turned into a folder) and see it try again on its timer,
# with --at and no change to any input, until it works; then stop it with SIGTERM.
# Every wait is bounded (poll every 0.1 s, give up after 10 s).
set -u
. tests/lib.sh
SET="--settings examples/settings.ini"
DIR=$TMP/screen
IN=$TMP/dir.json
LOG=$TMP/watch.log

# wait_for PATTERN COUNT: until LOG has COUNT lines matching PATTERN (10 s at most)
wait_for() {
    i=0
    while c=$(grep -c -- "$1" "$LOG" 2>/dev/null) || true; [ "${c:-0}" -lt "$2" ]; do
        i=$((i + 1))
        [ $i -le 100 ] || return 1
        sleep 0.1
    done
}
slides_now() { (cd "$DIR" && ls slide-* 2>/dev/null | tr '\n' ' '); }

cp examples/aa-south-wales.json "$IN"
SIGNPOST_WATCH_RETRY=1 "$SIGNPOST" kiosk $SET --watch "$DIR" --at 2026-11-26T14:00 "$IN" > "$LOG" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$TMP"' EXIT

wait_for ' refreshed ' 1; ok $? "first refresh logged"
grep -q "refreshed '$DIR' (start): 3 slides, 16 meetings, today and tomorrow at 2026-11-26T14:00:00+00:00" "$LOG"
ok $? "the log line says what was written"
is "$(slides_now)" "slide-01.png slide-02.png slide-03.png " "three slides"
[ -f "$DIR/slides.json" ] && [ -f "$DIR/slides.html" ]; ok $? "manifest and player written"

# a smaller directory (replaced as editors do: written aside, then renamed)
cp tests/kiosk/data/week.json "$IN.new"
mv "$IN.new" "$IN"
wait_for ' refreshed ' 2; ok $? "a changed file is picked up"
grep -q "(file changed): 1 slide, 3 meetings" "$LOG"; ok $? "logged as a file change"
is "$(slides_now)" "slide-01.png " "the stale slides are removed"
grep -q '"file": "slide-02.png"' "$DIR/slides.json"; ok $((! $?)) "the manifest lists one slide"
sum=$(md5sum < "$DIR/slide-01.png")

# a broken file: the old slides stay and the error is logged
printf '[ { "name": "Broken", ' > "$IN"
wait_for ' error ' 1; ok $? "an invalid update is reported"
grep -q "error (file changed): $IN:" "$LOG"; ok $? "the error names the file"
grep -q "kept the 1 slide from " "$LOG"; ok $? "and says the last good slides are kept"
is "$(slides_now)" "slide-01.png " "the slides are still there"
is "$(md5sum < "$DIR/slide-01.png")" "$sum" "unchanged"
ls "$DIR" | grep -q '\.tmp$'; ok $((! $?)) "no temporary files left"

# fixed again
cp examples/aa-south-wales.json "$IN"
wait_for ' refreshed ' 3; ok $? "a good file again is picked up"
is "$(ls "$DIR" | grep -c '^slide-..\.png$')" 3 "three slides again"

# a refresh that fails for a reason outside the input: tried again on the timer (1 s here)
mkdir "$DIR/slides.json.block"
rm "$DIR/slides.json" && mv "$DIR/slides.json.block" "$DIR/slides.json"
touch "$IN"
wait_for ' error (file changed)' 1; ok $? "an unwritable manifest is an error"
wait_for ' error (retry)' 1; ok $? "tried again on the timer, with --at and no input change"
grep -q 'trying again in 1 s$' "$LOG"; ok $? "the log says when it tries again"
rmdir "$DIR/slides.json"
wait_for ' refreshed .* (retry)' 1; ok $? "once the folder is writable the retry succeeds"
[ -f "$DIR/slides.json" ]; ok $? "and the manifest is back"
n_retry=$(grep -c ' (retry)' "$LOG")
sleep 1.5
is "$(grep -c ' (retry)' "$LOG")" "$n_retry" "after a success no more retries"

# stop cleanly
kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do i=$((i + 1)); sleep 0.1; done
st=0
wait "$pid" || st=$?
is "$st" 0 "SIGTERM: exit status 0"
grep -q ' stopped (SIGTERM)$' "$LOG"; ok $? "and a last log line"
is "$(grep -c -v -e ' refreshed ' -e ' error ' -e ' stopped ' "$LOG")" 0 "one line per refresh, nothing else"
trap 'rm -rf "$TMP"' EXIT
done_testing
