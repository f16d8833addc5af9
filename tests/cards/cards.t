#!/bin/sh
# Wallet cards (issues 5 and 9): sheet geometry from the plan dump and mutool stext (card
# grid, 4 mm safe area, 5 mm sheet margin, crop marks only in the margins), long-edge
# mirroring of the backs, every card on a directory sheet the same card, a back with the
# selection's week (merged repeats: a run, a gap, every day) or the helplines and "scan the
# front", never "1 of N"; per-town and per-online-meeting cards; type sizes (key lines >=
# 16 pt, the rest >= 14 pt); QR symbols >= 22 mm at EC Q, every code decoding at 150 and
# 75 dpi to its link; print-shop pages with bleed; the alignment sheet and its H1; a link
# too long for a QR code and a 2,000-character note reported, never fatal.
set -u
. tests/lib.sh
EX=examples/aa-south-wales.json
SET=examples/settings.ini
MERGED=tests/data/lists/merged.json
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

# sizes PLAN: text under 14 pt, key lines (H1, H2) under 16 pt, QR codes not EC Q or with a
# symbol (without its quiet zone) under 22 mm
sizes() {
    awk '/begin H[12]/ { k = 1 } /end H[12]/ { k = 0 }
         $1 == "text" { for (i = 6; i <= NF; i++) if ($i ~ /pt$/) { s = $i + 0; break }
                        if (s < 14) print "under 14 pt: " $0
                        if (k && s < 16) print "key line under 16 pt: " $0 }
         $1 == "qr" { split($8, m, "+"); sym = $4 * m[1] / (m[1] + 2 * m[2]) * 25.4 / 72
                      if ($7 != "Q" || sym < 22 - 0.01) printf "QR %s %.1f mm\n", $7, sym }' "$1" | head -n 3
}

