#!/bin/sh
# A directory file is read through a mapping whose pages are given back as the records are
# read (issue 16 item 9).  What is read must not depend on that: the same file through
# standard input (read whole) gives the same report, messages keep their lines and columns
# far into the file, and files the mapping cannot take (a whole number of pages long, bad
# bytes repaired into a copy) are read as before.
set -u
. tests/lib.sh

M='"day":1,"time":"19:00","location":"Hall","formatted_address":"1 Road, Town AB1 2CD, UK"'

if [ -x "$BUILD/bench/gen_directory" ]; then
    # about 10 MB: pages are given back a few MB at a time, so some are gone before the end
    "$BUILD/bench/gen_directory" --meetings 20000 --seed 3 --format mg-json > "$TMP/big.json"
    # problems all through it (an unknown type code), one near the end, text after the array
    sed -e '$d' -e 's/"LIT"/"QQ"/' "$TMP/big.json" > "$TMP/late.json"
    printf ',\n  {"name":"Late",%s,"types":["ZZ"]}\n]\n\n  trailing\n' "$M" >> "$TMP/late.json"
    lines=$(wc -l < "$TMP/late.json")
    run_sp check "$TMP/late.json"
    is "$status" 0 "the large file is read (warnings only)"
    cp "$out" "$TMP/file.out"
    sed "s|$TMP/late.json|FILE|" "$err" > "$TMP/file.err"
    "$SIGNPOST" check - < "$TMP/late.json" > "$TMP/stdin.out" 2> "$TMP/stdin.raw"
    sed "s|^signpost: -:|signpost: FILE:|" "$TMP/stdin.raw" > "$TMP/stdin.err"
    cmp -s "$TMP/file.out" "$TMP/stdin.out"
    ok $? "the same summary from the file and from standard input"
    cmp -s "$TMP/file.err" "$TMP/stdin.err"
    ok $? "the same messages, in the same order, from the file and from standard input"
    # every record read: each changed code is counted, in the message or in the note about
    # meetings outside the selection
    nq=$(grep -c '"QQ"' "$TMP/late.json")
    pat="s/^signpost: FILE:[0-9]*: warning: unknown type code 'QQ' (\([0-9]*\) times)$/\1/p"
    shown=$(sed -n "$pat" "$TMP/file.err")
    hidden=$(sed -n 's/^signpost: note: \([0-9]*\) warnings about meetings outside.*/\1/p' \
        "$TMP/file.err")
    is "$(( ${shown:-0} + ${hidden:-0} ))" "$nq" "every record read: the $nq changed codes counted"
    grep -q "^signpost: FILE:$((lines - 3)): warning: unknown type code 'ZZ'$" \
        "$TMP/file.err"
    ok $? "a record at the end keeps its line ($((lines - 3)))"
    grep -q "^signpost: FILE:$lines:3: warning: text after the end of the JSON ignored$" \
        "$TMP/file.err"
    ok $? "text after the array: its line and column, counted after pages were given back"
    # the same for CSV, whose rows are read a line at a time
    "$BUILD/bench/gen_directory" --meetings 20000 --seed 3 --format csv |
        sed 's/,LIT/,QQ/' > "$TMP/big.csv"
    printf '%s\n' 'Late,,,,,,,,,,,,,,,,' >> "$TMP/big.csv"
    run_sp check "$TMP/big.csv"
    cp "$out" "$TMP/csv.out"
    sed "s|$TMP/big.csv|FILE|" "$err" > "$TMP/csv.err"
    "$SIGNPOST" check - < "$TMP/big.csv" > "$TMP/csvin.out" 2> "$TMP/csvin.raw"
    sed "s|^signpost: -:|signpost: FILE:|" "$TMP/csvin.raw" > "$TMP/csvin.err"
    cmp -s "$TMP/csv.out" "$TMP/csvin.out" && cmp -s "$TMP/csv.err" "$TMP/csvin.err"
    ok $? "CSV: the same summary and messages from the file and from standard input"
    grep -q "^signpost: FILE:$(wc -l < "$TMP/big.csv"): problem: row " "$TMP/csv.err"
    ok $? "CSV: a bad last row is reported at its line"
else
    for i in 1 2 3 4 5 6 7; do skip "gen_directory not built"; done
fi

# exactly one page long (4096 bytes): no room for the NUL after it, read the ordinary way
rec=$(printf '{"name":"A",%s}' "$M")
printf '[%s' "$rec" > "$TMP/page.json"
while [ $(( $(wc -c < "$TMP/page.json") + ${#rec} + 3 )) -lt 4096 ]; do
    printf ',\n%s' "$rec" >> "$TMP/page.json"
done
pad=$(( 4096 - $(wc -c < "$TMP/page.json") - 2 ))
printf '%*s]\n' "$pad" '' >> "$TMP/page.json"
is "$(wc -c < "$TMP/page.json")" 4096 "the test file is one page long"
n=$(grep -c '"name"' "$TMP/page.json")
run_sp check "$TMP/page.json"
is "$(head -n 1 "$out")" "$n meetings from 1 file; 0 records could not be used" \
    "a file of exactly one page: every meeting read"

# bad bytes: the repaired copy is read instead of the mapping
printf '[{"name":"B\377",%s},\n{"name":"C",%s}]\n' "$M" "$M" > "$TMP/bad.json"
run_sp check "$TMP/bad.json"
is "$(head -n 1 "$out")" "2 meetings from 1 file; 0 records could not be used" \
    "a file with a bad byte: both meetings read"
grep -q "bad.json:1:12: warning: invalid UTF-8 replaced with U+FFFD$" "$err"
ok $? "the bad byte reported at its place"

done_testing
