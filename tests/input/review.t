#!/bin/sh
# Real-world input cases found in review: each once wrong, now pinned.
set -u
. tests/lib.sh

# CR-only line ends (Excel for Mac): a bad row costs only itself, rows keep their lines
printf 'Name,Day,Time,Address,City\rA,Monday,7pm,1 St,Leeds\rB "x",Tuesday,7pm,1 St,Leeds\rC,Wednesday,7pm,1 St,Leeds\rD,Thursday,7pm,1 St,Leeds\rE,Funday,7pm,1 St,Leeds\r' > "$TMP/cr.csv"
run_sp check "$TMP/cr.csv"
is "$(head -n 1 "$out")" "3 meetings from 1 file; 2 records could not be used" "CR-only CSV: rows after a bad one still read"
grep -q "^signpost: $TMP/cr.csv:6: problem: meeting 'E': unknown day 'Funday'$" "$err"; ok $? "CR-only CSV: the bad day reported on its line"

# approximate addresses of online meetings do not make them hybrid
cat > "$TMP/online.json" <<'JSON'
[{"name":"A","day":1,"time":"19:00","types":["ONL"],"formatted_address":"Chicago, IL, USA","conference_url":"https://zoom.us/j/81234567890"},
 {"name":"B","day":1,"time":"19:00","types":["ONL"],"formatted_address":"Cardiff CF10, UK","conference_url":"https://zoom.us/j/81234567891"},
 {"name":"C","day":1,"time":"19:00","address":"Online","city":"Leeds","conference_url":"https://zoom.us/j/81234567892"},
 {"name":"D","day":1,"time":"19:00","formatted_address":"12 High St, Cardiff CF10 1AA, UK","conference_url":"https://zoom.us/j/81234567893"},
 {"name":"E","day":1,"time":"19:00","formatted_address":"Y Stryd Fawr, Llanrwst","conference_url":"https://zoom.us/j/81234567894"},
 {"name":"Nowhere","day":1,"time":"19:00","attendance_option":"in_person"}]
JSON
run_sp check "$TMP/online.json"
grep -q '^Attendance: *in person 0, online 3, online and in person 2, temporarily closed 0$' "$out"
ok $? "approximate addresses stay online; real streets make hybrid"
grep -q "^signpost: $TMP/online.json:6: problem: meeting 'Nowhere': in person but no venue or address$" "$err"
ok $? "an in-person meeting with nowhere to go is reported, not printed"

# an HTML-escaped & in a link: passcode found, and left off when asked
printf '[{"name":"Amp","day":1,"time":"19:00","conference_url":"https://zoom.us/j/81234567890?uname=x&amp;pwd=SECRET1"}]\n' > "$TMP/amp.json"
run_sp render --leave-off-passcodes --dump-plan "$TMP/amp.json"
grep -q "uri='https://zoom.us/j/81234567890?uname=x' " "$out"; ok $? "&amp; decoded; the passcode left off the QR"

# a BMLT formats file with a byte-order mark
printf '\357\273\277[{"key_string":"O","name_string":"Open","description_string":"Open","lang":"en","id":"17","world_id":"OPEN"}]' > "$TMP/formats.json"
printf '[{"id_bigint":"1","meeting_name":"M","weekday_tinyint":"2","start_time":"19:00:00","duration_time":"01:00:00","formats":"O","venue_type":"1","location_text":"Hall","location_street":"1 Road","location_municipality":"Bristol","location_postal_code_1":"BS1 1AA"}]' > "$TMP/bmlt.json"
run_sp check --formats "$TMP/formats.json" "$TMP/bmlt.json"
is "$status" 0 "a formats file with a byte-order mark reads"

# days written as ranges
printf 'Name,Day,Time,Address,City,Postal Code\nR,Mon-Fri,7pm,1 St,Leeds,LS1 1AA\nS,Daily,8am,1 St,Leeds,LS1 1AA\n' > "$TMP/ranges.csv"
run_sp check "$TMP/ranges.csv"
grep -q '^Weekday: *Mon 2, Tue 2, Wed 2, Thu 2, Fri 2, Sat 1, Sun 1$' "$out"; ok $? "'Mon-Fri' and 'Daily' read as days"

done_testing
