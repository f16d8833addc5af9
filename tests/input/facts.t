#!/bin/sh
# facts.t - issue 11, "right facts": a fictional fixture per feed shape (tests/data/facts/)
# and the exact printed result: passcode, meeting ID, dial-in, address line, region,
# fellowship, listed or not.  The printed text is the plan's text lines, joined with
# spaces (a phrase may wrap), no-break spaces as spaces.
set -u
. tests/lib.sh

F=tests/data/facts
LEAF="--layout leaflet-a4 --date 2026-11-26"

# printed [OPTIONS] FILE...: the text of a leaflet, one line (the plan is kept in $TMP/plan)
printed() {
    "$SIGNPOST" render $LEAF --dump-plan "$@" > "$TMP/plan" 2>/dev/null
    sed -n 's/^  text .* "\(.*\)"$/\1/p' "$TMP/plan" | sed 's/\xc2\xa0/ /g' | tr '\n' ' '
}
has() {  # has TEXT PHRASE NAME
    case $1 in *"$2"*) ok 0 "$3" ;; *) ok 1 "$3"; diag "no '$2' in: $1" ;; esac
}
hasnt() {
    case $1 in *"$2"*) ok 1 "$3"; diag "'$2' printed" ;; *) ok 0 "$3" ;; esac
}

# --- passcodes, meeting IDs, dial-ins ---
t=$(printed "$F/join.json")
has "$t" "Meeting ID 812 3456 7890, passcode 867458" "PW: in the notes is the passcode"
has "$t" "Entrance in back of bldg/behind the outlet store " "the directions in the same note stay"
hasnt "$t" "PW:" "the passcode is not printed twice (cut from the notes)"
has "$t" "Meeting ID 812 3456 7891, passcode 292 718-013" "'enter password 292 718-013': every group"
has "$t" "On GoToMeeting: meeting ID 869 747 141" "a home-page link: the ID from the notes, on the service's site"
has "$t" "+1 646 558 8656, meeting ID 867 687 734 #" "one-tap dial-in: grouped, then the meeting ID and #"
hasnt "$t" "+16465588656" "the one-tap string is not printed raw"
hasnt "$t" "then 867687734" "'... then 867687734#' is not printed raw"
has "$t" "Meeting ID 123 456 789 012, passcode aB3dE5" "Teams ID and passcode from the link's notes"
has "$t" "Meeting ID 812 3456 7892, passcode 456" "a link with words after it: its passcode"
grep -q "uri='https://zoom.us/j/81234567892'" "$TMP/plan"; ok $? "... and the QR opens the link before the space"
grep -q "uri='http://www.gotomeeting.com" "$TMP/plan"; is "$?" 1 "a provider's home page gets no QR code"
t=$(printed --leave-off-passcodes "$F/join.json")
hasnt "$t" "867458" "--leave-off-passcodes: the passcode from the notes is not printed anywhere"
hasnt "$t" "292 718-013" "--leave-off-passcodes: nor the one in digit groups"

run_sp check "$F/join.json"
grep -q "^  $F/join.json:6: 'GoTo Home Page' (GoToMeeting meeting ID 869 747 141 only)$" "$out"
ok $? "check: a home-page link counts as no usable link"
is "$(cat "$err")" "signpost: $F/join.json:6: warning: meeting 'GoTo Home Page': link 'http://www.gotomeeting.com' refused: it is GoToMeeting's home page, not a link to a meeting
signpost: $F/join.json:14: warning: meeting 'Link With Words': link 'https://zoom.us/j/81234567892 Password: 456' has text after a space; the link is read up to the space and the passcode '456' after it" \
    "check: what was made of the links is said"

