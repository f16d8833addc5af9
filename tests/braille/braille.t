#!/bin/sh
# braille.t - the meeting list in braille (issue 14), checked with liblouis on its own
# (tests/tools/brf_louis) and an independent reading of the input (mg-expect.pl):
# BRF form (braille ASCII, CR LF, form feeds, <= 40 cells, <= 25 lines, page numbers in
# order), every selected meeting's name, day and start time read back, no phone number,
# meeting ID or postcode split across lines, PEF structure (xmllint) and cells equal to
# the BRF's, Unicode text, Welsh passages and a Welsh table, grade 1, numbers at the
# bottom, small pages on a generated 500-meeting directory, warnings, errors.
set -u
. tests/lib.sh

S="--settings examples/settings.ini --date 2026-11-26"
EX=examples/aa-south-wales.json
LOUIS=$BUILD/tests/tools/brf_louis
UEB2=en-us-brf.dis,en-ueb-g2.ctb
CY2=en-us-brf.dis,cy-cy-g2.ctb
PL1=en-us-brf.dis,Pl-Pl-g1.utb

if [ ! -x "$LOUIS" ]; then
    skip "$LOUIS not built (make check builds it)"
    done_testing
    exit $?
fi

# numbers FILE.json: the dial-in numbers (as dialled in the UK) and Zoom meeting IDs;
# postcodes FILE.json: the UK postcodes in the addresses.  The test's own reading.
numbers() {
    perl -MJSON::PP -e '
        local $/; my $d = JSON::PP->new->utf8->decode(<STDIN>);
        for my $m (@$d) {
            if (my $p = $m->{conference_phone}) {
                (my $n = (split /,/, $p)[0]) =~ s/[^0-9+]//g;
                $n =~ s/^\+44/0/;
                print "$n\n";
            }
            print "$1\n" if ($m->{conference_url} // "") =~ m{/j/(\d{9,11})};
        }' < "$1"
}
postcodes() {
    perl -MJSON::PP -e '
        local $/; my $d = JSON::PP->new->utf8->decode(<STDIN>);
        for my $m (@$d) {
            my $a = $m->{formatted_address} // "";
            print "$1\n" while $a =~ /\b([A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2})\b/g;
        }' < "$1"
}

# read_back [--bottom] EXPECT PREFIX BRF UEB OTHER WELSH: back-translate BRF with the UEB
# and the OTHER (Polish) table lists, take the braille of each name in the WELSH table
# list, and check with brf-expect.pl against EXPECT (with PREFIX.numbers and
# PREFIX.postcodes).  Output in $TMP/found.
read_back() {
    bottom=""
    if [ "$1" = --bottom ]; then bottom=--bottom; shift; fi
    cut -f2 "$1" | sed 's/^[^:]*: //' | sort -u > "$2.names"
    "$LOUIS" back "$4" < "$3" > "$2.reading"
    "$LOUIS" back "$5" < "$3" > "$2.other"
    "$LOUIS" forward "$6" < "$2.names" > "$2.welsh"
    # shellcheck disable=SC2086
    perl tests/tools/brf-expect.pl $bottom "$1" "$2.numbers" "$2.postcodes" "$3" \
        "$2.reading" "$2.names" "back:$2.other" "fwd:$2.welsh" > "$TMP/found" 2>&1
}

# brf_to_unicode: braille ASCII to U+2800 cells (North American braille ASCII, the
# test's own copy of the table)
brf_to_unicode() {
    perl -CS -pe 'BEGIN { $t = q( A1B'"'"'K2L@CIF/MSP"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\0Z7(_?W]#Y)=);
                          %m = map { substr($t, $_, 1) => chr(0x2800 + $_) } 0 .. 63 }
                  s/\r//; s/([\x20-\x5F])/$m{$1}/g'
}

