#!/bin/sh
# The bundled examples load cleanly: no problem and no warning in any of the three formats
# (so every warning a user sees is about their data, not ours), with the expected counts.
set -u
. tests/lib.sh

run_sp check --werror --include-closed examples/aa-south-wales.json \
    --as 'Narcotics Anonymous' --formats examples/na-bristol-formats.json \
    examples/na-bristol-bmlt.json --as '' examples/smart-bath.csv
is "$status" 0 "check --werror on the examples exits 0"
is "$(wc -c < "$err" | tr -d ' ')" 0 "no problem or warning printed"
is "$(head -n 1 "$out")" "113 meetings from 3 files; 0 records could not be used" "summary counts"
grep -q '^Attendance: ' "$out"; ok $? "attendance line"
grep -q '^Fellowship: .*Narcotics Anonymous' "$out"; ok $? "fellowship from --as"
grep -q '^Weekday: *Mon ' "$out"; ok $? "weekdays Monday first"
grep -q "^Duplicates (same name, day and time): 0" "$out"; ok $? "no duplicates"

# the same file twice: every meeting is a duplicate, reported with both places
run_sp check examples/smart-bath.csv examples/smart-bath.csv
is "$status" 0 "duplicates are warnings, not problems"
grep -q "^signpost: examples/smart-bath.csv:[0-9]*: warning: meeting '.*' on .* duplicates examples/smart-bath.csv:[0-9]*$" "$err"
ok $? "a duplicate names both places"
run_sp check --werror examples/smart-bath.csv examples/smart-bath.csv
is "$status" 1 "--werror turns the duplicate warnings into exit 1"

# selection
run_sp check --region Cardiff --day tue examples/aa-south-wales.json
want=$(perl -MJSON::PP -e 'local $/; open my $f, "<", $ARGV[0]; my $d = decode_json(<$f>);
    my $n = 0; for (@$d) { next if grep { uc eq "TC" } @{$_->{types} || []};
    next unless ($_->{region} // "") eq "Cardiff";
    my @days = ref $_->{day} ? @{$_->{day}} : ($_->{day}); $n++ if grep { $_ eq "2" } @days }
    print $n' examples/aa-south-wales.json)
head -n 1 "$out" | grep -q "^$want meetings\? from 1 file"; ok $? "--region Cardiff --day tue selects $want"

done_testing
