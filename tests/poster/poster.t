#!/bin/sh
# Posters (issue 3), checked on the real PDF with real tools, for both layouts:
# every meeting's time and name in weekday order (pdftotext), every QR code decoding to
# exactly its meeting's URL at 150 and 75 dpi (pdftoppm + zbarimg), a clickable link per
# QR, no text under the layout's floor, no overlaps, nothing within 5 mm of the sheet
# edge (mutool stext; STANDARDS.md rows 2, 7, 37), fonts embedded (pdffonts), qpdf clean,
# /Lang /MarkInfo /StructTreeRoot present, byte-identical renders for the same date.
set -u
. tests/lib.sh

EX=examples/aa-south-wales.json
SET="--settings examples/settings.ini"
DATE="--date 2026-11-26"

# normalised text of a PDF in content (reading) order: one line, single spaces
pdf_words() { pdftotext -raw -enc UTF-8 "$1" - | tr '\n\f' '  ' | sed 's/\xc2\xa0/ /g; s/  */ /g'; }

for lay in poster-a4 poster-a3; do
    case $lay in poster-a4) floor=18 qrmin=35 ;; poster-a3) floor=24 qrmin=45 ;; esac
    pdf="$TMP/$lay.pdf"
    # shellcheck disable=SC2086
    run_sp render --layout $lay $SET $DATE -o "$pdf" $EX
    is "$status" 0 "$lay: render exits 0"
    [ -s "$pdf" ]; ok $? "$lay: PDF written"

    # every meeting, in weekday order (independent reading of the JSON in Perl)
    tests/tools/mg-expect.pl $EX > "$TMP/expect"
    pdf_words "$pdf" > "$TMP/words"
    perl -CSD -e '
        open(my $w, "<:utf8", $ARGV[0]) or die; my $text = <$w>;
        open(my $e, "<:utf8", $ARGV[1]) or die;
        my ($pos, $bad, $n) = (0, 0, 0);
        while (<$e>) {
            chomp; my (undef, $line) = split /\t/; $n++;
            my $i = index($text, $line, $pos);
            if ($i < 0) { print "# missing or out of order: $line\n"; $bad++; } else { $pos = $i + 1; }
        }
        print "# $n entries checked\n"; exit($bad ? 1 : 0);' "$TMP/words" "$TMP/expect"
    ok $? "$lay: every meeting's time and name, in weekday order"
    grep -q "List printed on 26 November 2026 — check before you travel" "$TMP/words"
    ok $? "$lay: footer says when the list was printed"

    # geometry and type sizes of the text as drawn
    tests/tools/pdftext-geom.pl --floor $floor --margin 5 --overlap --italic "$pdf" > "$TMP/geom"
    ok $? "$lay: text >= $floor pt, no overlaps, no italics, >= 5 mm from the edge"
    grep problem "$TMP/geom" | head -5 | sed 's/^/# /'
    # shellcheck disable=SC2086
    "$SIGNPOST" render --layout $lay $SET $DATE --dump-plan $EX |
        tests/tools/plan-geom.pl --margin 5 --qr-min $qrmin > "$TMP/plangeom"
    ok $? "$lay: plan: no text over a QR code, QR >= $qrmin mm, all inside the safe area"
    grep problem "$TMP/plangeom" | head -5 | sed 's/^/# /'

    # QR codes: decode every page, compare with the directory's URLs (+ the footer link)
    if have zbarimg && have pdftoppm; then
        cut -f3 "$TMP/expect" | grep . | sort -u > "$TMP/urls.want"
        echo "https://example.org/meetings" >> "$TMP/urls.want"
        sort -u -o "$TMP/urls.want" "$TMP/urls.want"
        for dpi in 150 75; do
            rm -f "$TMP"/pg-*.png
            pdftoppm -r $dpi -png "$pdf" "$TMP/pg"
            npages=$(ls "$TMP"/pg-*.png | wc -l)
            nqr=$("$SIGNPOST" render --layout $lay $SET $DATE --dump-plan $EX | grep -c '^  qr ')
            for f in "$TMP"/pg-*.png; do zbarimg --raw -q "$f" 2>/dev/null || true; done > "$TMP/urls.got"
            is "$(wc -l < "$TMP/urls.got" | tr -d ' ')" "$nqr" \
                "$lay: all $nqr QR codes on $npages pages decode at $dpi dpi"
            sort -u "$TMP/urls.got" > "$TMP/urls.gotu"
            cmp -s "$TMP/urls.want" "$TMP/urls.gotu"
            ok $? "$lay: decoded URLs are exactly the directory's at $dpi dpi"
        done
    else
        skip "zbarimg or pdftoppm missing"
    fi

    # links: one /Link annotation per QR code, same URLs
    qpdf --qdf --object-streams=disable "$pdf" "$TMP/qdf.pdf"
    grep -a -o '/URI ([^)]*)' "$TMP/qdf.pdf" | sed 's|^/URI (||; s|)$||' | sort -u > "$TMP/uris"
    cmp -s "$TMP/urls.want" "$TMP/uris"; ok $? "$lay: every QR is also a clickable link"

    # PDF structure and accessibility keys
    qpdf --check "$pdf" > /dev/null 2>&1; ok $? "$lay: qpdf --check clean"
    pdffonts "$pdf" | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }'
    ok $? "$lay: every font embedded"
    mutool show "$pdf" trailer/Root > "$TMP/root" 2>/dev/null
    grep -q '/Lang (en-GB)' "$TMP/root"; ok $? "$lay: catalog /Lang"
    grep -q '/Marked true' "$TMP/root"; ok $? "$lay: /MarkInfo marked"
    grep -q '/StructTreeRoot' "$TMP/root"; ok $? "$lay: /StructTreeRoot"
    grep -q '/DisplayDocTitle true' "$TMP/root"; ok $? "$lay: /DisplayDocTitle"
    n_alt=$(grep -a -c '/Alt' "$TMP/qdf.pdf" || true)
    is "$n_alt" "$nqr" "$lay: every QR figure has alt text"

    # determinism
    # shellcheck disable=SC2086
    "$SIGNPOST" render --layout $lay $SET $DATE -o "$TMP/again.pdf" $EX
    cmp -s "$pdf" "$TMP/again.pdf"; ok $? "$lay: two renders are byte-identical"
