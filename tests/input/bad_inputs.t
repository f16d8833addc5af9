#!/bin/sh
# bad_inputs.t - `signpost check` on every file of the bad-input corpus (tests/data/bad/):
# exact stderr and exit status from tests/data/bad/expect.txt, then the generated cases
# (a 10 MB field, 100,000 meetings) that are too big to commit.
set -eu
. tests/lib.sh

BAD=tests/data/bad

# Step 1: split expect.txt into one expected-stderr file per case, then run each case
cases="$TMP/cases"
: >"$cases"
i=0
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
    "#"*) ;;
    "== "*)
        i=$((i + 1))
        echo "$i ${line#== }" >>"$cases"
        : >"$TMP/want.$i"
        ;;
    *) [ "$i" -gt 0 ] && printf '%s\n' "$line" >>"$TMP/want.$i" ;;
    esac
done <"$BAD/expect.txt"

while read -r k file want_status opts; do
    # shellcheck disable=SC2086
    set -- $(printf '%s' "$opts" | sed "s|@|$BAD|g")
    run_sp check "$@" "$BAD/$file"
    is "$status" "$want_status" "$file: exit status"
    if cmp -s "$err" "$TMP/want.$k"; then
        ok 0 "$file: stderr"
    else
        ok 1 "$file: stderr"
        diff "$TMP/want.$k" "$err" | sed 's/^/#   /' || true
    fi
done <"$cases"

# Step 2: a 10 MB field is cut to 64 KiB with a warning; the meeting is still used
big="$TMP/big-field.json"
{
    printf '[\n  {"name": "Big Notes", "day": 1, "time": "19:00", '
    printf '"formatted_address": "1 High St, Cardiff CF10 1AA", "notes": "'
    head -c 10485760 /dev/zero | tr '\0' 'a'
    printf '"}\n]\n'
} >"$big"
run_sp check "$big"
is "$status" 0 "10 MB field: exit status"
is "$(cat "$err")" "signpost: $big:2: warning: record 1: 'notes' is 10485760 bytes long; cut to 65536" \
    "10 MB field: stderr"

# Step 3: 100,000 meetings load with nothing to report
many="$TMP/many.json"
awk 'BEGIN {
    printf "[\n"
    for (i = 0; i < 100000; i++)
        printf "  {\"name\": \"Meeting %d\", \"slug\": \"m-%d\", \"day\": %d, \"time\": \"%02d:%02d\", \"formatted_address\": \"%d High St, Cardiff CF10 1AA\"}%s\n", i, i, i % 7, 7 + i % 15, (i % 4) * 15, i % 200 + 1, (i < 99999 ? "," : "")
    printf "]\n"
}' >"$many"
run_sp check "$many"
is "$status" 0 "100,000 meetings: exit status"
is "$(cat "$err")" "" "100,000 meetings: nothing on stderr"
if grep -q "100000" "$out"; then ok 0 "100,000 meetings: counted"; else ok 1 "100,000 meetings: counted"; fi

# Step 4: an unterminated quote swallowing the last row of a generated CSV with CRLF
crlf="$TMP/crlf.csv"
printf 'Name,Day,Time,Address\r\nHope,Monday,19:00,1 High St\r\n"Open,Tuesday,19:00,2 High St\r\n' >"$crlf"
run_sp check "$crlf"
is "$status" 1 "unterminated quote: exit status"
is "$(cat "$err")" "signpost: $crlf:3: problem: row 2: unbalanced quote: the quoted field runs to the end of the file" \
    "unterminated quote: stderr"

done_testing
