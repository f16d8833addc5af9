#!/bin/sh
# Tear-off tabs (issue 5): the tabbed page written by build/tests/test_cards (8 tabs,
# 80 mm) has every tab's text extractable with pdftotext and every tab's QR code decoding
# at 150 and 300 dpi; and, once poster.c calls the tabs, a tabbed poster does too.
set -u
. tests/lib.sh

T="$BUILD/tests/test_cards"
if [ ! -x "$T" ]; then
    skip "build/tests/test_cards not built"
    done_testing
    exit
fi
SP_TABS_PDF="$TMP/tabs.pdf" "$T" >"$TMP/unit.tap" 2>&1
ok $? "test_cards passes and writes the tabbed page"
is "$(pdftotext "$TMP/tabs.pdf" - | grep -c '^example.org/meetings$')" 8 "pdftotext: the link on all 8 tabs"
is "$(pdftotext "$TMP/tabs.pdf" - | grep -c '^01632 960123$')" 8 "pdftotext: the phone number on all 8 tabs"
if have zbarimg && have pdftoppm; then
    for dpi in 300 150; do
        pdftoppm -png -r $dpi "$TMP/tabs.pdf" "$TMP/t$dpi"
        is "$(zbarimg -q "$TMP"/t$dpi-1.png 2>/dev/null | grep -c '^QR-Code:https://example.org/meetings$')" 8 \
           "all 8 tab QR codes decode to the directory at $dpi dpi"
    done
else
    skip "zbarimg or pdftoppm not installed"
fi

# the poster with tabs (when poster.c reserves and draws them)
if grep -q 'sp_tabs_emit' src/compose/poster.c; then
    run_sp render --layout poster-a4 --settings examples/settings.ini --tabs 10 --region Swansea \
        --date 2026-11-26 -o "$TMP/poster.pdf" examples/aa-south-wales.json
    is "$status" 0 "poster with 10 tabs"
    pages=$(pdfinfo "$TMP/poster.pdf" | sed -n 's/^Pages: *//p')
    # the tab strip only (the bottom 85 mm above the 10 mm margin): the band names the link too
    is "$(pdftotext -x 0 -y 570 -W 595 -H 272 "$TMP/poster.pdf" - | tr -d '\f' |
          grep -c '^example.org/meetings$')" "$((10 * pages))" \
       "poster: the link on 10 tabs on each of $pages pages"
    run_sp render --layout poster-a4 --settings examples/settings.ini --tabs 10 --region Swansea \
        --date 2026-11-26 --dump-plan examples/aa-south-wales.json
    # nothing overlaps: text and QR boxes on each page pairwise disjoint
    is "$(sed 's/\xc2\xa0/ /g' "$out" | awk '/^page/ { n = 0 }
        $1 == "text" || $1 == "qr" { for (i = 0; i < n; i++)
            if ($2 < X[i] + W[i] - 0.01 && X[i] < $2 + $4 - 0.01 && $3 < Y[i] + H[i] - 0.01 && Y[i] < $3 + $5 - 0.01) print
          X[n] = $2; Y[n] = $3; W[n] = $4; H[n] = $5; n++ }' | head -n 3)" "" "poster with tabs: nothing overlaps"
else
    skip "poster.c does not draw tabs yet"
fi

done_testing
