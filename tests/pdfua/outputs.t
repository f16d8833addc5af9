#!/bin/sh
# outputs.t - every PDF output kind, rendered from the examples as 'make run' does, through
# tests/tools/pdfua_check: a file claims PDF/UA-1 exactly when no PDF/UA rule finds
# anything in it, and the checker finds nothing at all (signpost's own rules too: an H1,
# bookmarks on every multi-page file); no text in the structure of a poster set or a
# leaflet is on every page, and the furniture of a 16-sheet poster (headline, band, page
# numbers, directory link) is read once; every sheet of a set has a bookmark and every day
# one where it starts; the tabs' text is 16 pt or more and one tab of all is read; imposed
# sheets read in the reading copy's order; the Urdu notes read exactly as in the source.
. tests/lib.sh
CHECK=$BUILD/tests/tools/pdfua_check
have pdfinfo && have pdftotext && have jq || {
    skip "pdfinfo, pdftotext or jq missing"; done_testing; exit 0; }
EX="examples/aa-south-wales.json --as Narcotics\ Anonymous --formats examples/na-bristol-formats.json examples/na-bristol-bmlt.json --as '' examples/smart-bath.csv"
SET="--settings examples/settings.ini --date 2026-11-26"

render() {  # render NAME ARGS...: out/NAME.pdf into $TMP
    name=$1
    shift
    eval "\"\$SIGNPOST\" render $SET $* -o \"\$TMP/$name.pdf\"" > "$TMP/$name.log" 2>&1
    is "$?" 0 "$name: renders"
}

claims() { pdfinfo -meta "$1" 2>/dev/null | grep -q '<pdfuaid:part>1</pdfuaid:part>'; }

# check NAME: the claim matches the PDF/UA findings, and the checker finds nothing
check() {
    name=$1 f="$TMP/$1.pdf"
    "$CHECK" -q "$f" > "$TMP/$name.found" 2>&1
    st=$?
    # PDF/UA's own rules (not signpost's sp- rules, not the claim itself)
    grep -v ': sp-\|: 5-pdfuaid: ' "$TMP/$name.found" > "$TMP/$name.ua" || true
    if claims "$f"; then
        [ ! -s "$TMP/$name.ua" ]
        ok $? "$name: claims PDF/UA-1 and no PDF/UA rule finds anything"
    else
        [ -s "$TMP/$name.ua" ]
        ok $? "$name: does not claim PDF/UA-1, and a PDF/UA rule finds something"
    fi
    [ -s "$TMP/$name.ua" ] && diag "$(cat "$TMP/$name.ua")"
    ok "$st" "$name: pdfua_check finds nothing"
    [ "$st" = 0 ] || diag "$(head -5 "$TMP/$name.found")"
}

# furniture NAME: no text in the structure is on every page (a running head, a footer
# repeated): from --tree, which lists the pages of each element's content
furniture() {
    name=$1 f="$TMP/$1.pdf"
    pages=$(pdfinfo "$f" | sed -n 's/^Pages: *//p')
    "$CHECK" --tree "$f" 2>/dev/null |
        perl -ne 'if (/^\s*\S+((?: p\d+)+) "(.*)"$/) { $s{$2}{$_} = 1 for split " ", $1 }
                  END { print scalar(keys %{$s{$_}}), " $_\n" for sort keys %s }' |
        awk -v p="$pages" 'p > 1 && $1 == p' > "$TMP/$name.rep"
    # a poster's directory code is content, not furniture, on its first sheet and on each
    # sheet where it stands in for codes left out ("N more online meetings: scan...")
    more=$(i=2; while [ "$i" -le "$pages" ]; do
               pdftotext -f "$i" -l "$i" "$f" - | tr '\n' ' ' |
                   grep -q 'more online meetings\{0,1\}: scan for the full list' || echo "$i"
               i=$((i + 1)); done)
    if [ -z "$more" ]; then
        grep -v ' Every meeting, always up to date: ' "$TMP/$name.rep" > "$TMP/$name.rep2"
        mv "$TMP/$name.rep2" "$TMP/$name.rep"
    fi
    [ "$pages" -gt 1 ] && [ ! -s "$TMP/$name.rep" ]
    ok $? "$name: no text in the structure is on every page ($pages pages)"
    [ -s "$TMP/$name.rep" ] && diag "furniture read: $(head -2 "$TMP/$name.rep")"
}

