#!/bin/sh
# Large-print rules on real posters (STANDARDS.md rows 7, 8, 12), and the CLI's care with
# what users give it:
#   - single pieces of information never break across lines: every time range, postcode,
#     meeting ID and dial-in number of the examples is whole on one line of the plan;
#   - left-aligned ragged right: every text line starts at the column's left edge;
#   - no blocks of capitals;
#   - a URL too long for a QR code is an error naming the meeting;
#   - --split-by makes safe file names from hostile region names;
#   - --start-day starts the week where asked.
set -u
. tests/lib.sh

EX="examples/aa-south-wales.json --as 'Narcotics Anonymous' --formats examples/na-bristol-formats.json examples/na-bristol-bmlt.json --as '' examples/smart-bath.csv"
for lay in poster-a4 poster-a3; do
    eval "run_sp render --layout $lay --settings examples/settings.ini --date 2026-11-26 --dump-plan $EX"
    is "$status" 0 "$lay: plan of all three example files"
    sed -n 's/^  text .*"\(.*\)"$/\1/p' "$out" | sed 's/\xc2\xa0/ /g' > "$TMP/lines"

    # glued pieces: every one must be found whole within a single line
    perl -CSD -e '
        open(my $l, "<:utf8", $ARGV[0]) or die; my @lines = <$l>; chomp @lines;
        my $text = join("\n", @lines);
        my (%want, $bad);
        for my $line (@lines) {
            # the pieces as they were printed, found anywhere (even broken across lines)
        }
        open(my $all, "<:utf8", $ARGV[1]) or die; local $/; my $j = <$all>;
        while ($j =~ /\b([A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2})\b/g) { $want{$1} = "postcode" }
        while ($j =~ /\b(0[0-9]{3,4} [0-9]{3} ?[0-9]{3,4})\b/g) { $want{$1} = "phone" }
        my $n = 0;
        for my $w (sort keys %want) {
            my $in_text = index($text =~ s/\n/ /gr, $w) >= 0;
            next unless $in_text;             # not every field is printed on a poster
            $n++;
            unless (grep { index($_, $w) >= 0 } @lines) {
                print "# $want{$w} broken across lines: $w\n"; $bad++;
            }
        }
        my $t = 0;
        for my $line (@lines) {
            $t++ if $line =~ /^\S+ to \S+: /;
            if ($line =~ /\b(\d{1,2}(\.\d\d)?(am|pm)|noon|midnight) to$/ || $line =~ /^to \d/) {
                print "# time range broken: $line\n"; $bad++;
            }
        }
        print "# $n postcodes and phone numbers checked, $t time ranges\n";
        exit($bad ? 1 : 0);' "$TMP/lines" examples/aa-south-wales.json
    ok $? "$lay: postcodes, phone numbers and times never break across lines"

    # meeting IDs: "Meeting ID 823 4567 8901" whole on a line wherever printed
    grep -c 'Meeting ID [0-9 ]*[0-9]' "$TMP/lines" > "$TMP/nid"
    ! grep -q 'Meeting ID *$' "$TMP/lines"; ok $? "$lay: meeting IDs whole ($(cat "$TMP/nid") lines)"

    # left aligned: every text item starts at the left margin (one column)
    margin=$(awk '/^  text / { print $2 }' "$out" | sort -u)
    is "$margin" "$(awk '/^  text / { print $2; exit }' "$out")" "$lay: every text line starts at the same left edge"

    # no block of capitals: no line with 12 or more letters all upper case
    perl -CSD -ne 'my $l = () = /\p{L}/g; my $u = () = /\p{Lu}/g;
        if ($l >= 12 && $u == $l) { print "# capitals: $_"; $bad = 1 } END { exit($bad ? 1 : 0) }' \
        "$TMP/lines"
    ok $? "$lay: no blocks of capitals"
done

