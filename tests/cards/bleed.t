#!/bin/sh
# Print-shop wallet cards (issue 5): every page of the PDF carries /BleedBox equal to its
# /MediaBox and /TrimBox = the MediaBox inset by the 3 mm bleed (8.5039 pt) on each side
# (mutool pages, qpdf json), pages with links keep /Tabs /S, qpdf --check is clean; the
# ordinary A4 card sheet has no /TrimBox.
set -u
. tests/lib.sh
EX=examples/aa-south-wales.json
SET=examples/settings.ini

if ! have mutool || ! have qpdf || ! have pdfinfo; then
    skip "mutool, qpdf or pdfinfo not installed"
    done_testing
    exit $?
fi

run_sp render --layout cards-a4 --print-shop --settings $SET --date 2026-11-26 \
    -o "$TMP/shop.pdf" $EX
is "$status" 0 "print shop: render exits 0"
is "$(sans_note "$err")" "" "print shop: nothing on stderr but the note on closed meetings"
pages=$(pdfinfo "$TMP/shop.pdf" | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -ge 2 ]; ok $? "print shop: PDF has pages (got ${pages:-none})"

# one line per page: "page media bleed trim", boxes as l,b,r,t
mutool pages "$TMP/shop.pdf" >"$TMP/boxes.xml" 2>"$TMP/mutool.err"
ok $? "mutool pages reads the PDF"
num='"\([^"]*\)"'
sed -n "s/.*pagenum=$num.*/P \\1/p
        s/.*<\([A-Za-z]*Box\) l=$num b=$num r=$num t=$num.*/\\1 \\2 \\3 \\4 \\5/p" \
    "$TMP/boxes.xml" |
    awk '$1 == "P" { if (p) print p, m, bl, tr; p = $2; m = bl = tr = "-"; next }
         $1 == "MediaBox" { m = $2 "," $3 "," $4 "," $5 }
         $1 == "BleedBox" { bl = $2 "," $3 "," $4 "," $5 }
         $1 == "TrimBox" { tr = $2 "," $3 "," $4 "," $5 }
         END { if (p) print p, m, bl, tr }' >"$TMP/boxes"
is "$(wc -l <"$TMP/boxes" | tr -d ' ')" "$pages" "mutool lists every page's boxes"

is "$(awk '$3 != $2' "$TMP/boxes" | head -n 3)" "" "every page: BleedBox equals MediaBox"
is "$(awk '{ split($2, m, ","); split($4, t, ",");
             if ($4 == "-") { print "page " $1 ": no TrimBox"; next }
             b = 72 * 3 / 25.4
             d[1] = t[1] - m[1] - b; d[2] = t[2] - m[2] - b
             d[3] = m[3] - t[3] - b; d[4] = m[4] - t[4] - b
             for (i = 1; i <= 4; i++)
                 if (d[i] > 0.001 || d[i] < -0.001) { print "page " $1 ": " $0; break } }' \
        "$TMP/boxes" | head -n 3)" "" "every page: TrimBox = MediaBox inset by 3 mm (8.5039 pt)"
is "$(awk 'NR == 1 { print $4 }' "$TMP/boxes")" "8.5039,8.5039,251.1496,161.5181" \
    "page 1: TrimBox [8.5039 8.5039 251.1496 161.5181] on the 259.65 x 170.02 pt card"

# the same in qpdf's reading of the file; and one object per page, /Tabs kept with links
qpdf --json=2 --json-key=qpdf "$TMP/shop.pdf" >"$TMP/shop.json" 2>/dev/null
ok $? "qpdf --json reads the PDF"
is "$(grep -c '"/TrimBox": \[' "$TMP/shop.json")" "$pages" "qpdf: one /TrimBox per page"
is "$(grep -c '"/BleedBox": \[' "$TMP/shop.json")" "$pages" "qpdf: one /BleedBox per page"
annots=$(grep -c '"/Annots": \[' "$TMP/shop.json")
[ "$annots" -ge 1 ]; ok $? "print shop: some pages have link annotations ($annots)"
is "$(grep -c '"/Tabs": "/S"' "$TMP/shop.json")" "$annots" "pages with links keep /Tabs /S"

qpdf --check "$TMP/shop.pdf" >"$TMP/check" 2>&1
ok $? "print shop: qpdf --check exits 0"
grep -q 'No syntax or stream encoding errors found' "$TMP/check" && ! grep -q WARNING "$TMP/check"
ok $? "print shop: qpdf --check is clean"

# the ordinary A4 sheet (no bleed) gets no trim or bleed box
run_sp render --layout cards-a4 --settings $SET --date 2026-11-26 -o "$TMP/sheet.pdf" $EX
is "$status" 0 "A4 sheet: render exits 0"
is "$(mutool pages "$TMP/sheet.pdf" 2>/dev/null | grep -c 'TrimBox\|BleedBox')" 0 \
    "A4 sheet: no TrimBox or BleedBox"

done_testing