# bookmarks NAME: every page has a bookmark (mutool's outline: "#page=N")
bookmarks() {
    f="$TMP/$1.pdf"
    pages=$(pdfinfo "$f" | sed -n 's/^Pages: *//p')
    mutool show "$f" outline > "$TMP/$1.outline" 2>/dev/null
    got=$(sed -n 's/.*#page=\([0-9]*\).*/\1/p' "$TMP/$1.outline" | sort -un | tr '\n' ' ')
    is "$got" "$(seq 1 "$pages" | tr '\n' ' ')" "$1: a bookmark on each of its $pages pages"
}

render poster-a4 --layout poster-a4 "$EX"
check poster-a4
furniture poster-a4
bookmarks poster-a4
render poster-a3 --layout poster-a3 "$EX"
check poster-a3
furniture poster-a3
bookmarks poster-a3
render poster-bath --layout poster-a4 --region Bath "$EX"
check poster-bath
bookmarks poster-bath
render poster-tabs --layout poster-a4 --tabs 10 --region Swansea "$EX"
check poster-tabs
bookmarks poster-tabs
render leaflet-a4 --layout leaflet-a4 examples/aa-south-wales.json
check leaflet-a4
furniture leaflet-a4
render leaflet-a5 --layout leaflet-a5 --group-by region --online-section examples/aa-south-wales.json
check leaflet-a5
furniture leaflet-a5
render booklet --layout booklet-a5 examples/aa-south-wales.json
check booklet
check booklet-reading
render trifold --layout trifold-dl --region Cardiff --day tue examples/aa-south-wales.json
check trifold
check trifold-reading
render cards --layout cards-a4 examples/aa-south-wales.json
check cards
bookmarks cards
render cards-online --layout cards-a4 --cards online examples/aa-south-wales.json
check cards-online
bookmarks cards-online
render cards-alignment --layout cards-a4 --alignment-sheet examples/aa-south-wales.json
check cards-alignment
bookmarks cards-alignment
render cards-shop --layout cards-a4 --region Swansea --print-shop examples/aa-south-wales.json
check cards-shop
bookmarks cards-shop
"$CHECK" --text "$TMP/cards-alignment.pdf" 2>/dev/null | grep -c '^H1: ' > "$TMP/h1"
is "$(cat "$TMP/h1")" 1 "cards-alignment: one H1 (the sheet's title)"

# poster sets, read in structure order (no-break spaces as spaces): their furniture once
text() { "$CHECK" --text "$TMP/$1.pdf" 2>/dev/null | sed 's/\xc2\xa0/ /g' > "$TMP/$1.txt"; }
once() {  # once NAME: the headline, the band's words, the link line, "Page 1 of N"
    text "$1"
    for line in 'H1: Free support meetings near you' 'P: Every meeting: example.org/meetings'; do
        is "$(grep -c "^$line\$" "$TMP/$1.txt")" 1 "$1: '$line' read once"
    done
    is "$(grep -c '^P: .*List printed on' "$TMP/$1.txt")" 1 "$1: the band's words read once"
    is "$(grep -o 'Page [0-9]* of [0-9]*' "$TMP/$1.txt" | tr '\n' ' ')" \
       "Page 1 of $(pdfinfo "$TMP/$1.pdf" | sed -n 's/^Pages: *//p') " \
       "$1: one page number read (the first)"
}
once poster-a4
once poster-a3
once poster-bath
once poster-tabs
cp "$TMP/poster-a4.txt" "$TMP/p4.txt"
pages=$(pdfinfo "$TMP/poster-a4.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" -ge 10 ]; ok $? "control: the A4 poster of the examples is a long set ($pages sheets)"
# the directory's code is read on the first sheet and where it stands in for codes that did
# not fit: then right after it, "N more online meetings: scan for the full list"
is "$(awk 'prev ~ /^Figure: Every meeting/ && n++ && $0 !~ /more online meeting/ { print }
           { prev = $0 }' "$TMP/p4.txt")" "" \
   "poster-a4: after the first, the directory's code is read only with 'N more online meetings'"