# --- temporarily closed ---
t=$(printed "$F/closed.csv")
hasnt "$t" "Words For Types" "'Temporary Closure' in words closes the meeting: not listed"
has "$t" "Phone Only Closed By phone Dial in 01632 960333" "TC with only a dial-in: listed as a phone meeting"
has "$t" "Link Closed Online (Zoom)" "TC with a link: listed online"
has "$t" "Open Hall Church Hall, 4 Example Street, Bath BA1 1AD" "an open meeting: listed in person"
run_sp check "$F/closed.csv"
grep -q '^Attendance: *in person 1, online 2, online and in person 0, temporarily closed 1 (left out; --include-closed lists them)$' "$out"
ok $? "check counts the closed meeting left out"
run_sp check --include-closed "$F/closed.csv"
grep -q '^Attendance: *in person 1, online 2, online and in person 0, temporarily closed 1$' "$out"
ok $? "check --include-closed: counted, not left out"

# --- addresses ---
t=$(printed "$F/addresses.json")
has "$t" "Quimby Road 2212 Quimby Rd, San Jose CA 95122 " "US: state and ZIP kept, the street said once"
hasnt "$t" "2212 Quimby Road," "the venue that repeats the street is not printed"
has "$t" "Gemeindehaus, Beispielstraße 5, 10115 Berlin " "German: the PLZ kept, before the town"
has "$t" "Leeds Central Library, Calverley St, Leeds LS1 3AB" "the town kept though the venue's name has it"

# --- BMLT: regions, passcode in the additional info, weeks ---
run_sp check "$F/bmlt_berlin.json"
grep -q '^Region: *Berlin 2$' "$out"; ok $? "BMLT: the region is the municipality"
run_sp check --region kreuzberg "$F/bmlt_berlin.json"
is "$(head -n 1 "$out")" "1 meeting from 1 file (2 in the files; the rest not selected); 0 records could not be used" \
    "--region matches the city sub-section (any case)"
t=$(printed "$F/bmlt_berlin.json")
has "$t" "Meeting ID 812 3456 7894, passcode 647529" "BMLT 'Passwort: 647529' in the additional info"

# --- no fellowship in the feed ---
t=$(printed "$F/eda.json")
hasnt "$t" "Anonymous" "no fellowship named when the feed has none"
hasnt "$t" "Drugs or alcohol" "and no subtitle about drink or drugs"
has "$t" "near you You don't have to do it alone." "a neutral subtitle"
t=$(printed --as 'Eating Disorders Anonymous' "$F/eda.json")
has "$t" "Struggling with food? You don't have to do it alone." "--as: the subtitle fits the fellowship"
has "$t" "Eating Disorders Anonymous" "--as: the fellowship is named"
printf '[organisation]\nname = Example Network\n\n[directory]\nfellowship = Eating Disorders Anonymous\ntimezone = America/New_York\n' > "$TMP/settings.ini"
t=$(printed --settings "$TMP/settings.ini" "$F/eda.json")
has "$t" "Struggling with food?" "[directory] fellowship in the settings file"
run_sp check "$F/eda.json"
grep -q "^Fellowship: *(not known) 3$" "$out"; ok $? "check: the fellowship is not known"
grep -q "^ *3 meetings name no fellowship, so none is printed: give it with --as NAME before the file, or 'fellowship = NAME' in the settings file's \[directory\] section$" "$out"
ok $? "check: says once how to set it"
grep -q "^Time zone: *2 meetings give no time zone: UK time (Europe/London) is assumed" "$out"
ok $? "check: UK time assumed, said once ('1:30pm Eastern' in a name counts as a zone)"
run_sp check --settings "$TMP/settings.ini" "$F/eda.json"
grep -q "^Fellowship: *Eating Disorders Anonymous 3$" "$out"; ok $? "check --settings: fellowship from [directory]"
grep -q "^Time zone:" "$out"; is "$?" 1 "check --settings: a zone from [directory], nothing assumed"
run_sp check --timezone America/Chicago "$F/eda.json"
grep -q "^Time zone:" "$out"; is "$?" 1 "--timezone before the file: nothing assumed"
run_sp check --timezone Eastern "$F/eda.json"
is "$status:$(head -n 1 "$err")" "2:signpost: --timezone: expected a time zone such as 'Europe/London' or 'America/New_York', got 'Eastern'" \
    "--timezone: an IANA name only"

done_testing
