#!/bin/sh
# bounded.t - a poster set keeps only each row's sizes and makes its words again where they
# are drawn (issue 16 item 9: bounded memory).  What that must not change: the words drawn
# are the words measured, a row cut to fit is drawn cut, and a QR code made again on its
# sheet (past the cache's size) is the same code.  SIGNPOST_QR_CACHE_MAX=0 makes a small
# directory take the path of one with more distinct links than the cache keeps.
set -u
. tests/lib.sh

S=examples/settings.ini
D=2026-11-26
LONG="Fellowship of the Long Name"
i=0
while [ $i -lt 60 ]; do
    LONG="$LONG and friends of the group number $i"
    i=$((i + 1))
done

# 70 in-person and 20 online meetings: more rows than the column count is chosen on (60),
# so the poster takes the long list's path; the 81st meeting's name is 2,600 characters
perl tests/poster/gen.pl 70 20 Newport | LONG="$LONG" perl -MJSON::PP -e '
    local $/; my $j = decode_json(<STDIN>);
    $j->[80]{name} = $ENV{LONG};
    print JSON::PP->new->canonical->pretty->encode($j);' > "$TMP/set.json"

render() {  # render OUT.pdf [ENV=VALUE...]
    o=$1
    shift
    env SIGNPOST_PDF_CHUNK_PAGES=0 "$@" "$SIGNPOST" render --layout poster-a4 --settings "$S" \
        --date "$D" -o "$o" "$TMP/set.json" > "$TMP/r.out" 2> "$TMP/r.err" < /dev/null
}

render "$TMP/a.pdf"
ok $? "a poster set with one very long name renders"
sheets=$(pdfinfo "$TMP/a.pdf" | sed -n 's/^Pages: *//p')
[ "${sheets:-0}" -ge 3 ]
ok $? "it is a set of several sheets ($sheets)"
n=$(grep -c "too long for a row of the poster" "$TMP/r.err")
is "$n" 1 "the long name is reported once, however many column counts were measured"
pdftotext -raw "$TMP/a.pdf" - | tr '\n' ' ' > "$TMP/a.txt"
grep -q "Fellowship of the Long Name and friends" "$TMP/a.txt"
ok $? "the long name's start is on a sheet"
grep -q "group number 59" "$TMP/a.txt"
[ $? != 0 ]
ok $? "its end is not: the row is drawn as it was cut"
grep -Eq "… more at example\.org/ ?meetings" "$TMP/a.txt"
ok $? "the cut row says where the rest is"

# every code made again on its sheet: the same file, byte for byte
render "$TMP/b.pdf" SIGNPOST_QR_CACHE_MAX=0
ok $? "the same set renders with no QR cache"
cmp -s "$TMP/a.pdf" "$TMP/b.pdf"
ok $? "and is the same file, byte for byte"

# every online meeting is a code on its sheet or counted in "N more online meetings" (the
# panels show as many as fit); each code decodes to its meeting's link
if have zbarimg; then
    pdftoppm -r 150 -png "$TMP/b.pdf" "$TMP/p"
    for f in "$TMP"/p-*.png; do zbarimg -q --raw "$f" 2> /dev/null; done |
        grep -v '^https://example.org/meetings$' | sort > "$TMP/codes"
    perl -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>);
        print "$_->{conference_url}\n" for grep { $_->{conference_url} } @$j;' \
        < "$TMP/set.json" | sort -u > "$TMP/links"
    comm -23 "$TMP/codes" "$TMP/links" > "$TMP/stray"
    [ -s "$TMP/codes" ] && [ ! -s "$TMP/stray" ] && [ "$(uniq -d "$TMP/codes")" = "" ]
    ok $? "each code decodes to one online meeting's link, once ($(wc -l < "$TMP/codes") codes)"
    more=$(grep -Eo "[0-9]+ more online meetings?: scan" "$TMP/a.txt" |
           awk '{ s += $1 } END { print s + 0 }')
    is "$(($(wc -l < "$TMP/codes") + more))" "$(wc -l < "$TMP/links")" \
        "codes shown ($(wc -l < "$TMP/codes")) and codes left to the directory ($more) make every online meeting"
else
    skip "zbarimg not installed"
    skip "zbarimg not installed"
fi

# the same in chunks of one sheet (a new page scratch for each)
render "$TMP/c.pdf" SIGNPOST_QR_CACHE_MAX=0 SIGNPOST_PDF_CHUNK_PAGES=1
ok $? "and in chunks of one sheet"
pdftotext -raw "$TMP/c.pdf" - | tr '\n' ' ' > "$TMP/c.txt"
cmp -s "$TMP/a.txt" "$TMP/c.txt"
ok $? "with the same text"

done_testing