# ---- the example directory as BRF ----
run_sp render --layout braille-brf $S -o "$TMP/list.brf" $EX
is "$status" 0 "BRF: exit 0"
is "$(sans_note "$err")" "" "BRF: no warnings (Polish letters go through the Polish table)"
perl tests/tools/brf-check.pl "$TMP/list.brf" 40 25 top > "$TMP/check" 2>&1
ok $? "BRF: braille ASCII, CR LF, form feeds, <= 40 cells, <= 25 lines, pages numbered 1..N"
diag "$(head -5 "$TMP/check")"
pages=$(sed -n 's/^pages //p' "$TMP/check")
[ "${pages:-0}" -ge 20 ]; ok $? "BRF: $pages pages"

perl tests/tools/mg-expect.pl "$EX" > "$TMP/expect"
numbers "$EX" > "$TMP/ex.numbers"
postcodes "$EX" > "$TMP/ex.postcodes"
[ -s "$TMP/expect" ] && [ "$(wc -l < "$TMP/ex.numbers")" -ge 5 ] &&
    [ "$(wc -l < "$TMP/ex.postcodes")" -ge 20 ]
ok $? "independent reading: $(wc -l < "$TMP/expect") entries, $(wc -l < "$TMP/ex.numbers") numbers, $(wc -l < "$TMP/ex.postcodes") postcodes"
read_back "$TMP/expect" "$TMP/ex" "$TMP/list.brf" "$UEB2" "$PL1" "$CY2"
ok $? "every meeting under its day with its time and name; no number or postcode split"
diag "$(tail -6 "$TMP/found")"
# only names in Welsh (here: the "Cymraeg" meetings) are matched by their Welsh braille
# rather than read back
! grep '^by braille: ' "$TMP/found" | grep -v Cymraeg | grep -q .
ok $? "every other name reads back from the braille"
cp "$TMP/ex.reading" "$TMP/r.en"

# the title page and contents say what they should
sed -n '1,/^=== page/p' "$TMP/r.en" | tr -s ' ' > "$TMP/title"
grep -q 'Free support meetings near you' "$TMP/title"; ok $? "title page: the title"
grep -q 'South Wales and the West' "$TMP/title"; ok $? "title page: the area"
grep -q 'List printed on 26 November 2026' "$TMP/title"; ok $? "title page: the date printed"
grep -q 'Phone 01632 960123' "$TMP/title"; ok $? "title page: the organisation's phone"
tr -s ' \n' ' ' < "$TMP/title" | grep -q 'Braille: Unified English Braille, contracted (grade 2)'
ok $? "title page: the braille code"
# contents: each day's page number is the page whose heading is that day
awk '/^=== page/ { p++ } { print p + 1 "\t" $0 }' "$TMP/r.en" > "$TMP/paged"
bad=0
for d in Monday Tuesday Wednesday Thursday Friday Saturday Sunday; do
    says=$(awk -F'\t' -v d="$d" '$1 == 2 && $2 ~ "^" d " " { n = split($2, w, " "); print w[n] }' "$TMP/paged")
    is_at=$(awk -F'\t' -v d="$d" '{ t = $2; gsub(/^ +| +$/, "", t) } t == d && $2 ~ /^  / { print $1; exit }' "$TMP/paged")
    if [ -z "$says" ] || [ "$says" != "$is_at" ]; then
        bad=1
        diag "contents says $d is on page '$says'; its heading is on page '$is_at'"
    fi
done
[ "$bad" = 0 ]; ok $? "contents page numbers match the headings"

# a meeting on several days: in full under its first day, a pointer under the others
grep -c 'Cardiff Online Lunchtime' "$TMP/r.en" > "$TMP/n"
[ "$(cat "$TMP/n")" -ge 5 ]; ok $? "Monday-to-Friday meeting named under each of its 5 days"
[ "$(tr -s ' \n' ' ' < "$TMP/r.en" | grep -o '(Monday to Friday; details under Monday)' | wc -l)" = 4 ]
ok $? "... with a pointer to Monday under Tuesday to Friday"

