#!/bin/sh
# watch.t - kiosk --watch on a feed by web address (issue 15 item 4): the feed is polled
# on its own timer (every second here: SIGNPOST_TEST_POLL_SECONDS, test builds only; at
# least a minute otherwise), a changed feed replaces the slides, a broken one keeps them
# and logs one line, and between polls the slides are redrawn from the saved copy.
set -u
. tests/lib.sh
. tests/fetch/server.sh
start_server

DIR=$TMP/screen
LOG=$TMP/watch.log
cp examples/aa-south-wales.json "$WWW/feed.json"
URL="$BASE/f/feed.json"

# wait_for PATTERN COUNT: until LOG has COUNT lines matching PATTERN (15 s at most)
wait_for() {
    i=0
    while c=$(grep -c -- "$1" "$LOG" 2>/dev/null) || true; [ "${c:-0}" -lt "$2" ]; do
        i=$((i + 1))
        [ $i -le 150 ] || return 1
        sleep 0.1
    done
}
gets() { grep -c "GET /f/feed.json" "$REQLOG" 2>/dev/null || echo 0; }

SIGNPOST_TEST_POLL_SECONDS=1 SIGNPOST_WATCH_RETRY=1 "$SIGNPOST" kiosk \
    --settings examples/settings.ini --watch "$DIR" --at 2026-11-26T14:00 "$URL" \
    > "$LOG" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"' EXIT

wait_for " refreshed '$DIR' (start)" 1; ok $? "first slides made from the feed"
first=$(grep -o '[0-9]* meetings' "$LOG" | head -n 1)
is "$first" "16 meetings" "16 meetings today and tomorrow from the feed"

# unchanged feed: polled (a 304), no redraw
n=$(gets)
i=0; while [ "$(gets)" -le "$n" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(gets)" -gt "$n" ]; ok $? "the feed is polled again on its timer"
grep -q " 304 " "$REQLOG"; ok $? "an unchanged feed answers 304 (revalidated)"
is "$(grep -c ' refreshed ' "$LOG")" 1 "an unchanged feed redraws nothing"

# a changed feed: the slides are redrawn from the new copy
cp tests/kiosk/data/week.json "$WWW/feed.json.new" && mv "$WWW/feed.json.new" "$WWW/feed.json"
wait_for "(feed changed)" 1; ok $? "a changed feed redraws the slides"
grep "(feed changed)" "$LOG" | grep -qv " 16 meetings"; ok $? "from the new copy"

# a broken feed: one line saying so, the slides kept
before=$(cd "$DIR" && cat slides.json | cksum)
mode feed.json status:500
wait_for "500" 1; ok $? "a failed poll is logged"
grep "500" "$LOG" | head -n 1 | grep -q "127.0.0.1"; ok $? "the line names the feed's host"
sleep 1.5
is "$(cd "$DIR" && cat slides.json | cksum)" "$before" "the slides are kept while the feed is broken"

kill "$pid"; wait "$pid" 2>/dev/null
grep -q "stopped (SIGTERM)" "$LOG"; ok $? "stops on SIGTERM"
[ "${VERBOSE:-0}" = 1 ] && sed 's/^/# /' "$LOG"
done_testing
