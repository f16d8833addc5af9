#!/bin/sh
# Wallet cards (issue 5): sheet geometry from the plan dump and mutool stext (card grid,
# 4 mm safe area, 5 mm sheet margin, crop marks only in the margins), long-edge mirroring
# of the backs, type sizes, numbering, every QR decoding at 300 and 150 dpi to its link,
# print-shop pages with bleed, and the alignment sheet.
set -u
. tests/lib.sh
EX=examples/aa-south-wales.json
SET=examples/settings.ini
L="--layout cards-a4 --settings $SET --date 2026-11-26"

# Grid in points (STANDARDS.md "Print geometry"): columns at 14.4 and 110 mm, rows from
# 13.55 mm, cards 85.6 x 53.98 mm, safe area 4 mm, sheet A4.
GEO='BEGIN { mm = 72 / 25.4; W = 210 * mm; H = 297 * mm; cw = 85.6 * mm; ch = 53.98 * mm;
  cx[0] = 14.4 * mm; cx[1] = 110 * mm; for (r = 0; r < 5; r++) cy[r] = 13.55 * mm + r * ch;
  safe = 4 * mm; e = 0.02 }
function in_safe(x, y, w, h,   c, r) {
  for (c = 0; c < 2; c++) for (r = 0; r < 5; r++)
    if (x >= cx[c] + safe - e && y >= cy[r] + safe - e && x + w <= cx[c] + cw - safe + e &&
        y + h <= cy[r] + ch - safe + e) return 1
  return 0 }
function on_card(x0, y0, x1, y1,   c, r) {
  for (c = 0; c < 2; c++) for (r = 0; r < 5; r++)
    if (x1 > cx[c] + e && x0 < cx[c] + cw - e && y1 > cy[r] + e && y0 < cy[r] + ch - e) return 1
  return 0 }'

# geometry check on a sheet plan dump: prints one line per problem
sheet_problems() {
    awk "$GEO"'
    $1 == "text" || $1 == "qr" { if (!in_safe($2, $3, $4, $5)) print "outside safe area: " $0 }
    $1 == "rule" { x0 = $2; y0 = $3; x1 = $2 + $4; y1 = $3 + $5
      if (on_card(x0, y0, x1, y1)) print "mark on a card: " $0
      if (x0 < 5 * mm || y0 < 5 * mm || x1 > W - 5 * mm || y1 > H - 5 * mm) print "mark in 5 mm: " $0 }' "$1"
}

# plan dumps with no-break spaces shown as spaces
nbsp() { sed 's/\xc2\xa0/ /g' "$1"; }

# --- directory cards: the whole example (a numbered set) ---
run_sp render $L --dump-plan "$EX"
is "$status" 0 "directory cards compose"
nbsp "$out" >"$TMP/dir.plan"
is "$(sheet_problems "$TMP/dir.plan" | head -n 3)" "" \
   "every text line and QR code inside a card's 4 mm safe area; marks off the cards and 5 mm from the edge"
is "$(awk '$1 == "plan" { print $2, $4, $6 }' "$TMP/dir.plan")" "595.28 841.89 4" "A4, two sheets (front, back, front, back)"
is "$(grep -c '^page' "$TMP/dir.plan")" 4 "four pages"
is "$(sed -n 's/^page [0-9]* label //p' "$TMP/dir.plan" | tr '\n' ' ')" \
   '"Sheet 1 front" "Sheet 1 back" "Sheet 2 front" "Sheet 2 back" ' "sheet order front, back, front, back"
# crop marks: vertical cuts x = 14.4, 100, 110, 195.6 mm; horizontal at the six row edges
is "$(awk '$1 == "rule" && $4 == "0.00" { print $2 }' "$TMP/dir.plan" | sort -un | tr '\n' ' ')" \
   "40.82 283.46 311.81 554.46 " "crop marks at the vertical cuts 14.4, 100, 110, 195.6 mm"
is "$(awk '$1 == "rule" && $5 == "0.00" { print $3 }' "$TMP/dir.plan" | sort -un | tr '\n' ' ')" \
   "38.41 191.42 344.44 497.45 650.47 803.48 " "crop marks at the horizontal cuts 13.55 ... 283.45 mm"
is "$(awk '$1 == "rule" && ($2 <= 17.02 || $3 <= 17.02) { n++ } END { print n + 0 }' "$TMP/dir.plan")" \
   "$(awk '$1 == "rule" { n++ } END { print n / 2 }' "$TMP/dir.plan")" \
   "half the marks start 6 mm from the top or left edge"
