#!/bin/sh
# settings.t - no settings value can change the PDF outside itself (issue 16 item 1): every
# key of the settings file gets ) >> \ < a new line, non-ASCII, and a whole PDF injection
# in turn.  Each value is either refused with file:line:col and the key, or accepted, and
# then the PDF passes qpdf --check, holds no action but URI links, links to exactly what it
# links to without the value (the directory link: to the value, percent-encoded), and
# shows the value as written (pdftotext, pdfinfo).
. tests/lib.sh
EX=examples/aa-south-wales.json
REGION=Anglesey
have qpdf && have jq && have pdftotext && have pdfinfo || {
    skip "qpdf, jq, pdftotext or pdfinfo missing"; done_testing; exit 0; }

# base settings: one line per key, KEY marks the line to change
base() {
    cat <<'EOF'
[organisation]
name = Example Recovery Network
phone = 01632 960123
email = info@example.org
website = example.org/web
area = South Wales
[links]
directory-url = https://example.org/meetings
short-link = example.org/m
[text]
headline = Meetings near you
subtitle = You are not alone
intro = What is a meeting?
card-welcome = You are welcome
lang = en-GB
[helpline]
name = Example Helpline
phone = 01632 960000
hours = 24 hours
EOF
}

# the output that shows each key, and how the key is found in base()
layout_for() {
    case $1 in
        website|intro|helpline.*) echo leaflet-a5 ;;
        card-welcome) echo cards-a4 ;;
        *) echo poster-a4 ;;
    esac
}

# settings with key ($1: "name", "helpline.hours"...) set to its value + suffix ($2, as
# written in the file) -> stdout
with_value() {
    # ENVIRON, not -v: awk would read the backslashes in the suffix as escapes
    base | KEY=$1 ADD=$2 awk '
        BEGIN { key = ENVIRON["KEY"]; add = ENVIRON["ADD"] }
        /^\[/ { sec = $0 }
        {
            k = $1; full = (sec == "[helpline]" ? "helpline." k : k)
            if (full == key && $2 == "=") { print $0 add; next }
            print
        }'
}

links_of() {  # the link targets of a PDF, sorted
    qpdf --json=2 "$1" 2>/dev/null |
        jq -r '[.. | objects | ."/URI"? // empty] | .[] | sub("^[ub]:"; "")' | sort -u
}

actions_other_than_uri() {
    qpdf --json=2 "$1" 2>/dev/null |
        jq '[.. | objects | select(has("/JS") or has("/JavaScript") or has("/Launch") or
             has("/OpenAction") or has("/AA") or (."/S"? == "/JavaScript") or
             (."/S"? == "/Launch") or (."/S"? == "/SubmitForm"))] | length'
}

# unglue: the renderer joins phone numbers with U+00A0 and U+2060
text_of() { pdftotext -enc UTF-8 "$1" - 2>/dev/null | sed 's/\xc2\xa0/ /g; s/\xe2\x81\xa0//g'; }

# the links without any change, per layout
for lay in poster-a4 leaflet-a5 cards-a4; do
    base > "$TMP/base.ini"
    run_sp render --layout $lay --settings "$TMP/base.ini" --region $REGION --date 2026-11-26 \
        -o "$TMP/base-$lay.pdf" $EX
    is "$status" 0 "$lay with the base settings"
    links_of "$TMP/base-$lay.pdf" > "$TMP/base-$lay.links"
done
grep -qx 'https://example.org/meetings' "$TMP/base-poster-a4.links"
ok $? "control: the poster links to the directory"

keys="name phone email website area directory-url short-link headline subtitle intro
      card-welcome lang helpline.name helpline.phone helpline.hours"
accepted=0 refused=0
# suffixes as written in the file: ) >> \ < new line, non-ASCII, an injection
i=0
for suffix in ')' '>>' '\\' '<' '\n2' ' Café Ŵyn ŷ' \
              ')>>/A<</S/JavaScript/JS(app.alert(1)'; do
    i=$((i + 1))
    # shown: the value as it reads; label: for test names (no backslash: echo reads them)
    case $suffix in
        '\\') shown='\' label='a backslash' ;;
        '\n2') shown=$suffix label='a new line' ;;
        *) shown=$suffix label="'$suffix'" ;;
    esac
    for key in $keys; do
        lay=$(layout_for "$key")
        f="$TMP/s$i-$key"
        with_value "$key" "$suffix" > "$f.ini"
        run_sp render --layout $lay --settings "$f.ini" --region $REGION --date 2026-11-26 \
            -o "$f.pdf" $EX
        if [ "$status" = 1 ]; then
            refused=$((refused + 1))
            line=$(grep -n -F "$(with_value "$key" "$suffix" | diff - "$TMP/base.ini" |
                   sed -n 's/^< //p' | head -1)" "$f.ini" | head -1 | cut -d: -f1)
            k=${key#helpline.}
            grep -q "^signpost: $f.ini:$line:[0-9]*: '$k': " "$err"
            ok $? "$key + $label: refused with file:$line:col and the key"
            [ ! -e "$f.pdf" ]; ok $? "$key + $label: no PDF written"
            continue
        fi
        accepted=$((accepted + 1))
        is "$status" 0 "$key + $label: accepted"
        qpdf --check "$f.pdf" > "$f.check" 2>&1
        grep -q 'No syntax or stream encoding errors found' "$f.check" &&
            ! grep -q WARNING "$f.check"
        ok $? "$key + $label: qpdf --check is clean"
        is "$(actions_other_than_uri "$f.pdf")" 0 "$key + $label: no action but URI links"
        links_of "$f.pdf" > "$f.links"
        if [ "$key" = directory-url ]; then
            # the value, percent-encoded like a data link; the other links as they were
            want=$(printf '%s' "https://example.org/meetings$shown" |
                   sed 's/(/%28/g; s/)/%29/g; s/\\/%5C/g; s/</%3C/g; s/>/%3E/g; s/ /%20/g')
            grep -vx 'https://example.org/meetings' "$TMP/base-$lay.links" |
                { cat; echo "$want"; } | sort -u > "$f.want"
            is "$(cat "$f.links")" "$(cat "$f.want")" \
                "$key + $label: links read back: the value encoded, the rest unchanged"
        else
            is "$(cat "$f.links")" "$(cat "$TMP/base-$lay.links")" \
                "$key + $label: links read back unchanged"
        fi
        case $key in
            name)
                is "$(pdfinfo -enc UTF-8 "$f.pdf" | sed -n 's/^Author: *//p')" \
                   "Example Recovery Network$shown" "$key + $label: Info /Author as written" ;;
            headline)
                is "$(pdfinfo -enc UTF-8 "$f.pdf" | sed -n 's/^Title: *//p')" \
                   "Meetings near you$shown: $REGION" "$key + $label: Info /Title as written" ;;
        esac
        case $key in
            name|phone|headline|subtitle|short-link|website|intro|card-welcome|helpline.*)
                # as written, with '\n' a paragraph break and '\\' a backslash
                value=$(with_value "$key" "$suffix" | diff - "$TMP/base.ini" |
                        sed -n 's/^< [a-z-]* = //p' | sed 's/\\n/ /g; s/\\\\/\\/g')
                # compared without white space: long values wrap onto more lines
                text_of "$f.pdf" | tr -d ' \n' |
                    grep -qF -- "$(printf '%s' "$value" | tr -d ' ')"
                ok $? "$key + $label: shown as written ($value)" ;;
        esac
    done
done
[ "$accepted" -gt 40 ] && [ "$refused" -gt 10 ]
ok $? "both kinds happened: $accepted values accepted, $refused refused"
done_testing