# sides PLAN PAGE: the text of each card on that page (one line per card, cards in slot
# order), from the plan dump
sides() {
    awk -v p="$2" "$GEO"'
      /^page/ { n++ } n == p && $1 == "text" {
        for (c = 0; c < 2; c++) for (r = 0; r < 5; r++)
          if ($2 >= cx[c] && $2 < cx[c] + cw && $3 >= cy[r] && $3 < cy[r] + ch) {
            t = $0; sub(/^[^"]*"/, "", t); sub(/"$/, "", t); card[r * 2 + c] = card[r * 2 + c] "|" t } }
      END { for (k = 0; k < 10; k++) if (k in card) print card[k] }' "$1"
}

# decode PDF DPI PAGE: QR codes on one page of the PDF, decoded at DPI (one per line)
decode() {
    rm -f "$TMP"/d-*.png
    pdftoppm -png -r "$2" -f "$3" -l "$3" "$1" "$TMP/d"
    zbarimg -q --raw "$TMP"/d-*.png 2>/dev/null | sort
}

# nbsp FILE: the plan dump with no-break spaces shown as spaces
nbsp() { sed 's/\xc2\xa0/ /g' "$1"; }

# --- directory cards: the whole example, every card the same ---
run_sp render $L --dump-plan "$EX"
is "$status" 0 "directory cards compose"
nbsp "$out" >"$TMP/dir.plan"
is "$(sheet_problems "$TMP/dir.plan" | head -n 3)" "" \
   "every text line and QR code inside a card's 4 mm safe area; marks off the cards and 5 mm from the edge"
is "$(awk '$1 == "plan" { print $2, $4, $6 }' "$TMP/dir.plan")" "595.28 841.89 2" "A4, one sheet: front and back"
is "$(sed -n 's/^page [0-9]* label //p' "$TMP/dir.plan" | tr '\n' ' ')" '"Sheet 1 front" "Sheet 1 back" ' "front, then back"
is "$(sides "$TMP/dir.plan" 1 | sort -u | wc -l)" 1 "the ten fronts are the same card"
is "$(sides "$TMP/dir.plan" 2 | sort -u | wc -l)" 1 "the ten backs are the same card"
is "$(sides "$TMP/dir.plan" 1 | wc -l)" 10 "ten cards on the sheet"
sides "$TMP/dir.plan" 1 | head -n 1 > "$TMP/front"
grep -q '^|Alcoholics|Anonymous|You are welcome: just|turn up and listen|Phone 01632 960123|example.org/meetings$' "$TMP/front"
ok $? "front: the fellowship (key line), welcome, phone, and the short link under the code"
diag "$(cat "$TMP/front")"
sides "$TMP/dir.plan" 2 | head -n 1 > "$TMP/back"
grep -q '^|Helplines|Scan the front for every meeting|Example Alcohol Helpline:|01632 960000|' "$TMP/back"
ok $? "back: 46 meetings do not fit a card, so the helplines and 'scan the front'"
diag "$(cat "$TMP/back")"
grep -q ' of [0-9]' "$TMP/dir.plan"; ok $((! $?)) "no numbered slices ('1 of 8')"
# crop marks: vertical cuts x = 14.4, 100, 110, 195.6 mm; horizontal at the six row edges
is "$(awk '$1 == "rule" && $4 == "0.00" { print $2 }' "$TMP/dir.plan" | sort -un | tr '\n' ' ')" \
   "40.82 283.46 311.81 554.46 " "crop marks at the vertical cuts 14.4, 100, 110, 195.6 mm"
is "$(awk '$1 == "rule" && $5 == "0.00" { print $3 }' "$TMP/dir.plan" | sort -un | tr '\n' ' ')" \
   "38.41 191.42 344.44 497.45 650.47 803.48 " "crop marks at the horizontal cuts 13.55 ... 283.45 mm"
is "$(sizes "$TMP/dir.plan")" "" "key lines >= 16 pt, the rest >= 14 pt; QR codes EC Q with a symbol >= 22 mm"
awk '$1 == "qr" { split($8, m, "+"); printf "%.2f\n", $4 * m[1] / (m[1] + 2 * m[2]) * 25.4 / 72 }' "$TMP/dir.plan" |
    sort -n | head -n 1 | sed 's/^/# smallest card QR symbol (mm): /'
awk '/begin Link/ { getline; if ($2 != "Figure") bad++ } END { exit bad > 0 }' "$TMP/dir.plan"
ok $? "each QR Figure inside its Link"

# --- mirroring: the back of the card in cell (x, y) is at x' = W - x - w, same y ---
run_sp render $L --region Swansea --dump-plan "$EX"
nbsp "$out" >"$TMP/sw.plan"
awk '/^page/ { p++ } /begin H[12]/ { k = 1; next } k && $1 == "text" { print p, $2, $3; k = 0 }' "$TMP/sw.plan" >"$TMP/first"
is "$(awk '$1 == 1' "$TMP/first" | wc -l)" 10 "Swansea: ten cards"
is "$(awk "$GEO"' $1 == 1 { fx[++n] = $2; fy[n] = $3 } $1 == 2 { m++
      want = W - ($2 - safe) - cw + safe; if (want - fx[m] > e || fx[m] - want > e || $3 != fy[m]) print m, $2, fx[m] }' "$TMP/first")" \
   "" "each back at x' = W - x - w of its front (long-edge flip), same y"
is "$(awk '$1 == 1 { print $2 }' "$TMP/first" | head -n 2 | tr '\n' ' ')" "52.16 323.15 " "front: card 1 left, card 2 right"
is "$(awk '$1 == 2 { print $2 }' "$TMP/first" | head -n 2 | tr '\n' ' ')" "323.15 52.16 " "back: card 1 right, card 2 left"

# --- a small selection: its week on the back (merged repeats) ---
run_sp render $L --region Bath --dump-plan "$EX"
nbsp "$out" >"$TMP/bath.plan"
is "$(sides "$TMP/bath.plan" 2 | sort -u)" "|Bath|Mon 6pm: Bath Abbey Green|Hybrid, Abbey Green Rooms, Bath,|and online" \
   "one region's week on every back: day, time, name, place"
jq '[.[1], .[2], .[3], .[4]]' $MERGED > "$TMP/run-gap.json"
run_sp render $L --dump-plan "$TMP/run-gap.json"
is "$(nbsp "$out" > "$TMP/rg.plan"; sides "$TMP/rg.plan" 2 | sort -u)" \
   "|Cardiff|Mon to Fri 12.30pm: Lunchtime|Run, Example Church, Cardiff|Mon, Wed, Fri 7pm: Gap Group,|Example Centre, Cardiff" \
   "a run ('Mon to Fri') and a gap of three records ('Mon, Wed, Fri'), each one line"
jq '[.[0], .[2], .[3], .[4]]' $MERGED > "$TMP/every.json"
run_sp render $L --dump-plan "$TMP/every.json"
nbsp "$out" | grep -q '"Every day 7am: Daily Reflections"'; ok $? "every day: 'Every day 7am: ...'"
is "$(sizes "$TMP/rg.plan")" "" "week backs: sizes and codes"

# --- PDF: text boxes from mutool stext, QR codes decoded ---
run_sp render $L -o "$TMP/dir.pdf" "$EX"
is "$status" 0 "directory cards PDF"
if have mutool; then
    mutool draw -F stext -o "$TMP/dir.stext" "$TMP/dir.pdf" 2>/dev/null
    is "$(awk -F'"' "$GEO"'
         /<font / { for (i = 1; i < NF; i++) if ($i ~ /size=$/) size = $(i + 1); if (size + 0 < 14) print "small " size }
         /<char / { split($2, q, " "); if (!in_safe(q[1], q[2], q[7] - q[1], q[8] - q[2])) print "outside " $0 }' "$TMP/dir.stext" | head -n 3)" \
       "" "stext: every character >= 14pt and inside a card's safe area (so >= 5 mm from the edge)"
else
    skip "mutool not installed"
fi
if have zbarimg && have pdftoppm; then
    for dpi in 150 75; do
        is "$(decode "$TMP/dir.pdf" $dpi 1 | uniq -c | sed 's/^ *//')" "10 https://example.org/meetings" \
           "front at $dpi dpi: all 10 QR codes decode to the directory"
    done
    is "$(decode "$TMP/dir.pdf" 75 2 | wc -l)" 0 "backs carry no QR code"
else
    skip "zbarimg or pdftoppm not installed"
fi
pdftotext "$TMP/dir.pdf" - | grep -q 'You are welcome: just' ; ok $? "welcome line extractable"

# --- online cards: one per online meeting (merged repeats once), each QR to its link ---
run_sp render $L --cards online --dump-plan "$EX"
nbsp "$out" >"$TMP/on.plan"
is "$(sheet_problems "$TMP/on.plan" | head -n 3)" "" "online cards: inside the safe areas, marks in the margins"
is "$(sizes "$TMP/on.plan")" "" "online cards: sizes and codes"
run_sp render $L --cards online -o "$TMP/on.pdf" "$EX"
is "$status" 0 "online cards PDF"
diag "$(cat "$err")"
grep -o "uri='[^']*'" "$TMP/on.plan" | sed "s/uri='//; s/'$//; s/%27/'/g" | sort >"$TMP/on.want"
is "$(wc -l <"$TMP/on.want")" 14 "14 online and hybrid meetings, 14 cards (a phone-only one with the directory's QR)"
grep -q 'Zoom meeting ID 812 3456 7890' "$TMP/on.plan"; ok $? "back: meeting ID"
grep -q '"Dial in 01632 960101"' "$TMP/on.plan"; ok $? "back: dial-in as people dial it"
grep -q '"Monday to Friday, 1pm to 1.45pm"' "$TMP/on.plan"; ok $? "back: weekday run said as a range"
grep -q '"Passcode serenity"' "$TMP/on.plan"; ok $? "back: passcode"
run_sp render $L --cards online --leave-off-passcodes --dump-plan "$EX"
grep -q 'Passcode' "$out"; is "$?" 1 "--leave-off-passcodes: no passcode on the backs"
if have zbarimg && have pdftoppm; then
    for dpi in 150 75; do
        { decode "$TMP/on.pdf" $dpi 1; decode "$TMP/on.pdf" $dpi 3; } | sort >"$TMP/on.got"
        is "$(diff "$TMP/on.want" "$TMP/on.got" && echo same)" same "every online card QR decodes to its meeting's link at $dpi dpi"
    done
else
    skip "zbarimg or pdftoppm not installed"
fi
run_sp render $L --cards online --dump-plan $MERGED
nbsp "$out" >"$TMP/mo.plan"
is "$(grep -c "uri='https://example.org/meet/twice-online'" "$TMP/mo.plan")" 10 \
   "a meeting on two days (two records) is one card design (ten copies on the sheet)"
grep -q '"Tuesday and Thursday, 8pm to 9pm"' "$TMP/mo.plan"; ok $? "its back names both days"

# --- split: one card per town, the town's week or its helplines ---
run_sp render $L --cards split --dump-plan "$EX"
is "$status" 0 "split cards compose"
nbsp "$out" >"$TMP/split.plan"
grep -q '"Bath"' "$TMP/split.plan"; ok $? "split: a town's name heads its back"
grep -q '"Mon 6pm: Bath Abbey Green"' "$TMP/split.plan"; ok $? "split: a small town's week"
grep -A3 '"Cardiff"$' "$TMP/split.plan" | grep -q '"Scan the front for every meeting"'
ok $? "split: a big town's card has its helplines"
grep -q ' of [0-9]' "$TMP/split.plan"; ok $((! $?)) "split: no numbered slices"
is "$(sheet_problems "$TMP/split.plan" | head -n 3)" "" "split cards: geometry"
is "$(sizes "$TMP/split.plan")" "" "split cards: sizes and codes"

# --- print shop: single cards with 3 mm bleed ---
run_sp render $L --region Swansea --print-shop --dump-plan "$EX"
is "$(grep '^plan' "$out")" "plan 259.65 x 170.02 pages 2 bleed 8.50" "print shop: page = card + 2 x 3 mm bleed, the card's front and back"
is "$(awk '($1 == "text" || $1 == "qr") && ($2 < 19.84 - 0.02 || $3 < 19.84 - 0.02 || $2 + $4 > 259.65 - 19.84 + 0.02 || $3 + $5 > 170.02 - 19.84 + 0.02)' "$out" | head -n 2)" \
   "" "print shop: content 4 mm inside the trim (bleed + safe area)"
run_sp render $L --region Swansea --print-shop -o "$TMP/ps.pdf" "$EX"
is "$(pdfinfo "$TMP/ps.pdf" | sed -n 's/^Page size: *//p')" "259.654 x 170.022 pts" "print shop PDF page size"

# --- alignment sheet ---
run_sp render $L --alignment-sheet --dump-plan "$EX"
nbsp "$out" >"$TMP/al.plan"
is "$(head -n 1 "$TMP/al.plan")" "plan 595.28 x 841.89 pages 2" "alignment sheet: one sheet, two sides"
is "$(awk '/^  begin/ && $2 != "Document" { print $2; exit }' "$TMP/al.plan")" "H1" "alignment sheet: its first heading is an H1"
grep -A1 'begin H1' "$TMP/al.plan" | grep -q '"Duplex alignment test"'; ok $? "the H1 names the sheet"
is "$(awk '/begin H1/ { getline; print ($3 >= 14.17 && $2 >= 14.17) }' "$TMP/al.plan")" 1 "the H1 is at least 5 mm from the edge"
is "$(grep '"Card 1: front"' "$TMP/al.plan" | awk '{ print $2, $3 }')" "56.41 54.00" "card 1 front: top left"
is "$(grep '"Card 1: back"' "$TMP/al.plan" | awk '{ print $2, $3 }')" "327.40 54.00" "card 1 back: top right (mirrored)"
is "$(awk '/begin H1/ { getline; next } 1' "$TMP/al.plan" | sheet_problems /dev/stdin | grep -v '^mark on a card:' | grep -c .)" 0 \
   "alignment sheet: the cards' text inside the safe areas"

# --- bad data: reported, never fatal ---
url="https://example.org/join/$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "x" }')"
jq --arg u "$url" '[.[5] | .conference_url = $u]' $MERGED > "$TMP/longurl.json"
run_sp render $L --cards online --dump-plan "$TMP/longurl.json"
is "$status" 0 "a link too long for a QR code: the online card is still made"
grep -q "warning: 'Twice Online': URL too long for a QR code; its card has the directory's QR code instead" "$err"
ok $? "it is reported"; diag "$(head -n 1 "$err")"
nbsp "$out" | grep -A3 '"Join details at:"' | grep -q '"example.org/meetings"'; ok $? "its back says where the join details are"
long=$(awk 'BEGIN { for (i = 0; i < 250; i++) printf "word%03d ", i }')
jq --arg n "$long" '[.[] | .notes = $n]' $MERGED > "$TMP/note.json"
for mode in directory split online; do
    run_sp render $L --cards $mode -o "$TMP/note-$mode.pdf" "$TMP/note.json"
    is "$status" 0 "--cards $mode: renders when every meeting has a 2,000-character note (notes are not on cards)"
done

# --- errors ---
printf '[organisation]\nname = Example Recovery Network\n' >"$TMP/nolink.ini"
run_sp render --layout cards-a4 --settings "$TMP/nolink.ini" -o "$TMP/x.pdf" "$EX"
is "$(head -n 1 "$err")" "signpost: cards need 'directory-url' in the settings file (the QR code on the front)" "no directory link: says so"
is "$status" 2 "no directory link: exit 2"

done_testing
