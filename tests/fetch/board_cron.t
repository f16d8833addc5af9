#!/bin/sh
# board_cron.t - issue 15 item 4 for the web board: kept current by a scheduled job (the
# README's crontab line, run as written against the local HTTPS test server), not by a
# --watch process.  A re-run with --data-only replaces board-data.js alone, atomically (a
# new file renamed into place: a reader never sees half of it; no temporary file left),
# and never touches board.html; a broken feed keeps the last good meetings.
set -u
. tests/lib.sh
. tests/fetch/server.sh
start_server

D="$TMP/www"
mkdir -p "$D"
cp examples/settings.ini "$D/settings.ini"
cp examples/aa-south-wales.json "$WWW/feed.json"
URL="$BASE/f/feed.json"
export SIGNPOST
stamp() { stat -c '%i %Y %s' "$1"; }            # inode, mtime, size
sum() { sha256sum < "$1" | cut -d' ' -f1; }

# the crontab line of the README, run as written: its path, address and program ours
line=$(sed -n 's/^\*\/15 \* \* \* \* //p' README.md)
[ -n "$line" ]; ok $? "README has the crontab line"
case $line in *"signpost board --data-only "*"-o board.html "*) ok 0 "it renews the data only" ;;
    *) ok 1 "it renews the data only"; diag "$line" ;; esac
cmd=$(printf '%s\n' "$line" | sed "s|^cd /var/www/board |cd '$D' |; s|signpost board|\"\$SIGNPOST\" board|;
                                  s|'https://example.org/[^']*'|'$URL'|")
cron() { sh -c "$cmd" > "$TMP/cron.out" 2> "$TMP/cron.err"; }

# the page made once, as the README says
"$SIGNPOST" board --settings "$D/settings.ini" -o "$D/board.html" "$URL" > /dev/null 2>&1
is "$?" 0 "the page made once"
page0=$(stamp "$D/board.html") pagesum=$(sum "$D/board.html")
data0=$(stamp "$D/board-data.js")
sleep 1  # a rewrite shows in the mtime

# the directory changes: a new meeting; the cron job runs
jq '. + [{"name": "Brand New Cron Group", "slug": "cron", "day": [0,1,2,3,4,5,6],
          "time": "12:00", "end_time": "13:00", "conference_url": "https://zoom.us/j/81234567899",
          "region": "Online"}]' examples/aa-south-wales.json > "$WWW/feed.json"
cron
is "$?" 0 "the cron command exits 0"
is "$(cat "$TMP/cron.err")" "" "and says nothing on stderr"
grep -q '"name":"Brand New Cron Group"' "$D/board-data.js"; ok $? "board-data.js has the new meeting"
[ "$(stamp "$D/board-data.js" | cut -d' ' -f1)" != "${data0%% *}" ]
ok $? "board-data.js is a new file renamed into place (a new inode), never rewritten in place"
is "$(stamp "$D/board.html") $(sum "$D/board.html")" "$page0 $pagesum" \
   "board.html untouched: same inode, time, size and bytes"
is "$(ls -A "$D" | sort | tr '\n' ' ')" "board-data.js board.html settings.ini " \
   "nothing else in the folder (no temporary file left)"

# while the job runs again and again, every read of board-data.js is a whole file
( for i in 1 2 3 4 5 6; do cron; done; touch "$TMP/done" ) &
job=$!
bad=0 n=0
while [ ! -e "$TMP/done" ]; do
    if [ -s "$D/board-data.js" ]; then
        n=$((n + 1))
        tail -c 3 "$D/board-data.js" | grep -q ');' || bad=$((bad + 1))
    fi
done
wait "$job"   # not a bare wait: the test server is a child too
[ "$n" -gt 0 ] && [ "$bad" = 0 ]; ok $? "$n reads during 6 runs: each a whole file"
is "$(stamp "$D/board.html") $(sum "$D/board.html")" "$page0 $pagesum" "board.html still untouched"

# the feed breaks: the job still succeeds, with a warning, and keeps the last good meetings
meetings() { grep -o '"name":"[^"]*"' "$D/board-data.js" | sort; }
meetings > "$TMP/good"
mode feed.json status:500
cron
is "$?" 0 "a broken feed: the cron command still exits 0"
grep -q "warning: .*using the copy from" "$TMP/cron.err"; ok $? "with a warning saying so"
meetings > "$TMP/now"
cmp -s "$TMP/good" "$TMP/now"; ok $? "and the board keeps the last good meetings"
grep -q "Brand New Cron Group" "$TMP/now"; ok $? "(the new one among them)"

# --data-only with no page yet: said once
mkdir -p "$TMP/empty"
run_sp board --data-only --settings "$D/settings.ini" -o "$TMP/empty/board.html" "$URL"
is "$status" 0 "--data-only without a page: exit 0"
grep -q "warning: --data-only: there is no page '$TMP/empty/board.html' to read it yet" "$err"
ok $? "and a warning: make the page once"
done_testing