done

# the region split: one poster set per region, safe file names
run_sp render --layout poster-a4 $SET $DATE --split-by region -o "$TMP/split/p.pdf" $EX
mkdir -p "$TMP/split"
run_sp render --layout poster-a4 $SET $DATE --split-by region -o "$TMP/split/p.pdf" $EX
is "$status" 0 "--split-by region exits 0"
nreg=$(perl -MJSON::PP -e 'local $/; open my $f, "<", $ARGV[0]; my $d = decode_json(<$f>);
       my %r; for (@$d) { next if (grep { uc eq "TC" } @{$_->{types} || []}) &&
           !(($_->{attendance_option} // "") =~ /online|hybrid/ && $_->{conference_url});
       $r{$_->{region} // "Other areas"} = 1 } print scalar keys %r' $EX)
is "$(ls "$TMP/split" | wc -l | tr -d ' ')" "$nreg" "one PDF per region ($nreg)"
[ -f "$TMP/split/p-Cardiff.pdf" ]; ok $? "file named after its region"
pdftotext "$TMP/split/p-Cardiff.pdf" - | grep -q '^Cardiff'; ok $? "the poster names its region"

# a layout file with an error: file:line: message, exit 1
sed 's/^body = 18pt$/body = 12pt/' layouts/poster-a4 > "$TMP/small-body"
run_sp render --layout "$TMP/small-body" $SET -o "$TMP/x.pdf" $EX
is "$status" 1 "a layout below the floor is refused with exit 1"
grep -q "^signpost: $TMP/small-body:[0-9]*:" "$err"; ok $? "the error names the layout file and line"
diag "$(head -n 1 "$err")"
[ ! -e "$TMP/x.pdf" ]; ok $? "no output file after a failed run"

# passcodes can be left off public posters
run_sp render --layout poster-a4 $SET $DATE --leave-off-passcodes -o "$TMP/np.pdf" $EX
pdftotext "$TMP/np.pdf" - | grep -qi 'passcode'; [ $? = 1 ]; ok $? "--leave-off-passcodes: no passcode printed"
rm -f "$TMP"/pg-*.png; pdftoppm -r 150 -png "$TMP/np.pdf" "$TMP/pg"
for f in "$TMP"/pg-*.png; do zbarimg --raw -q "$f" 2>/dev/null || true; done | grep -c 'pwd=' > "$TMP/npwd" || true
is "$(cat "$TMP/npwd")" 0 "--leave-off-passcodes: no QR carries a passcode"

done_testing
