#!/bin/sh
# JSON directories are read a record at a time; when an element is not a meeting object
# the reader falls back to parsing the whole text.  Nothing may be read twice or lost.
set -u
. tests/lib.sh

M='"day":1,"time":"19:00","location":"Hall","formatted_address":"1 Road, Town AB1 2CD, UK"'
printf '[{"name":"A",%s,"types":["ZZ"]}, 42, {"name":"B",%s}]\n' "$M" "$M" > "$TMP/mixed.json"
run_sp check "$TMP/mixed.json"
is "$status" 1 "a number among the meetings is a problem (exit 1)"
is "$(head -n 1 "$out")" "2 meetings from 1 file; 1 record could not be used" "both meetings read once"
is "$(grep -c "warning: unknown type code 'ZZ'" "$err")" 1 "the unknown code reported once"
grep -q "^signpost: $TMP/mixed.json:1:119: problem: record 2: not a JSON object, but a number$" "$err"
ok $? "the bad record named, with its column (records share the line)"

# an element the scan accepts but json-c refuses: what the record path read is rolled back
printf '[{"name":"A",%s,"types":["ZZ"]},\n {"name":"B","day": tru}]\n' "$M" > "$TMP/bad-elem.json"
run_sp check "$TMP/bad-elem.json"
is "$status" 1 "a malformed element: exit 1"
is "$(cat "$err")" "signpost: $TMP/bad-elem.json:2:24: malformed JSON: boolean expected" \
    "only the parse error: nothing from the records read before it"

printf '[{"name":"A",%s},\n {"name":"B",' "$M" > "$TMP/cut.json"
run_sp check "$TMP/cut.json"
is "$status" 1 "a truncated file: exit 1"
is "$(cat "$err")" "signpost: $TMP/cut.json:2:14: malformed JSON: unexpected end of file" "only the parse error, at the end of the text"

printf '[\n{"name":"A",%s},\n\n  {"name":"B",%s}\n]\n' "$M" "$M" > "$TMP/lines.json"
run_sp check --werror "$TMP/lines.json" "$TMP/lines.json"
grep -q "lines.json:4: warning: meeting 'B' on Monday at 19:00 duplicates .*lines.json:4$" "$err"
ok $? "record lines come from the split (B starts on line 4)"

done_testing