# a bookmark for each day where it starts (each day's H2 that does not say "continued")
grep '^H2: ' "$TMP/p4.txt" | grep -v '(continued)' | sed 's/^H2: //' | sort > "$TMP/days"
grep -v '(continued)' "$TMP/poster-a4.outline" | sed 's/^[^"]*"\(.*\)".*/\1/' | sort > "$TMP/marks"
[ -s "$TMP/days" ] && cmp -s "$TMP/days" "$TMP/marks"
ok $? "poster-a4: a bookmark for each day's heading ($(wc -l < "$TMP/days") days)"

# tear-off tabs: 16 pt or more (the rotated lines), and one tab of all read
if have mutool; then
    mutool draw -F stext -o - "$TMP/poster-tabs.pdf" 2>/dev/null |
        awk '/<line / { rot = ($0 ~ /dir="0 -1"/) } rot && /<font / {
                 match($0, /size="[0-9.]*"/); print substr($0, RSTART + 6, RLENGTH - 7) }' |
        sort -n > "$TMP/tab.sizes"
    ntabs=$(($(pdfinfo "$TMP/poster-tabs.pdf" | sed -n 's/^Pages: *//p') * 10))
    [ "$(wc -l < "$TMP/tab.sizes")" -ge "$ntabs" ] &&
        awk '$1 < 16 { bad = 1 } END { exit bad }' "$TMP/tab.sizes"
    ok $? "poster-tabs: the text on all $ntabs tabs is 16 pt or more (smallest $(head -1 "$TMP/tab.sizes") pt)"
else
    skip "mutool not installed"
fi
is "$(grep -c '^P: example.org/meetings 01632 960123$' "$TMP/poster-tabs.txt")" 1 \
   "poster-tabs: one tab of them all is read"

# imposed sheets: the structure, read in order, is the reading copy's, after one note
for kind in booklet trifold; do
    "$CHECK" --text "$TMP/$kind.pdf" 2>/dev/null > "$TMP/$kind.sheets.txt"
    "$CHECK" --text "$TMP/$kind-reading.pdf" 2>/dev/null > "$TMP/$kind.reading.txt"
    [ -s "$TMP/$kind.reading.txt" ] &&
        tail -n +2 "$TMP/$kind.sheets.txt" | cmp -s - "$TMP/$kind.reading.txt"
    ok $? "$kind: the sheets' structure order is the reading copy's, page 1, 2, 3..."
    head -1 "$TMP/$kind.sheets.txt" | grep -q "^P: .*open $kind-reading.pdf"
    ok $? "$kind: the first element names the reading copy"
done
# and the control: the sheets themselves are not in reading order
pdftotext -enc UTF-8 "$TMP/booklet.pdf" - | grep -v '^$' | head -3 > "$TMP/b.sheet"
pdftotext -enc UTF-8 "$TMP/booklet-reading.pdf" - | grep -v '^$' | head -3 > "$TMP/b.read"
! cmp -s "$TMP/b.sheet" "$TMP/b.read"
ok $? "control: the booklet's pages are in printing order"

# the Urdu notes of the examples, exactly as in the source, in structure order
"$CHECK" --text "$TMP/leaflet-a4.pdf" 2>/dev/null | sed 's/^Span: //' | tr '\n' ' ' > "$TMP/ur"
n=0
jq -r '.[].notes // empty | select(test("[\u0600-\u06FF]"))' examples/aa-south-wales.json |
    sort -u > "$TMP/notes"
while IFS= read -r note; do
    n=$((n + 1))
    grep -qF -- "$note" "$TMP/ur"
    ok $? "Urdu note $n reads exactly as in the source"
done < "$TMP/notes"
[ "$n" -ge 2 ]; ok $? "control: the examples have Urdu notes ($n)"
done_testing
