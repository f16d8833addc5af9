#!/bin/sh
# Timetable posters (issue 9; docs/standards.md "Posters"), checked on the real PDF with
# real tools, for both layouts, on the example directory (43 meetings, 14 online or hybrid):
#   - every occurrence (day, start time, name) is on the page, under its day or in a
#     merged row that names the day (occurrences.pl, mutool stext);
#   - names and times at least 18 pt (A4) / 20 pt (A3), all text at least 16 / 18 pt, no
#     italics, no overlaps, nothing within 5 mm of the edge (pdftext-geom.pl);
#   - every QR symbol (without its quiet zone) at least 35 / 45 mm with modules of at
#     least 0.8 mm; every code decodes at 150 and 75 dpi to exactly a URL of the
#     directory; each panel code is its row's meeting ("scan code N" -> the N-th code);
#   - a Link per code, fonts embedded, qpdf clean, /Lang, tagged; byte-identical renders;
#   - structure: a list per day with an item per meeting (Lbl time, LBody the rest),
#     each code's Figure inside its Link, one H1, repeated furniture artifacts.
set -u
. tests/lib.sh

EX=examples/aa-south-wales.json
SET="--settings examples/settings.ini"
DATE="--date 2026-11-26"
tests/poster/expect.pl $EX > "$TMP/expect"