# online meetings: service, meeting ID, passcode, dial-in and the short address, no link
grep -q 'Online (Zoom)' "$TMP/r.en"; ok $? "online: the service"
grep -q 'Meeting ID 812 3456 7890, passcode' "$TMP/r.en"; ok $? "online: meeting ID and passcode"
grep -q 'Dial in 029 2018 0123' "$TMP/r.en"; ok $? "online: the dial-in number as dialled"
grep -q 'Links to join: example.org/meetings' "$TMP/r.en"; ok $? "online: the directory's short address"
! grep -q 'https' "$TMP/r.en"; ok $? "no full links (no QR codes in braille)"

# ---- Welsh passages in the default run, through the Welsh table ----
# the same sentence in UEB and in Welsh braille differ (ae, dd, ll...); the list has Welsh's
welsh="Mae'r drws wrth ochr y T\305\267 Capel."
printf "$welsh\n" | "$LOUIS" forward "$CY2" | tr -d ' ' > "$TMP/cy-want"
printf "$welsh\n" | "$LOUIS" forward "$UEB2" | tr -d ' ' > "$TMP/en-want"
tr -d '\r\n\f ' < "$TMP/list.brf" > "$TMP/flat"
! cmp -s "$TMP/cy-want" "$TMP/en-want"; ok $? "Welsh and UEB braille of the sentence differ"
grep -qF "$(cat "$TMP/cy-want")" "$TMP/flat"
ok $? "Welsh notes brailled with cy-cy-g2 ($(cat "$TMP/cy-want"))"
! grep -qF "$(cat "$TMP/en-want")" "$TMP/flat"; ok $? "... not with UEB ($(cat "$TMP/en-want"))"
grep -q 'Free parking behind the centre.' "$TMP/r.en"
ok $? "the English sentence after a Welsh one stays in UEB"

# ---- a Welsh table on the Welsh meetings ----
run_sp render --layout braille-brf $S --braille-table cy-cy-g2.ctb --search Cymraeg \
    -o "$TMP/cy.brf" $EX
is "$status" 0 "Welsh table: exit 0"
perl tests/tools/brf-check.pl "$TMP/cy.brf" 40 25 top > "$TMP/check" 2>&1
ok $? "Welsh table: BRF form and page numbers"
diag "$(head -3 "$TMP/check")"
tr -d '\r\n\f ' < "$TMP/cy.brf" > "$TMP/cy.flat"
for name in "Caerdydd Cymraeg" "Abertawe Cymraeg" "Gwynedd & M\303\264n Cymraeg Ar-lein"; do
    printf "$name\n" | "$LOUIS" forward "$CY2" | tr -d ' ' > "$TMP/want"
    grep -qF "$(cat "$TMP/want")" "$TMP/cy.flat"
    ok $? "Welsh table: '$(printf "$name")' in cy-cy-g2 braille ($(cat "$TMP/want"))"
done
printf 'Braille: liblouis table cy-cy-g2.ctb\n' | "$LOUIS" forward "$CY2" | tr -d ' ' > "$TMP/want"
grep -qF "$(cat "$TMP/want")" "$TMP/cy.flat"; ok $? "Welsh table: named on the title page"

# ---- grade 1 ----
run_sp render --layout braille-brf $S --braille-table en-ueb-g1.ctb -o "$TMP/g1.brf" $EX
is "$status" 0 "grade 1: exit 0"
cp "$TMP/ex.numbers" "$TMP/g1.numbers"
cp "$TMP/ex.postcodes" "$TMP/g1.postcodes"
read_back "$TMP/expect" "$TMP/g1" "$TMP/g1.brf" en-us-brf.dis,en-ueb-g1.ctb "$PL1" \
    en-us-brf.dis,cy-cy-g1.utb
