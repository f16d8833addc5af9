#!/bin/sh
# CLI contract: exit status and the exact first line of stderr for bad arguments
# (STYLE.md H12), plus --help and --version.
set -u
. tests/lib.sh

# status | first stderr line | args (tab-separated)
while IFS='|' read -r want_status want_err args; do
    case "$want_status" in ''|\#*) continue ;; esac
    # shellcheck disable=SC2086
    eval "run_sp $args"
    is "$status" "$want_status" "exit $want_status for: $args"
    is "$(head -n 1 "$err")" "$want_err" "message for: $args"
done <<'CASES'
2|signpost: no command given (see 'signpost --help')|
2|signpost: unknown command 'draw' (see 'signpost --help')|draw
2|signpost: unknown or ambiguous option '--frobnicate'|check --frobnicate examples/smart-bath.csv
2|signpost: unknown or ambiguous option '--form'; did you mean '--format'?|check --form csv examples/smart-bath.csv
2|signpost: option '--werror' takes no value|check --werror=1 examples/smart-bath.csv
2|signpost: unknown option '-z'|check -z examples/smart-bath.csv
2|signpost: option '--format' needs a value|check --format
2|signpost: --format: expected auto, meeting-guide, csv or bmlt, got 'xml'|check --format xml x.json
2|signpost: no directory file given|check
2|signpost: --day: expected days such as 'mon,wed' or 'weekend', got 'someday'|check --day someday x.csv
2|signpost: --dpi: expected an integer 36..1200, got 'abc'|render --dpi abc -o x.png x.csv
2|signpost: --dpi: expected an integer 36..1200, got '5000'|render --dpi 5000 -o x.png x.csv
2|signpost: --tabs: expected 0 or 8..10, got '3'|render --tabs 3 -o x.pdf x.csv
2|signpost: --date: expected a date such as 2026-11-26, got '26/11/2026'|render --date 26/11/2026 -o x.pdf x.csv
2|signpost: no output file given (use -o FILE)|render examples/smart-bath.csv
2|signpost: --split-by: expected region, fellowship or town, got 'colour'|render --split-by colour -o x.pdf x.csv
2|signpost: --attendance: expected in-person, online, hybrid or closed, got 'maybe'|check --attendance maybe x.csv
2|signpost: 'layouts' takes no files, got 'x.csv'|layouts x.csv
3|signpost: cannot read 'no/such/file.json': no such file|check no/such/file.json
1|signpost: examples/na-bristol-formats.json: this is a BMLT formats file (GetFormats), not a meeting directory: give it with --formats|check examples/na-bristol-formats.json
3|signpost: cannot make folder '/dev/null/x': Not a directory|render -o /dev/null/x/p.pdf examples/smart-bath.csv
CASES

printf '\377\376N\000a\000' > "$TMP/u16.csv"
run_sp check "$TMP/u16.csv"
is "$status:$(head -n 1 "$err")" "1:signpost: $TMP/u16.csv: this file is UTF-16; save it as UTF-8 (in a spreadsheet: 'CSV UTF-8')" "UTF-16 named as such"
out2=$("$SIGNPOST" check - < examples/smart-bath.csv 2>/dev/null | head -n 1)
is "$out2" "29 meetings from 1 file (31 in the files; the rest not selected); 0 records could not be used" "'-' reads standard input"
run_sp check examples/smart-bath.csv -- examples/aa-south-wales.json
is "$(head -n 1 "$out" | cut -d' ' -f4-5)" "2 files" "files after '--' are read"

run_sp --help
is "$status" 0 "--help exits 0"
grep -q '^Usage: signpost COMMAND' "$out"; ok $? "--help prints usage"
grep -q '^  4  missing font or data, or an internal error' "$out"; ok $? "--help documents exit codes"
run_sp render --help
grep -q -- '--leave-off-passcodes' "$out"; ok $? "render --help lists its options"
run_sp --version
grep -q '^signpost [0-9]' "$out"; ok $? "--version"

# a screen layout given to render: said plainly, nothing written
run_sp render --layout kiosk-landscape -o "$TMP/k.pdf" examples/aa-south-wales.json
is "$status:$(cat "$err")" "2:signpost: layout 'kiosk-landscape' is a screen: make its slides with 'signpost kiosk --layout kiosk-landscape -o FOLDER' (or 'signpost board -o board.html' for a web page)" \
   "render --layout kiosk-landscape: exit 2, the command to use"
[ ! -e "$TMP/k.pdf" ]; ok $? "and no file"

# the web board into a folder not made yet, as the README does (board/board.html)
run_sp board --settings examples/settings.ini -o "$TMP/new/board/board.html" examples/aa-south-wales.json
is "$status" 0 "board -o into a new folder: exit 0"
[ -s "$TMP/new/board/board.html" ] && [ -s "$TMP/new/board/board-data.js" ]
ok $? "the folder is made, with the page and its data"

done_testing