for lay in poster-a4 poster-a3; do
    case $lay in
    poster-a4) name=18 floor=16 head=22 qrmin=35 ;;
    poster-a3) name=20 floor=18 head=26 qrmin=45 ;;
    esac
    pdf="$TMP/$lay.pdf"
    # shellcheck disable=SC2086
    run_sp render --layout $lay $SET $DATE -o "$pdf" $EX
    is "$status" 0 "$lay: render exits 0"
    sheets=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
    is "$(cat "$out")" "wrote $pdf: $sheets sheets, 43 meetings (14 online)" "$lay: summary line"
    # shellcheck disable=SC2086
    "$SIGNPOST" render --layout $lay $SET $DATE --dump-plan $EX > "$TMP/plan" 2>/dev/null

    tests/poster/occurrences.pl --heading $head "$pdf" "$TMP/expect" > "$TMP/occ"
    ok $? "$lay: every occurrence with its day and start time"
    sed 's/^/  /' "$TMP/occ" | grep -v '^  # [0-9]' | head -5
    pdftotext -raw -enc UTF-8 "$pdf" - | sed 's/\xc2\xa0/ /g' > "$TMP/text"
    is "$(tr '\n' ' ' < "$TMP/text" | grep -o "List printed on 26 November 2026 — check before you travel" |
          wc -l | tr -d ' ')" "$sheets" "$lay: every sheet says when the list was printed"
    is "$(grep -c 'Alcoholics Anonymous' "$TMP/text")" "$sheets" \
        "$lay: one fellowship: named once per sheet (in its heading)"

    # sizes as drawn, and the names and times in the plan
    tests/tools/pdftext-geom.pl --floor $floor --margin 5 --overlap --italic "$pdf" > "$TMP/geom"
    ok $? "$lay: all text >= $floor pt, no overlaps, no italics, >= 5 mm from the edge"
    grep problem "$TMP/geom" | head -5 | sed 's/^/# /'
    perl -ne '
        if (/^  begin (\S+)/) { push @t, $1; $p = 0 if $1 eq "LBody"; $p++ if $1 eq "P";
                                $p = 9 if $1 eq "Link"; next }  # a panel cell: not a row
        if (/^  end (\S+)/) { pop @t; next }
        next unless /^  text [\d.]+ [\d.]+ [\d.]+ [\d.]+ (bold )?([\d.]+)pt/;
        my ($bold, $size) = ($1, $2);
        if (@t && (($t[-1] eq "Lbl" && $p != 9) || ($t[-1] eq "P" && @t > 1 && $t[-2] eq "LBody" && $p == 1))) {
            $n++;
            if ($size < '"$name"' - 0.01 || !$bold) { print "# small or not bold: $_"; $bad++ }
        }
        END { print "# $n time and name lines\n"; exit($bad || !$n ? 1 : 0) }' "$TMP/plan"
    ok $? "$lay: every time and name bold, at least $name pt"

    # QR symbols: size without the quiet zone, module size
    perl -ne '
        next unless /^  qr [\d.]+ [\d.]+ ([\d.]+) [\d.]+ v\d+ \w (\d+)\+(\d+) modules/;
        my ($w, $n, $q) = ($1, $2, $3); my $mm = 25.4 / 72;
        my $sym = $w * $n / ($n + 2 * $q) * $mm, $mod = $w / ($n + 2 * $q) * $mm;
        $k++;
        if ($sym < '"$qrmin"' - 0.01 || $mod < 0.8 - 0.001) {
            printf "# symbol %.1f mm, modules %.2f mm\n", $sym, $mod; $bad++ }
        END { print "# $k codes\n"; exit($bad || !$k ? 1 : 0) }' "$TMP/plan"
    ok $? "$lay: every QR symbol >= $qrmin mm without its quiet zone, modules >= 0.8 mm"
    tests/tools/plan-geom.pl --margin 5 < "$TMP/plan" > "$TMP/plangeom"
    ok $? "$lay: plan: nothing overlaps a QR code, all inside the safe area"
    grep problem "$TMP/plangeom" | head -5 | sed 's/^/# /'

    # each panel code is its row's meeting: the N-th Link of a sheet is the meeting whose
    # row says "scan code N" on that sheet (names and URLs from the JSON)
    perl -MJSON::PP -CSD -e '
        open(my $j, "<:raw", $ARGV[0]) or die; local $/; my $d = decode_json(<$j>);
        my %url = map { ($_->{name} => $_->{conference_url}) } grep { $_->{conference_url} } @$d;
        open(my $p, "<:utf8", $ARGV[1]) or die; my @l = split /\n/, <$p>;
        my ($page, $title, %row, @links, $bad, $n) = (0);
        my $check = sub {
            for my $k (sort keys %row) {
                $n++;
                my $got = $links[$k - 1] // "(none)";
                $got =~ s/%27/\x27/g;
                if (!defined $url{$row{$k}} || $got ne $url{$row{$k}}) {
                    print "# page $page: code $k is $got, row $row{$k}\n"; $bad++ }
            }
            %row = (); @links = ();
        };
        for (@l) {
            if (/^page (\d+)/) { $check->(); $page = $1; next }
            if (/^  begin LBody/) { $title = ""; $in = 1; next }
            if (/^  end P/ && $in == 1) { $in = 2; next }
            # (captures copied first: a later match resets $1)
            if (/^  text .*"(.*)"$/ && $in == 1) { my $x = $1; $title .= ($title =~ /-$/ ? "" : " ") . $x }
            if (/^  text .*scan code\x{a0}(\d+)/ && $in == 2) {
                my $k = $1;
                (my $t = $title) =~ s/^ //; $t =~ s/^[^:]*: // if $t =~ /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Every day)\b[^:]*: /;
                $row{$k} = $t }
            if (/^  end LBody/) { $in = 0 }
            if (/^  begin Link \[uri=\x27([^\x27]*)\x27/ && $1 ne "https://example.org/meetings") { push @links, $1 }
        }
        $check->();
        print "# $n coded rows checked\n"; exit($bad || !$n ? 1 : 0)' $EX "$TMP/plan"
    ok $? "$lay: every 'scan code N' row's code is its own meeting's link"

    # beside each panel code, whole on one line, the site it opens
    tests/poster/sites.pl "$TMP/plan"
    ok $? "$lay: the site beside each code, whole on one line"

    # QR codes decode: every page, both resolutions, exactly the plan's links
    grep -o "^  begin Link \[uri='[^']*'" "$TMP/plan" | sed "s/^  begin Link \[uri='//; s/'\$//; s/%27/'/g" |
        sort -u > "$TMP/urls.want"
    cut -f4 "$TMP/expect" | grep . | sort -u > "$TMP/urls.dir"
    echo "https://example.org/meetings" >> "$TMP/urls.dir"
    comm -23 "$TMP/urls.want" "$(sort -u -o "$TMP/urls.dir" "$TMP/urls.dir"; echo "$TMP/urls.dir")" > "$TMP/stray"
    [ ! -s "$TMP/stray" ]; ok $? "$lay: every code is a link of the directory (or the directory itself)"
    if have zbarimg && have pdftoppm; then
        nqr=$(grep -c '^  qr ' "$TMP/plan")
        for dpi in 150 75; do
            rm -f "$TMP"/pg-*.png
            pdftoppm -r $dpi -png "$pdf" "$TMP/pg"
            for f in "$TMP"/pg-*.png; do zbarimg --raw -q "$f" 2>/dev/null || true; done > "$TMP/urls.got"
            is "$(wc -l < "$TMP/urls.got" | tr -d ' ')" "$nqr" "$lay: all $nqr QR codes decode at $dpi dpi"
            sort -u "$TMP/urls.got" | cmp -s "$TMP/urls.want" -
            ok $? "$lay: decoded URLs are exactly the plan's links at $dpi dpi"
        done
    else
        skip "zbarimg or pdftoppm missing"
    fi
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
    tests/poster/struct.pl --alt "$pdf" > "$TMP/tree"
    perl -e '
        my (@l, $bad); while (<STDIN>) { chomp; push @l, $_ }
        my ($h1, $li, $fig) = (0, 0, 0);
        for my $i (0 .. $#l) {
            my ($ind, $s) = $l[$i] =~ /^( *)(\S+)/; my $d = length($ind) / 2;
            $h1++ if $s eq "H1";
            if ($s eq "H2") { my ($n) = $l[$i + 1] =~ /^ *(\S+)/;
                if ($n ne "L") { print "# H2 not followed by a list\n"; $bad++ } }
            if ($s eq "LI") { $li++;
                my ($a) = $l[$i + 1] =~ /^ *(\S+)/; my ($b) = grep { /^ {${\($d*2+2)}}LBody/ } @l[$i + 1 .. ($i + 6 > $#l ? $#l : $i + 6)];
                if ($a ne "Lbl" || !$b) { print "# LI without Lbl and LBody at line $i\n"; $bad++ } }
            if ($s eq "Figure") { $fig++; my ($pi, $ps) = $l[$i - 1] =~ /^( *)(\S+)/;
                if ($ps ne "Link" || length($pi) != length($ind) - 2) { print "# Figure not inside a Link\n"; $bad++ }
                if ($l[$i] !~ /alt="(Join .+|Every meeting, always up to date: https:\S+)"/) { print "# alt: $l[$i]\n"; $bad++ } }
        }
        print "# $li list items, $fig figures, $h1 H1\n";
        $bad++ if $h1 != 1;
        exit($bad ? 1 : 0)' < "$TMP/tree"
    ok $? "$lay: lists per day, an item per meeting (Lbl, LBody), each Figure inside its Link, one H1"
    rows=$(grep -c '^  begin LI' "$TMP/plan")
    is "$(grep -c '^ *LI$' "$TMP/tree")" "$rows" "$lay: every list item of the plan is in the structure tree"
    # repeated furniture: the header is read on the first sheet only
    is "$(awk '/^page / { p = $2 } /^  text .*artifact=header .*"Free support meetings near you"$/ { n++ } END { print n + 0 }' "$TMP/plan")" \
        "$((sheets - 1))" "$lay: the headline of sheets 2..$sheets is an artifact"

    # determinism
    # shellcheck disable=SC2086
    "$SIGNPOST" render -q --layout $lay $SET $DATE -o "$TMP/again.pdf" $EX 2>/dev/null
    cmp -s "$pdf" "$TMP/again.pdf"; ok $? "$lay: two renders are byte-identical"
done

# a single sheet has no page-number line; a town's poster names the town
run_sp render --layout poster-a4 $SET $DATE --region Swansea -o "$TMP/swansea.pdf" $EX
is "$(pdfinfo "$TMP/swansea.pdf" | sed -n 's/^Pages: *//p')" 1 "Swansea fits one A4 sheet"
pdftotext "$TMP/swansea.pdf" - > "$TMP/sw.txt"
! grep -q 'Page [0-9]' "$TMP/sw.txt"; ok $? "one sheet: no page-number line"
grep -q '^Swansea · Alcoholics Anonymous$' "$TMP/sw.txt"; ok $? "the area and the one fellowship, once"

# the region split: one poster set per region, safe file names
mkdir -p "$TMP/split"
run_sp render --layout poster-a4 $SET $DATE --split-by region -o "$TMP/split/p.pdf" $EX
is "$status" 0 "--split-by region exits 0"
nreg=$(perl -MJSON::PP -e 'local $/; open my $f, "<", $ARGV[0]; my $d = decode_json(<$f>);
       my %r; for (@$d) { next if (grep { uc eq "TC" } @{$_->{types} || []}) &&
           !(($_->{attendance_option} // "") =~ /online|hybrid/ && $_->{conference_url});
       $r{$_->{region} // "Other areas"} = 1 } print scalar keys %r' $EX)
is "$(ls "$TMP/split" | wc -l | tr -d ' ')" "$nreg" "one PDF per region ($nreg)"
is "$(grep -c '^wrote ' "$out")" "$nreg" "one summary line per file written"
[ -f "$TMP/split/p-Cardiff.pdf" ]; ok $? "file named after its region"
pdftotext "$TMP/split/p-Cardiff.pdf" - | grep -q '^Cardiff'; ok $? "the poster names its region"

# a layout file with an error: file:line: message, exit 1
sed 's/^body = 18pt$/body = 12pt/' layouts/poster-a4 > "$TMP/small-body"
run_sp render --layout "$TMP/small-body" $SET -o "$TMP/x.pdf" $EX
is "$status" 1 "a layout below the floor is refused with exit 1"
grep -q "^signpost: $TMP/small-body:[0-9]*:" "$err"; ok $? "the error names the layout file and line"
[ ! -e "$TMP/x.pdf" ]; ok $? "no output file after a failed run"

# passcodes can be left off public posters
run_sp render --layout poster-a3 $SET $DATE --leave-off-passcodes -o "$TMP/np.pdf" $EX
pdftotext "$TMP/np.pdf" - | grep -qi 'passcode'; [ $? = 1 ]; ok $? "--leave-off-passcodes: no passcode printed"
rm -f "$TMP"/pg-*.png; pdftoppm -r 150 -png "$TMP/np.pdf" "$TMP/pg"
for f in "$TMP"/pg-*.png; do zbarimg --raw -q "$f" 2>/dev/null || true; done > "$TMP/np.urls"
[ -s "$TMP/np.urls" ]; ok $? "--leave-off-passcodes: the codes are still there"
is "$(grep -c 'pwd=' "$TMP/np.urls")" 0 "--leave-off-passcodes: no QR carries a passcode"

# an Urdu A3 poster of Swansea: no meeting ID beside its code, so the cells are narrow; the
# site still stands whole beside the code (it once broke as "google.co" "m")
"$SIGNPOST" render -q --layout poster-a3 $SET $DATE --lang ur --region Swansea --dump-plan $EX > "$TMP/ur.plan"
tests/poster/sites.pl "$TMP/ur.plan"
ok $? "poster-a3 in Urdu: the site beside each code, whole on one line"
# ... and every line with Urdu letters, even a mostly English one ("Tuesday and Friday:" in
# Urdu before an English name), is set in Nastaliq at Nastaliq's line height (2.5 em),
# never squeezed into the Latin line (1.3 em), where its letters overran the line above
perl -CSD -ne '
    next unless /^  text [\d.]+ [\d.]+ [\d.]+ ([\d.]+) (?:bold )?([\d.]+)pt (\S+ )?#\S+ "(.*)"$/;
    my ($h, $size, $lang, $t) = ($1, $2, $3 // "", $4);
    next unless $t =~ /(?=\p{Arabic})\p{L}/;  # an Urdu letter (not only the full stop)
    $n++;
    if ($h / $size < 2.0 || $lang ne "ur ") { printf "# %.2f em, lang %s: %s\n", $h / $size, $lang, $t; $bad++ }
    END { print "# $n lines with Urdu letters\n"; exit($bad || !$n ? 1 : 0) }' "$TMP/ur.plan"
ok $? "poster-a3 in Urdu: every line with Urdu letters in Urdu, at Nastaliq's line height"
tests/tools/plan-geom.pl --margin 5 < "$TMP/ur.plan" > "$TMP/ur.geom"
ok $? "poster-a3 in Urdu: no two lines overlap, nothing overlaps a code (a heading measured at Nastaliq's height)"
grep problem "$TMP/ur.geom" | head -3 | sed 's/^/# /'

done_testing
