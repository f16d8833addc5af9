#!/bin/sh
# messages.t - issue 11, "messages a person can use": warnings only about the selected
# meetings and each once with a count; records of one-line JSON located by column and
# slug; names matched ignoring case and accents, with "did you mean"; -q; help text.
set -u
. tests/lib.sh

M=tests/data/facts/messages.json   # 7 meetings in Ynys Môn (type ZZ), 2 in Bristol (http)

# --- each warning once, with a count; only about the selected meetings ---
run_sp check --region 'Ynys Môn' "$M"
is "$status" 1 "a record that cannot be used: exit 1"
is "$(cat "$err")" "signpost: $M:2: warning: unknown type code 'ZZ' (7 times)
signpost: $M:11: problem: meeting 'No Day': no day given
signpost: note: 2 warnings about meetings outside the selection not shown" \
    "said once with a count; the Bristol warnings counted, not shown; the problem shown"
grep -q '^Problems: 1, warnings: 1$' "$out"; ok $? "check counts what it prints"
run_sp check --region Bristol "$M"
is "$(grep -c 'is not https:' "$err")" 2 "--region Bristol: its two warnings"
grep -q "note: 7 warnings about meetings outside the selection not shown" "$err"
ok $? "--region Bristol: the 7 others counted"
run_sp check --werror --region Bristol --search 'Plain Two' "$M"
is "$status" 1 "--werror: a shown warning is an error"
printf '[{"name":"A","day":1,"time":"19:00","address":"1 St","region":"X"},{"name":"B","day":1,"time":"19:00","address":"1 St","region":"Y","types":["ZZ"]}]\n' > "$TMP/w.json"
run_sp check --werror --region X "$TMP/w.json"
is "$status" 0 "--werror: warnings about meetings not selected are not errors"

# --- -q: problems only ---
run_sp check -q "$M"
is "$(cat "$err")" "signpost: $M:11: problem: meeting 'No Day': no day given" "-q: warnings silenced, the problem said"
is "$(cat "$out")" "" "-q: no summary"

# --- one-line JSON: record N ('slug') at line 1, column C ---
awk 'BEGIN {
    s = "["
    for (i = 1; i <= 900; i++) {
        if (i > 1) s = s ","
        if (i == 812) col = length(s) + 1
        url = i == 812 ? ",\"conference_url\":\"http://example.org/reality\"" : ""
        slug = i == 812 ? "the-new-reality" : "m-" i
        s = s sprintf("{\"name\":\"Meeting %d\",\"slug\":\"%s\",\"day\":%d,\"time\":\"19:00\",\"address\":\"%d High St\"%s}", i, slug, i % 7, i, url)
    }
    print s "]" > "/dev/stdout"
    print col > "/dev/stderr"
}' > "$TMP/one.json" 2> "$TMP/col"
col=$(cat "$TMP/col")
run_sp check "$TMP/one.json"
is "$(cat "$err")" "signpost: $TMP/one.json:1:$col: warning: record 812 ('the-new-reality'): link 'http://example.org/reality' is not https:" \
    "one-line JSON: located by column, named by record and slug"

# --- names as people type them ---
run_sp check --region 'ynys mon' "$M"
is "$(head -n 1 "$out")" "7 meetings from 1 file (9 in the files; the rest not selected); 1 record could not be used" \
    "--region: any case, no accents"
run_sp check --region 'Ynys-Mon' "$M"
is "$status" 1 "a selection that matches nothing: exit 1"
is "$(cat "$out")" "No meeting matches the selection.  Regions in the files: Ynys Môn 7, Bristol 2" \
    "... and the regions in the files are listed"
is "$(grep -v problem "$err")" "signpost: note: 9 warnings about meetings outside the selection not shown
signpost: warning: --region 'Ynys-Mon' matches no meeting in the files; did you mean 'Ynys Môn'?
signpost: no meeting matches the selection (9 meetings in the files)" "... with 'did you mean'"
run_sp check --as 'Alcoholics Anonymous' --fellowship 'Alcoholic Anonymous' "$M"
grep -q "^signpost: warning: --fellowship 'Alcoholic Anonymous' matches no meeting in the files; did you mean 'Alcoholics Anonymous'?$" "$err"
ok $? "--fellowship: did you mean"
run_sp check --as 'Alcoholics Anonymous' --fellowship 'alcoholics anonymous' "$M"
is "$status:$(head -n 1 "$out")" "1:9 meetings from 1 file; 1 record could not be used" "--fellowship: any case"
run_sp check --Région Bristol "$M"
is "$(head -n 1 "$out")" "2 meetings from 1 file (9 in the files; the rest not selected); 1 record could not be used" \
    "option names: any case, no accents (--Région)"
run_sp check --regoin Bristol "$M"
is "$status:$(head -n 1 "$err")" "2:signpost: unknown or ambiguous option '--regoin'; did you mean '--region'?" \
    "an unknown option: did you mean"
run_sp render --layout Poster-A4 --dump-plan examples/smart-bath.csv
is "$status:$(head -n 1 "$out")" "0:plan 595.28 x 841.89 pages 7" "--layout: any case (Poster-A4)"
run_sp render --layout postr-a4 --dump-plan examples/smart-bath.csv
is "$status:$(cat "$err")" "2:signpost: unknown layout 'postr-a4' (see 'signpost layouts'; did you mean 'poster-a4'?)" \
    "--layout: did you mean"

# --- help ---
run_sp kiosk --help
grep -q '^  -o, --output DIR  *folder for the slides' "$out"; ok $? "kiosk --help: -o DIR"
run_sp render --help
grep -q '^  -l, --layout NAME .*(default: poster-a4)$' "$out"; ok $? "render --help: the default layout"
grep -q '^  -o, --output FILE' "$out"; ok $? "render --help: -o FILE"
run_sp check --help
grep -q '^      --timezone ZONE' "$out"; ok $? "check --help: --timezone"

done_testing
