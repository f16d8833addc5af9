#!/bin/sh
# chunks.t - a long leaflet or poster set is written as several cairo documents that the
# PDF filter joins into one file (src/output/pdf_a11y.h "chunks"), so cairo's structure
# tree never holds more than one chunk (issue 16 item 9, issue 17 item 2).  The joined
# file must read exactly as the file written in one piece: the same pages, text, page
# labels, bookmarks and links; one valid PDF/UA structure tree whose later chunks are
# Parts of the one Document; and a short file (one chunk) byte for byte as before.
# SIGNPOST_PDF_CHUNK_PAGES sets the pages a chunk holds (0: one document).
set -u
. tests/lib.sh

CHECK=$BUILD/tests/tools/pdfua_check
S=examples/settings.ini
D=2026-11-26
EX="examples/aa-south-wales.json examples/smart-bath.csv"

# effective label of every page, one a line (from qpdf's page-label ranges)
labels() {
    qpdf --json --json-key=pagelabels "$1" | perl -MJSON::PP -e '
        local $/; my $j = decode_json(<STDIN>); my @r = @{$j->{pagelabels}};
        my $n = shift;
        for my $p (0 .. $n - 1) {
            my $cur; $cur = $_ for grep { $_->{index} <= $p } @r;
            my $l = $cur->{label}; my $st = $l->{"/St"} // 1;
            my $num = ($l->{"/S"} // "") eq "/D" ? $st + $p - $cur->{index} : "";
            my $pre = $l->{"/P"} // ""; $pre =~ s/^u://;
            print "$pre$num\n";
        }' "$2"
}
# bookmarks: level, title, page, and the height (points)
outline() {
    mutool show "$1" outline | perl -ne '
        /^([|+-]\t*)"(.*)"\t#page=(\d+)&zoom=[^,]*,[^,]*,([\d.]+)/ or next;
        printf "%s %s p%d\t%.3f\n", $1, $2, $3, $4;'
}
# the same bookmarks in both lists, heights within 0.02 pt (cairo rounds its own)
same_outline() {
    perl -e 'open my $fa, "<", $ARGV[0] or die; open my $fb, "<", $ARGV[1] or die;
        my @a = <$fa>; my @b = <$fb>; exit 1 if @a != @b;
        for my $i (0 .. $#a) {
            my ($ka, $ya) = $a[$i] =~ /^(.*)\t(\S+)$/; my ($kb, $yb) = $b[$i] =~ /^(.*)\t(\S+)$/;
            exit 1 unless defined $ya && defined $yb;
            if ($ka ne $kb || abs($ya - $yb) > 0.02) { print STDERR "$a[$i]$b[$i]"; exit 1 }
        }' "$1" "$2"
}
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

compare() {  # compare NAME ONE.pdf CHUNKED.pdf CHUNKS
    name=$1 one=$2 ch=$3 nch=$4
    qpdf --check "$ch" > "$TMP/qpdf.log" 2>&1
    ok $? "$name: qpdf --check finds no error in the joined file"
    "$CHECK" "$ch" > "$TMP/ua.log" 2>&1
    st=$?
    ok "$st" "$name: pdfua_check finds nothing in the joined file"
    [ "$st" = 0 ] || diag "$(head -5 "$TMP/ua.log")"
    n=$(pages "$one")
    is "$(pages "$ch")" "$n" "$name: the same number of pages ($n)"
    pdftotext -layout "$one" "$TMP/one.txt"
    pdftotext -layout "$ch" "$TMP/ch.txt"
    cmp -s "$TMP/one.txt" "$TMP/ch.txt"
    ok $? "$name: the same text on every page"
    labels "$one" "$n" > "$TMP/one.lab"
    labels "$ch" "$n" > "$TMP/ch.lab"
    cmp -s "$TMP/one.lab" "$TMP/ch.lab"
    ok $? "$name: the same page labels ($(sed -n 1p "$TMP/one.lab"), $(sed -n 2p "$TMP/one.lab") ...)"
    outline "$one" > "$TMP/one.out"
    outline "$ch" > "$TMP/ch.out"
    if [ -s "$TMP/one.out" ]; then
        same_outline "$TMP/one.out" "$TMP/ch.out"
        ok $? "$name: the same bookmarks, levels, pages and places ($(wc -l < "$TMP/one.out"))"
    fi
    # every page drawn the same, pixel for pixel (30 dpi)
    rm -rf "$TMP/r1" "$TMP/r2"
    mkdir "$TMP/r1" "$TMP/r2"
    pdftoppm -r 30 -png "$one" "$TMP/r1/p"
    pdftoppm -r 30 -png "$ch" "$TMP/r2/p"
    (cd "$TMP/r1" && md5sum *.png) > "$TMP/r1.sum"
    (cd "$TMP/r2" && md5sum *.png) > "$TMP/r2.sum"
    cmp -s "$TMP/r1.sum" "$TMP/r2.sum" && [ "$(wc -l < "$TMP/r1.sum")" = "$n" ]
    ok $? "$name: every page drawn the same, pixel for pixel"
    pdfinfo -url "$one" > "$TMP/one.url"
    pdfinfo -url "$ch" > "$TMP/ch.url"
    cmp -s "$TMP/one.url" "$TMP/ch.url"
    ok $? "$name: the same links on the same pages ($(($(wc -l < "$TMP/one.url") - 1)))"
    # one Document at the root; each later chunk's Document is a Part of it
    mutool show "$ch" trailer/Root/StructTreeRoot/K > "$TMP/k.txt"
    is "$(grep -o '[0-9]* 0 R' "$TMP/k.txt" | wc -l)" 1 "$name: one element at the root"
    doc=$(grep -o '[0-9]* 0 R' "$TMP/k.txt" | cut -d' ' -f1)
    mutool show "$ch" "$doc" > "$TMP/doc.txt"
    grep -q '/S /Document' "$TMP/doc.txt"
    ok $? "$name: it is the Document"
    parts=0
    for r in $(grep -o '[0-9]* 0 R' "$TMP/doc.txt" | cut -d' ' -f1); do
        mutool show "$ch" "$r" | grep -q '/S /Part' && parts=$((parts + 1))
    done
    is "$parts" "$((nch - 1))" "$name: $((nch - 1)) later chunks, each a Part of the Document"
}

# the examples' leaflet (19 pages) in chunks of 4 pages
SIGNPOST_PDF_CHUNK_PAGES=0 run_sp render --layout leaflet-a4 --settings $S --date $D \
    -o "$TMP/one.pdf" $EX
is "$status" 0 "leaflet in one document: written"
SIGNPOST_PDF_CHUNK_PAGES=4 run_sp render --layout leaflet-a4 --settings $S --date $D \
    -o "$TMP/ch.pdf" $EX
is "$status" 0 "leaflet in chunks of 4 pages: written"
n=$(pages "$TMP/one.pdf")
# a chunk ends after at least 4 pages, where every open element may end: 19 pages -> 4 or 5
kids=0
for r in $(mutool show "$TMP/ch.pdf" trailer/Root/Pages | grep -o '[0-9]* 0 R' | cut -d' ' -f1); do
    mutool show "$TMP/ch.pdf" "$r" | grep -q '/Type /Pages' && kids=$((kids + 1))
done
ok "$([ "$kids" -ge 3 ] && echo 0 || echo 1)" "leaflet: $n pages in $((kids + 1)) chunks"
compare leaflet "$TMP/one.pdf" "$TMP/ch.pdf" $((kids + 1))

# a short file is one document: byte for byte as with chunks turned off
SIGNPOST_PDF_CHUNK_PAGES=200 run_sp render --layout leaflet-a4 --settings $S --date $D \
    -o "$TMP/short.pdf" $EX
cmp -s "$TMP/one.pdf" "$TMP/short.pdf"
ok $? "a leaflet shorter than a chunk: the same bytes as in one document"

# the earlier chunks' xref waits in a temporary file: where none can be made, the run fails
# with the reason and leaves nothing at -o
TMPDIR=$TMP/none SIGNPOST_PDF_CHUNK_PAGES=4 run_sp render --layout leaflet-a4 --settings $S \
    --date $D -o "$TMP/notmp.pdf" $EX
is "$status" 4 "no temporary folder: exit 4"
grep -q "^signpost: pdf update: cannot make a temporary file for the cross-reference table: " "$err"
ok $? "no temporary folder: the message says what could not be made"
[ ! -e "$TMP/notmp.pdf" ] && [ -z "$(ls "$TMP" | grep notmp)" ]
ok $? "no temporary folder: nothing left at -o"

# a poster set (numbered sheets) of a generated town, in chunks of 2 sheets
perl tests/poster/gen.pl 60 0 > "$TMP/town.json"
SIGNPOST_PDF_CHUNK_PAGES=0 run_sp render --layout poster-a4 --settings $S --date $D \
    -o "$TMP/pone.pdf" "$TMP/town.json"
is "$status" 0 "poster set in one document: written"
SIGNPOST_PDF_CHUNK_PAGES=2 run_sp render --layout poster-a4 --settings $S --date $D \
    -o "$TMP/pch.pdf" "$TMP/town.json"
is "$status" 0 "poster set in chunks of 2 sheets: written"
kids=0
for r in $(mutool show "$TMP/pch.pdf" trailer/Root/Pages | grep -o '[0-9]* 0 R' | cut -d' ' -f1); do
    mutool show "$TMP/pch.pdf" "$r" | grep -q '/Type /Pages' && kids=$((kids + 1))
done
ok "$([ "$kids" -ge 1 ] && echo 0 || echo 1)" \
   "poster set: $(pages "$TMP/pone.pdf") sheets in $((kids + 1)) chunks"
compare "poster set" "$TMP/pone.pdf" "$TMP/pch.pdf" $((kids + 1))

done_testing
