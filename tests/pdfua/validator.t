#!/bin/sh
# validator.t - tests/tools/pdfua_check must fail on each defect it claims to find.  A
# clean one-page poster is turned into QDF (qpdf), one defect is written into it (perl),
# the offsets are fixed (fix-qdf), and the checker must name exactly that rule.  Every
# rule of 'pdfua_check --rules' has a case here.
. tests/lib.sh
CHECK=$BUILD/tests/tools/pdfua_check
have qpdf && have fix-qdf && have perl || {
    skip "qpdf, fix-qdf or perl missing"; done_testing; exit 0; }

run_sp render --layout poster-a4 --settings examples/settings.ini --region Bath \
    --date 2026-11-26 -o "$TMP/base.pdf" examples/aa-south-wales.json
is "$status" 0 "the base poster renders"
"$CHECK" "$TMP/base.pdf" > "$TMP/base.out" 2>&1
is "$?" 0 "the base poster passes"
qpdf --qdf --object-streams=disable "$TMP/base.pdf" "$TMP/base.qdf"
run_sp render --layout leaflet-a5 --settings examples/settings.ini --region Bath \
    --date 2026-11-26 -o "$TMP/leaflet.pdf" examples/aa-south-wales.json
"$CHECK" "$TMP/leaflet.pdf" > /dev/null 2>&1
is "$?" 0 "the base leaflet (two pages, bookmarks) passes"
qpdf --qdf --object-streams=disable "$TMP/leaflet.pdf" "$TMP/leaflet.qdf"

tested=""
# defect RULE BASE PERL-EXPRESSION DESCRIPTION
defect() {
    rule=$1 base=$2 expr=$3 what=$4 n=$((tap_n + 1))
    tested="$tested $rule"
    perl -0777 -pe "$expr" "$TMP/$base.qdf" > "$TMP/d$n.qdf"
    if cmp -s "$TMP/$base.qdf" "$TMP/d$n.qdf"; then
        ok 1 "$rule: $what (the defect was not written: the case is stale)"
        return
    fi
    fix-qdf "$TMP/d$n.qdf" > "$TMP/d$n.pdf" 2>/dev/null
    "$CHECK" "$TMP/d$n.pdf" > "$TMP/d$n.out" 2>&1
    st=$?
    if [ "$st" = 1 ] && grep -q ": $rule: " "$TMP/d$n.out"; then
        ok 0 "$rule: $what"
    else
        ok 1 "$rule: $what"
        diag "exit $st" "$(cat "$TMP/d$n.out")"
    fi
}

# content: every painting operator tagged or artifact, artifacts typed and not nested
defect 7.1-untagged base 's/(stream\n1 0 0 -1 0 841.889764 cm\nq\n)/${1}0 0 9 9 re f\n/' \
    'a rectangle painted outside any marked content'
defect 7.1-artifact-in-tagged base \
    's{(/P << /MCID 1 >> BDC\n)}{$1/Artifact << /Type /Layout >> BDC 0 0 9 9 re f EMC\n}' \
    'an artifact inside a P'
defect 7.1-tagged-in-artifact base \
    's{(/Artifact << /Type /Layout >> BDC\n)}{$1/P << /MCID 90 >> BDC 0 0 9 9 re f EMC\n}' \
    'a tagged sequence inside an artifact'
defect sp-artifact-type base 's{/Artifact << /Type /Layout >>}{/Artifact << >>}' \
    'an artifact without /Type'
defect mc-balance base 's{(/P << /MCID 1 >> BDC\n)}{$1/Span BMC\n}' 'a BMC never closed'
defect mcid-content base 's{/P << /MCID 1 >> BDC}{/P << /MCID 0 >> BDC}' 'an MCID used twice'
defect mcid-elements base 's{/K (\d+)(\n  /P [^\n]*\n  /Pg [^\n]*\n  /S /H1\n)}{/K [ $1 77 ]$2}' \
    'an element referencing an MCID that is not in the content'
defect parent-tree base 's{/StructParents (\d+)}{/StructParents 99}' \
    'a page whose /StructParents leads nowhere'
# the catalog and metadata
defect 7.1-marked base 's{/Marked true}{/Marked false}' '/Marked false'
defect 7.1-struct-tree base 's{  /StructTreeRoot \d+ 0 R\n}{}' 'no structure tree'
defect 7.1-display-title base 's{/DisplayDocTitle true}{/DisplayDocTitle false}' \
    '/DisplayDocTitle false'
defect 7.1-metadata base 's{<dc:title>.*?</dc:title>}{}s' 'no dc:title in the XMP'
defect 5-pdfuaid base 's{<pdfuaid:part>1</pdfuaid:part>}{}' 'no pdfuaid:part claim'
defect 7.2-lang base 's{/Lang \(en-GB\)}{/Lang ()}' 'an empty catalog /Lang'
defect pdf-date base 's{/CreationDate \(D:}{/CreationDate (}' 'a date without D:'
# structure
defect 7.1-standard-type base 's{/S /H1\n}{/S /Heading\n}' 'a type that is not standard'
defect sp-reserved-type base 's{/S /H1\n}{/S /RB\n}' 'a reserved type left in'
defect 7.2-list base 's{/S /H1\n}{/S /LI\n}' 'an LI outside an L'
defect 7.3-figure-alt base 's{  /Alt \(Join [^\n]*\n}{}' 'a Figure without /Alt'
defect 7.4-headings base 's{/S /H1\n}{/S /H3\n}' 'the first heading is H3'
defect sp-h1 base 's{/S /H1\n}{/S /P\n}' 'no H1 at all'
defect sp-bookmarks leaflet 's{  /Outlines \d+ 0 R\n}{}' 'two pages and no bookmarks'
# annotations
defect 7.18.3-tabs base 's{  /Tabs /S\n}{}' 'a page with links and no /Tabs'
defect 7.18.5-link base 's{  /Contents \(Join [^\n]*\n}{}' 'a link without /Contents'
defect 7.18.1-annot base \
    's{/Subtype /Link}{/Subtype /Square}g; s{<<\n      /Obj \d+ 0 R\n      /Type /OBJR\n    >>\n}{}g' \
    'annotations in no structure element'
# fonts
defect 7.21.3.2-cidtogid base 's{  /CIDToGIDMap /Identity\n}{}' 'a CIDFontType2 without the map'
defect 7.21.4.1-embedded base 's{/FontFile2}{/FontFileX}' 'a font program not embedded'
defect 7.21.7-tounicode base 's{  /ToUnicode \d+ 0 R\n}{}' 'a font without /ToUnicode'
defect 7.21.8-notdef base 's{<0001>Tj}{<0000>Tj}' 'code 0 of a CID font shown'

# every rule the checker knows has a case above (a rule without one cannot be trusted)
for r in $("$CHECK" --rules | awk '{ print $1 }'); do
    case " $tested " in
        *" $r "*) ;;
        *) ok 1 "rule $r has a defect case"; continue ;;
    esac
done
ok 0 "every rule has a defect case ($("$CHECK" --rules | wc -l) rules)"

# the other modes
"$CHECK" --text "$TMP/base.pdf" > "$TMP/text" 2>&1
grep -q '^H1: Free support meetings near you$' "$TMP/text"
ok $? "--text: the H1 in structure order"
"$CHECK" --tree "$TMP/base.pdf" > "$TMP/tree" 2>&1
head -1 "$TMP/tree" | grep -q '^Document$'
ok $? "--tree: the Document first"
"$CHECK" "$TMP/nothing.pdf" > /dev/null 2>&1
is "$?" 2 "a file that cannot be read: exit 2"
done_testing