ok $? "grade 1: every meeting under its day, read with en-ueb-g1 (Welsh names cy-cy-g1)"
diag "$(tail -3 "$TMP/found")"
cp "$TMP/g1.reading" "$TMP/g1.en"
grep -q 'MEETINGS' "$TMP/g1.brf" && ! grep -q 'MEET+' "$TMP/g1.brf"
ok $? "grade 1: 'meetings' uncontracted"
tr -s ' \n' ' ' < "$TMP/g1.en" | grep -q 'Braille: Unified English Braille, uncontracted (grade 1)'
ok $? "grade 1: said on the title page"

# ---- PEF ----
run_sp render --layout braille-brf $S -o "$TMP/list.pef" $EX
is "$status" 0 "PEF: exit 0"
if have xmllint; then
    xmllint --noout "$TMP/list.pef" 2> "$TMP/xml"; ok $? "PEF: well-formed XML"
    x() { xmllint --xpath "$1" "$TMP/list.pef" 2>/dev/null; }
    P="*[local-name()='pef' and namespace-uri()='http://www.daisy.org/ns/2008/pef']"
    is "$(x "string(/$P/@version)")" "2008-1" "PEF: root pef, PEF namespace, version 2008-1"
    DC="namespace-uri()='http://purl.org/dc/elements/1.1/'"
    is "$(x "string(/$P/*[local-name()='head']/*[local-name()='meta']/*[local-name()='format' and $DC])")" \
        "application/x-pef+xml" "PEF: dc:format"
    [ -n "$(x "string(/$P/*[local-name()='head']/*[local-name()='meta']/*[local-name()='identifier' and $DC])")" ]
    ok $? "PEF: dc:identifier"
    is "$(x "string(//*[local-name()='meta']/*[local-name()='title'])")" \
        "Free support meetings near you: South Wales and the West" "PEF: dc:title"
    is "$(x "string(//*[local-name()='meta']/*[local-name()='date'])")" "2026-11-26" "PEF: dc:date"
    is "$(x "string(//*[local-name()='meta']/*[local-name()='language'])")" "en-GB" "PEF: dc:language"
    V="/$P/*[local-name()='body']/*[local-name()='volume']"
    is "$(x "concat($V/@cols, ' ', $V/@rows, ' ', $V/@rowgap, ' ', $V/@duplex)")" "40 25 0 false" \
        "PEF: one volume, 40 cols, 25 rows, rowgap 0, single-sided"
    is "$(x "count($V/*[local-name()='section']/*[local-name()='page'])")" "$pages" \
        "PEF: body/volume/section/page, as many pages as the BRF"
    ROWS="$V/*[local-name()='section']/*[local-name()='page']/*[local-name()='row']"
    is "$(x "count(//*[local-name()='row']) - count($ROWS)")" "0" "PEF: every row inside a page"
    KNOWN="local-name()='pef' or local-name()='head' or local-name()='meta'"
    KNOWN="$KNOWN or local-name()='body' or local-name()='volume' or local-name()='section'"
    KNOWN="$KNOWN or local-name()='page' or local-name()='row'"
    is "$(x "count(//*[namespace-uri()='http://www.daisy.org/ns/2008/pef' and not($KNOWN)])")" \
        "0" "PEF: no other PEF elements"
else
    skip "xmllint not installed"
fi
perl -CSD -ne '
    $p++ if /<page>/; $r = 0 if /<page>/;
    if (/<row>(.*)<\/row>/) {
        $r++; $bad++ if length($1) > 40 || $1 =~ /[^\x{2800}-\x{283F}]/;
    }
    $pagebad++ if /<\/page>/ && $r > 25;
    END { exit(($bad || $pagebad) ? 1 : 0) }' "$TMP/list.pef"
ok $? "PEF: rows of at most 40 six-dot cells, pages of at most 25 rows"
perl -CSD -ne 'if (/<page>/) { print "\f" if $n++ } print "$1\n" if /<row>(.*)<\/row>/' \
    "$TMP/list.pef" > "$TMP/pef-cells"
printf '\f' >> "$TMP/pef-cells"
brf_to_unicode < "$TMP/list.brf" > "$TMP/brf-cells"
cmp -s "$TMP/pef-cells" "$TMP/brf-cells"; ok $? "PEF: the same cells as the BRF, page for page"

# ---- Unicode braille text ----
run_sp render --layout braille-brf $S -o "$TMP/list.txt" $EX
is "$status" 0 "text: exit 0"
cmp -s "$TMP/list.txt" "$TMP/brf-cells"; ok $? "text: the BRF's cells as U+2800 braille, LF, form feeds"

# ---- same input and date, same bytes ----
run_sp render --layout braille-brf $S -o "$TMP/again.brf" $EX
cmp -s "$TMP/list.brf" "$TMP/again.brf"; ok $? "BRF: byte-identical when made twice"

# ---- page numbers at the bottom, other sizes ----
printf '[layout]\ndescription = BANA\nkind = braille\n[braille]\ncells = 32\nlines = 28\npage-numbers = bottom\n' \
    > "$TMP/bana"
run_sp render --layout "$TMP/bana" $S -o "$TMP/bana.brf" $EX
is "$status" 0 "bottom numbers: exit 0"
perl tests/tools/brf-check.pl "$TMP/bana.brf" 32 28 bottom > "$TMP/check" 2>&1
ok $? "bottom numbers: <= 32 cells, <= 28 lines, numbers on line 28 at cell 32, in order"
diag "$(head -3 "$TMP/check")"
cp "$TMP/ex.numbers" "$TMP/bana.numbers"
cp "$TMP/ex.postcodes" "$TMP/bana.postcodes"
read_back --bottom "$TMP/expect" "$TMP/bana" "$TMP/bana.brf" "$UEB2" "$PL1" "$CY2"
ok $? "bottom numbers: every meeting under its day"
diag "$(tail -3 "$TMP/found")"

if [ -x "$BUILD/bench/gen_directory" ]; then
    "$BUILD/bench/gen_directory" --meetings 500 --seed 1 --format mg-json > "$TMP/g500.json"
    printf '[layout]\ndescription = small\nkind = braille\n[braille]\ncells = 24\nlines = 12\n' \
        > "$TMP/small"
    run_sp render --layout "$TMP/small" $S -o "$TMP/g500.brf" "$TMP/g500.json"
    is "$status" 0 "500 meetings on 24 x 12 pages: exit 0"
    perl tests/tools/brf-check.pl "$TMP/g500.brf" 24 12 top > "$TMP/check" 2>&1
    ok $? "500 meetings on 24 x 12: <= 24 cells, <= 12 lines, pages numbered in order ($(tail -1 "$TMP/check"))"
    diag "$(head -3 "$TMP/check")"
    perl tests/tools/mg-expect.pl "$TMP/g500.json" > "$TMP/g500.expect"
    numbers "$TMP/g500.json" > "$TMP/g500.numbers"
    postcodes "$TMP/g500.json" > "$TMP/g500.postcodes"
    read_back "$TMP/g500.expect" "$TMP/g500" "$TMP/g500.brf" "$UEB2" "$PL1" "$CY2"
    ok $? "500 meetings on 24 x 12: every meeting under its day; no number or postcode split"
    diag "$(tail -4 "$TMP/found")"
else
    skip "gen_directory not built (make check builds it)"
fi

# ---- one output per region ----
run_sp render --layout braille-brf $S --split-by region -o "$TMP/split/list.brf" $EX
is "$status" 0 "split by region: exit 0"
n=0 bad=0
for f in "$TMP"/split/list-*.brf; do
    n=$((n + 1))
    perl tests/tools/brf-check.pl "$f" 40 25 top > /dev/null 2>&1 || bad=1
done
[ "$n" -ge 5 ] && [ "$bad" = 0 ]; ok $? "split by region: $n BRF files, each well formed"

# ---- characters with no braille: reported for their meeting ----
printf '[\n {"name": "Tea \342\230\225 Club", "day": 1, "time": "19:00",\n  "formatted_address": "1 High St, Cardiff CF10 1AA, UK"}\n]\n' > "$TMP/emoji.json"
run_sp render --layout braille-brf $S -o "$TMP/emoji.brf" "$TMP/emoji.json"
is "$status" 0 "no braille for a character: still made"
is "$(cat "$err")" "$(printf "signpost: $TMP/emoji.json:2: warning: 'Tea \342\230\225 Club': 1 character with no braille in table 'en-ueb-g2.ctb' left out (such as '\342\230\225')")" \
    "... with a warning naming the meeting"
run_sp render --layout braille-brf $S --werror -o "$TMP/emoji.brf" "$TMP/emoji.json"
is "$status" 1 "... and exit 1 under --werror"

# ---- errors ----
cp "$TMP/list.brf" "$TMP/keep.brf"
run_sp render --layout braille-brf $S --braille-table no-such-table.ctb -o "$TMP/keep.brf" $EX
is "$status" 2 "unknown table: exit 2"
is "$(head -n 1 "$err")" "signpost: --braille-table: liblouis has no translation table 'no-such-table.ctb' (try en-ueb-g1.ctb, en-ueb-g2.ctb, cy-cy-g1.utb or cy-cy-g2.ctb)" \
    "unknown table: message"
cmp -s "$TMP/keep.brf" "$TMP/list.brf"; ok $? "unknown table: the earlier file is untouched"
run_sp render --layout braille-brf $S -o "$TMP/list.pdf" $EX
is "$status" 2 "braille layout, PDF name: exit 2"
is "$(head -n 1 "$err")" "signpost: -o: a braille layout writes .brf, .pef or .txt, got '$TMP/list.pdf'" \
    "braille layout, PDF name: message"
[ ! -e "$TMP/list.pdf" ]; ok $? "... and no file"
run_sp render --layout poster-a4 $S -o "$TMP/poster.brf" $EX
is "$status" 2 "print layout, BRF name: exit 2"
is "$(head -n 1 "$err")" "signpost: -o: '$TMP/poster.brf' is a braille file; use a braille layout such as '--layout braille-brf'" \
    "print layout, BRF name: message"
printf '[layout]\ndescription = x\nkind = braille\n[page]\nsize = A4\n' > "$TMP/bad-layout"
run_sp render --layout "$TMP/bad-layout" $S -o "$TMP/x.brf" $EX
is "$status" 1 "braille layout with [page]: exit 1"
is "$(head -n 1 "$err")" "signpost: $TMP/bad-layout:4:1: section '[page]' is not for braille layouts (they have '[braille]' cells and lines)" \
    "braille layout with [page]: message"
printf '[layout]\ndescription = x\nkind = braille\n[braille]\ntable = nope.ctb\n' > "$TMP/bad-table"
run_sp render --layout "$TMP/bad-table" $S -o "$TMP/x.brf" $EX
is "$status" 1 "a layout's unknown table: exit 1"
is "$(head -n 1 "$err")" "signpost: $TMP/bad-table: 'table': liblouis has no translation table 'nope.ctb' (try en-ueb-g1.ctb, en-ueb-g2.ctb, cy-cy-g1.utb or cy-cy-g2.ctb)" \
    "a layout's unknown table: message"
run_sp render --layout braille-brf $S --braille-table 'en ueb' -o "$TMP/x.brf" $EX
is "$status" 2 "a table name with a space: exit 2"
if [ -c /dev/full ]; then
    ln -s /dev/full "$TMP/full.brf"
    run_sp render --layout braille-brf $S -o "$TMP/full.brf" $EX
    is "$status" 3 "full disk: exit 3"
    is "$(head -n 1 "$err")" "signpost: cannot write '$TMP/full.brf': No space left on device" \
        "full disk: message"
fi
[ -z "$(find "$TMP" -name '*.tmp')" ]; ok $? "no .tmp file left anywhere"

done_testing