# a URL too long for a QR code: an error naming the meeting, exit 1, no file
long=$(perl -e 'print "https://example.org/join?room=" . ("x" x 3000)')
printf '[{"name":"Very Long Link","day":1,"time":"19:00","conference_url":"%s"}]\n' "$long" \
    > "$TMP/long.json"
run_sp render --settings examples/settings.ini -o "$TMP/long.pdf" "$TMP/long.json"
is "$status" 1 "a URL too long for a QR code: exit 1"
grep -qx "signpost: 'Very Long Link': URL too long for a QR code" "$err"
ok $? "the error names the meeting"
[ ! -e "$TMP/long.pdf" ]; ok $? "no PDF left behind"

# hostile region names become safe file names inside the output folder
printf '[{"name":"A","day":1,"time":"19:00","location":"Hall","formatted_address":"1 Road, Town AB1 2CD, UK","region":"../../escape"},{"name":"B","day":2,"time":"19:00","location":"Hall","formatted_address":"1 Road, Town AB1 2CD, UK","region":"Cardiff/Caerdydd"}]\n' > "$TMP/regions.json"
mkdir -p "$TMP/split"
run_sp render --settings examples/settings.ini --split-by region -o "$TMP/split/p.pdf" "$TMP/regions.json"
is "$status" 0 "--split-by region with hostile names: exit 0"
is "$(ls "$TMP/split" | LC_ALL=C sort | tr '\n' ' ')" "p-CardiffCaerdydd.pdf p-escape.pdf " "names made safe: no '/' and no '..'"
[ ! -e "$TMP/escape.pdf" ] && [ ! -e "$TMP/../escape.pdf" ]; ok $? "nothing written outside the output folder"

# two regions whose names clean to the same file name: both kept
printf 'Time,Day,Name,Location,Address,City,Postal Code,Region\n19:00,Monday,Alpha Group,Hall,1 Road,Bath,BA1 1AA,Bath/North\n19:00,Tuesday,Beta Group,Hall,1 Road,Bath,BA1 1AA,BathNorth\n' > "$TMP/clash.csv"
mkdir -p "$TMP/clash"
run_sp render --settings examples/settings.ini --split-by region -o "$TMP/clash/p.pdf" "$TMP/clash.csv"
is "$(ls "$TMP/clash" | LC_ALL=C sort | tr '\n' ' ')" "p-BathNorth-2.pdf p-BathNorth.pdf " "clashing region file names get -2, nothing replaced"
is "$(pdftotext "$TMP/clash/p-BathNorth.pdf" - | grep -c 'Alpha Group\|Beta Group')$(pdftotext "$TMP/clash/p-BathNorth-2.pdf" - | grep -c 'Alpha Group\|Beta Group')" "11" "each meeting in its own file"

# a long area name never pushes the page number off the page
sed 's/^area = .*/area = Bristol, Bath and North East Somerset, North Somerset and South Gloucestershire/' examples/settings.ini > "$TMP/long-area.ini"
run_sp render --settings "$TMP/long-area.ini" --dump-plan examples/smart-bath.csv
"$SIGNPOST" render --settings "$TMP/long-area.ini" --dump-plan examples/smart-bath.csv | tests/tools/plan-geom.pl --margin 5 > "$TMP/geom"
ok $? "long area name: everything inside the page"
grep -q '"Page 1 of [0-9]*"' "$out"; ok $? "long area name: the page number on a line of its own"

# --start-day
run_sp render --settings examples/settings.ini --date 2026-11-26 --start-day today --dump-plan examples/smart-bath.csv
is "$(grep -m1 -A1 'begin H2' "$out" | sed -n 's/.*"\(.*\)"$/\1/p')" "Thursday" "--start-day today (26 November 2026) starts on Thursday"
run_sp render --settings examples/settings.ini --start-day sunday --dump-plan examples/smart-bath.csv
is "$(grep -m1 -A1 'begin H2' "$out" | sed -n 's/.*"\(.*\)"$/\1/p')" "Sunday" "--start-day sunday"

done_testing