# type sizes: all >= 12pt; key lines (H1 front, H2 back) >= 16pt
is "$(awk '$1 == "text" { for (i = 6; i <= NF; i++) if ($i ~ /pt$/) { s = $i + 0; if (s < 12) print } }' "$TMP/dir.plan" | head -n 2)" "" "no card text below 12pt"
is "$(awk '/begin H[12]/ { k = 1; next } /end H[12]/ { k = 0 } k && $1 == "text" { for (i = 6; i <= NF; i++) if ($i ~ /pt$/ && $i + 0 < 16) print }' "$TMP/dir.plan" | head -n 2)" "" "key lines at least 16pt"
# numbering: "1 of N" .. "N of N" on the backs
N=$(grep -o '[0-9]* of [0-9]*"' "$TMP/dir.plan" | head -n 1 | sed 's/.* of \([0-9]*\)"/\1/')
is "$(grep -o ' [0-9]* of '"$N"'"' "$TMP/dir.plan" | sort -u | wc -l)" "$N" "backs numbered 1 of $N to $N of $N"
# QR codes: EC Q and at least 22 mm (62.36 pt)
is "$(awk '$1 == "qr" && ($4 < 62.36 || $7 != "Q")' "$TMP/dir.plan" | head -n 1)" "" "every card QR code EC Q and at least 22 mm"
awk '$1 == "qr" { printf "%.2f\n", $4 * 25.4 / 72 }' "$TMP/dir.plan" | sort -n | head -n 1 | sed 's/^/# smallest card QR (mm): /'

# --- mirroring: the back of the card in cell (x, y) is at x' = W - x - w, same y ---
run_sp render $L --region Swansea --dump-plan "$EX"
nbsp "$out" >"$TMP/sw.plan"
awk '/^page/ { p++ } /begin H[12]/ { k = 1; next } k && $1 == "text" { print p, $2, $3; k = 0 }' "$TMP/sw.plan" >"$TMP/first"
FRONT=$(awk '$1 == 1' "$TMP/first" | wc -l)
is "$FRONT" 9 "Swansea: a set of 3 cards three times on the sheet (9 cards)"
is "$(awk "$GEO"' $1 == 1 { fx[++n] = $2; fy[n] = $3 } $1 == 2 { m++
      want = W - ($2 - safe) - cw + safe; if (want - fx[m] > e || fx[m] - want > e || $3 != fy[m]) print m, $2, fx[m] }' "$TMP/first")" \
   "" "each back at x' = W - x - w of its front (long-edge flip), same y"
is "$(awk '$1 == 1 { print $2 }' "$TMP/first" | head -n 2 | tr '\n' ' ')" "52.16 323.15 " "front: card 1 left, card 2 right"
is "$(awk '$1 == 2 { print $2 }' "$TMP/first" | head -n 2 | tr '\n' ' ')" "323.15 52.16 " "back: card 1 right, card 2 left"
grep -q '"Monday and Tuesday, 1 of 3"' "$TMP/sw.plan"; ok $? "weekday groups on numbered backs"

# --- PDF: text boxes from mutool stext, QR codes decoded ---
run_sp render $L -o "$TMP/dir.pdf" "$EX"
is "$status" 0 "directory cards PDF"
if have mutool; then
    mutool draw -F stext -o "$TMP/dir.stext" "$TMP/dir.pdf" 2>/dev/null
    is "$(awk -F'"' "$GEO"'
         /<font / { for (i = 1; i < NF; i++) if ($i ~ /size=$/) size = $(i + 1); if (size + 0 < 12) print "small " size }
         /<char / { split($2, q, " "); if (!in_safe(q[1], q[2], q[7] - q[1], q[8] - q[2])) print "outside " $0 }' "$TMP/dir.stext" | head -n 3)" \
       "" "stext: every character >= 12pt and inside a card's safe area (so >= 5 mm from the edge)"
else
    skip "mutool not installed"
fi
if have zbarimg && have pdftoppm; then
    for dpi in 300 150; do
        rm -f "$TMP"/d-*.png
        pdftoppm -png -r $dpi "$TMP/dir.pdf" "$TMP/d"
        for pg in 1 3; do
            want=$(awk -v p=$pg '/^page/ { n++ } n == p && $1 == "qr" { c++ } END { print c }' "$TMP/dir.plan")
            got=$(zbarimg -q "$TMP"/d-$pg.png 2>/dev/null | grep -c '^QR-Code:https://example.org/meetings$')
            is "$got" "$want" "sheet front page $pg at $dpi dpi: all $want QR codes decode to the directory"
        done
        got=$(zbarimg -q "$TMP"/d-2.png 2>/dev/null | wc -l)
        is "$got" 0 "backs carry no QR code ($dpi dpi)"
    done
else
    skip "zbarimg or pdftoppm not installed"
fi
pdftotext "$TMP/dir.pdf" - | grep -q 'You are welcome: just' ; ok $? "welcome line extractable"

