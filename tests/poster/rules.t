#!/bin/sh
# Large-print rules on real posters (docs/standards.md P2, P4), and
# the CLI's care with what users give it:
#   - single pieces of information never break across lines: every postcode and phone
#     number of the examples, every meeting ID, every time and page number is whole on
#     one line of the plan;
#   - left-aligned, ragged right: the lines of every paragraph start at one left edge;
#   - no blocks of capitals;
#   - a link too long for a QR code never fails the poster: the row says where the
#     joining details are, a warning names the meeting, --werror makes it exit 1;
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
        print "# $n postcodes and phone numbers checked\n";
        exit($bad ? 1 : 0);' "$TMP/lines" examples/aa-south-wales.json
    ok $? "$lay: postcodes and phone numbers never break across lines"
    # times: each row's label is one whole time ("7.30pm", "noon", "19:30")
    perl -ne '
        $in = 1 if /^  begin Lbl$/; $in = 0 if /^  end Lbl$/;
        next unless $in && /^  text .*"(.*)"$/;
        $n++; next if $1 =~ /^(\d{1,2}(\.\d\d)?(am|pm)|noon|midnight|\d\d:\d\d|Code \d+)$/;
        print "# not a whole time: $1\n"; $bad++;
        END { print "# $n labels\n"; exit($bad || !$n ? 1 : 0) }' "$out"
    ok $? "$lay: every time whole on one line"

    # meeting IDs: the number whole on one line, right after its label (same line or next)
    n_id=$(grep -c 'Meeting ID' "$TMP/lines")
    is "$(tr '\n' '|' < "$TMP/lines" | grep -o 'Meeting ID[ |][0-9]\{3\} [0-9]\{4\} [0-9]\{4\}' | wc -l | tr -d ' ')" \
        "$n_id" "$lay: every meeting ID whole ($n_id)"

    # left aligned, ragged right: within each paragraph every line starts at one x
    perl -ne '
        if (/^  begin (P|H\d|Lbl)$/) { %x = (); $in = 1; next }
        if (/^  end (P|H\d|Lbl)$/) { $bad++, print "# lines of one paragraph at x @{[sort keys %x]}\n"
                                         if keys %x > 1; $n++ if $in; $in = 0; next }
        $x{$1} = 1 if $in && /^  text ([\d.]+) /;
        END { print "# $n paragraphs\n"; exit($bad || !$n ? 1 : 0) }' "$out"
    ok $? "$lay: every paragraph left-aligned (its lines start at one edge)"

    # no block of capitals: no line with 12 or more letters all upper case
    perl -CSD -ne 'my $l = () = /\p{L}/g; my $u = () = /\p{Lu}/g;
        if ($l >= 12 && $u == $l) { print "# capitals: $_"; $bad = 1 } END { exit($bad ? 1 : 0) }' \
        "$TMP/lines"
    ok $? "$lay: no blocks of capitals"
done

# a link too long for a QR code: the poster is still made; the row points to the directory
# and a warning names the meeting; --werror turns it into exit 1
long=$(perl -e 'print "https://example.org/join?room=" . ("x" x 3000)')
printf '[{"name":"Very Long Link","day":1,"time":"19:00","conference_url":"%s"},{"name":"Short Link","day":2,"time":"19:00","conference_url":"https://zoom.us/j/81234567890"}]\n' "$long" \
    > "$TMP/long.json"
run_sp render --settings examples/settings.ini --date 2026-11-26 -o "$TMP/long.pdf" "$TMP/long.json"
is "$status" 0 "a link too long for a QR code: the poster is still made (exit 0)"
grep -qxF "signpost: $TMP/long.json:1: warning: 'Very Long Link': link too long for a QR code; the poster says where to find the joining details instead" "$err"
ok $? "the warning names the file, record and meeting, and what the poster did"
pdftotext -raw "$TMP/long.pdf" - | tr '\n' ' ' | sed 's/\xc2\xa0/ /g; s/  */ /g' > "$TMP/long.txt"
grep -q "7pm Very Long Link Online: join details at example.org/meetings" "$TMP/long.txt"
ok $? "its row says where the joining details are"
is "$(for f in $(pdftoppm -r 150 -png "$TMP/long.pdf" "$TMP/lq" && ls "$TMP"/lq*.png); do zbarimg --raw -q "$f" 2>/dev/null; done | sort | tr '\n' ' ')" \
    "https://example.org/meetings https://zoom.us/j/81234567890 " "the other meeting keeps its code; the directory code is there"
run_sp render --settings examples/settings.ini --werror -o "$TMP/long2.pdf" "$TMP/long.json"
is "$status" 1 "--werror: the warning makes it exit 1"

# a 2,000-character name and a 2,000-character note: the poster is made, the name is cut at
# a word to three lines ending "… more at example.org/meetings", the cut is reported;
# notes are not printed on a timetable poster (the directory code leads to them)
words=$(perl -e 'print join(" ", ("Fellowship") x 180)')
printf '[{"name":"Long %s","day":3,"time":"19:00","location":"Hall","formatted_address":"1 Road, Bath BA1 1AA, UK","notes":"%s"},{"name":"Next","day":4,"time":"19:00","location":"Hall","formatted_address":"1 Road, Bath BA1 1AA, UK","notes":"%s"}]\n' "$words" "$words" "$words" > "$TMP/huge.json"
run_sp render --settings examples/settings.ini --date 2026-11-26 -o "$TMP/huge.pdf" "$TMP/huge.json"
is "$status" 0 "a 2,000-character name and note: the poster is still made"
is "$(cat "$err")" "signpost: $TMP/huge.json:1: warning: 'Long Fellowship Fellowship Fellowship Fellowship Fellowship…': too long for a row of the poster (at most 3 lines for the name, 5 for the place); cut at a word" \
    "the cut is reported, once, naming the meeting"
"$SIGNPOST" render --settings examples/settings.ini --date 2026-11-26 --dump-plan "$TMP/huge.json" 2>/dev/null |
    sed 's/\xc2\xa0/ /g' > "$TMP/huge.plan"
is "$(awk '/begin LBody/ { n++ } n == 1 && /^  text .*bold 18.0pt/ { k++ } /end P/ && n == 1 { print k; exit }' "$TMP/huge.plan")" 3 \
    "the name takes three lines"
grep -q 'Fellowship … more at example.org/meetings"$' "$TMP/huge.plan"; ok $? "ending '… more at <directory>' after a whole word"
pdftotext "$TMP/huge.pdf" - | grep -q "Next"; ok $? "the next meeting is on the poster too"

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
sed 's/\xc2\xa0/ /g' "$out" | grep -q 'Page 1 of [0-9]*"$'; ok $? "long area name: the page number whole, at the end of a line"

# --start-day
run_sp render --settings examples/settings.ini --date 2026-11-26 --start-day today --dump-plan examples/smart-bath.csv
is "$(grep -m1 -A1 'begin H2' "$out" | sed -n 's/.*"\(.*\)"$/\1/p')" "Thursday" "--start-day today (26 November 2026) starts on Thursday"
run_sp render --settings examples/settings.ini --start-day sunday --dump-plan examples/smart-bath.csv
is "$(grep -m1 -A1 'begin H2' "$out" | sed -n 's/.*"\(.*\)"$/\1/p')" "Sunday" "--start-day sunday"

done_testing