# --- online cards: one per online meeting, each QR to its own link ---
run_sp render $L --cards online --dump-plan "$EX"
nbsp "$out" >"$TMP/on.plan"
is "$(sheet_problems "$TMP/on.plan" | head -n 3)" "" "online cards: inside the safe areas, marks in the margins"
run_sp render $L --cards online -o "$TMP/on.pdf" "$EX"
is "$status" 0 "online cards PDF"
grep -o "uri='[^']*'" "$TMP/on.plan" | sed "s/uri='//; s/'$//; s/%27/'/g" | sort >"$TMP/on.want"
is "$(wc -l <"$TMP/on.want")" 14 "14 online and hybrid meetings, 14 cards (a phone-only one with the directory's QR)"
grep -q 'Zoom meeting ID 812 3456 7890' "$TMP/on.plan"; ok $? "back: meeting ID"
grep -q '"Passcode 2468"' "$TMP/on.plan"; ok $? "back: passcode"
grep -q '"Dial in 01632 960101"' "$TMP/on.plan"; ok $? "back: dial-in as people dial it"
grep -q '"Monday to Friday, 1pm to 1.45pm"' "$TMP/on.plan"; ok $? "back: weekday run said as a range"
run_sp render $L --cards online --leave-off-passcodes --dump-plan "$EX"
grep -q 'Passcode' "$out"; is "$?" 1 "--leave-off-passcodes: no passcode on the backs"
if have zbarimg && have pdftoppm; then
    for dpi in 300 150; do
        rm -f "$TMP"/o-*.png
        pdftoppm -png -r $dpi "$TMP/on.pdf" "$TMP/o"
        zbarimg -q "$TMP"/o-1.png "$TMP"/o-3.png 2>/dev/null | sed 's/^QR-Code://' | sort >"$TMP/on.got"
        is "$(diff "$TMP/on.want" "$TMP/on.got" && echo same)" same "every online card QR decodes to its meeting's link at $dpi dpi"
    done
else
    skip "zbarimg or pdftoppm not installed"
fi

# --- split: one card (or numbered set) per town ---
run_sp render $L --cards split --dump-plan "$EX"
is "$status" 0 "split cards compose"
nbsp "$out" | grep -q '"Cardiff: Monday, 1 of 8"'; ok $? "split: a town's numbered set names the town"
grep -q '"Bath"' "$out"; ok $? "split: a town that fits one card has its name as the key line"
is "$(sheet_problems "$out" | head -n 3)" "" "split cards: geometry"

# --- print shop: single cards with 3 mm bleed ---
run_sp render $L --region Swansea --print-shop --dump-plan "$EX"
is "$(grep '^plan' "$out")" "plan 259.65 x 170.02 pages 6 bleed 8.50" "print shop: page = card + 2 x 3 mm bleed, front and back per card"
is "$(awk '($1 == "text" || $1 == "qr") && ($2 < 19.84 - 0.02 || $3 < 19.84 - 0.02 || $2 + $4 > 259.65 - 19.84 + 0.02 || $3 + $5 > 170.02 - 19.84 + 0.02)' "$out" | head -n 2)" \
   "" "print shop: content 4 mm inside the trim (bleed + safe area)"
run_sp render $L --region Swansea --print-shop -o "$TMP/ps.pdf" "$EX"
is "$(pdfinfo "$TMP/ps.pdf" | sed -n 's/^Page size: *//p')" "259.654 x 170.022 pts" "print shop PDF page size"

# --- alignment sheet ---
run_sp render $L --alignment-sheet --dump-plan "$EX"
nbsp "$out" >"$TMP/al.plan"
is "$(head -n 1 "$TMP/al.plan")" "plan 595.28 x 841.89 pages 2" "alignment sheet: one sheet, two sides"
is "$(grep '"Card 1: front"' "$TMP/al.plan" | awk '{ print $2, $3 }')" "56.41 54.00" "card 1 front: top left"
is "$(grep '"Card 1: back"' "$TMP/al.plan" | awk '{ print $2, $3 }')" "327.40 54.00" "card 1 back: top right (mirrored)"
is "$(sheet_problems "$TMP/al.plan" | grep -v '^mark on a card:' | grep -c .)" 0 "alignment sheet: text inside the safe areas"

# --- errors ---
printf '[organisation]\nname = Example Recovery Network\n' >"$TMP/nolink.ini"
run_sp render --layout cards-a4 --settings "$TMP/nolink.ini" -o "$TMP/x.pdf" "$EX"
is "$(head -n 1 "$err")" "signpost: cards need 'directory-url' in the settings file (the QR code on the front)" "no directory link: says so"
is "$status" 2 "no directory link: exit 2"

done_testing
