#!/bin/sh
# BMLT root servers by their address: --bmlt ROOT [--service-body ID...] builds the
# GetSearchResults and GetFormats queries and reads both together, as a GetSearchResults
# file with --formats does; each keeps its own last good copy.
set -u
. tests/lib.sh
. tests/fetch/server.sh
start_server

cp examples/na-bristol-bmlt.json "$WWW/bmlt-GetSearchResults.json"
cp examples/na-bristol-formats.json "$WWW/bmlt-GetFormats.json"
ROOT="$BASE/bmlt"
SEARCH="$ROOT/client_interface/json/?switcher=GetSearchResults"
FORMATS="$ROOT/client_interface/json/?switcher=GetFormats&lang_enum=en"
uk_date() { LC_ALL=C TZ=Europe/London date -d "@$1" '+%-d %B %Y %H:%M'; }
checked() { sed -n 's/^checked=//p' "$CACHE/$(printf '%s' "$1" | sha256sum | cut -d' ' -f1).meta"; }
plan() {  # plan INPUT... : the words of the leaflet for Bristol, a paragraph a line, less
          # "Meetings as listed on <date>" (a feed's date: the files have none)
    "$SIGNPOST" render --layout leaflet-a4 --settings examples/settings.ini \
        --region Bristol --date 2026-11-26 --dump-plan "$@" 2>/dev/null | perl -ne '
        if (/^  begin (P|H\d|Lbl|LBody)\b/) { $t = "" }
        elsif (/^  text .*"(.*)"$/) { $t .= ($t eq "" ? "" : " ") . $1 }
        elsif (/^  end (P|H\d|Lbl|LBody)\b/) {
            $listed++ if $t =~ /^Meetings as listed on \d+ \w+ \d{4}$/;
            print "$t\n" unless $t =~ /^Meetings as listed on / }
        END { print STDERR "listed $listed\n" if $listed }'
}
plan --formats examples/na-bristol-formats.json examples/na-bristol-bmlt.json > "$TMP/want.plan"
want_first=$("$SIGNPOST" check --formats examples/na-bristol-formats.json \
             examples/na-bristol-bmlt.json 2>/dev/null | head -n 1)

# ---- the queries ----
run_sp check --bmlt "$ROOT" --service-body 3 --service-body 5,7
is "$status:$(head -n 1 "$out")" "0:$want_first" "--bmlt reads the same meetings as the files"
is "$(cat "$err")" "" "no warnings: the formats were read with the meetings (codes decoded)"
grep -qF " GET /bmlt/client_interface/json/?switcher=GetSearchResults&services[]=3&services[]=5&services[]=7&recursive=1 200 " "$REQLOG"
ok $? "GetSearchResults for the service bodies and those below them"
grep -qF " GET /bmlt/client_interface/json/?switcher=GetFormats&lang_enum=en 200 " "$REQLOG"
ok $? "GetFormats in English"
: > "$REQLOG"
run_sp render --lang de --layout leaflet-a5 --settings examples/settings.ini --date 2026-11-26 \
    -o "$TMP/de.pdf" --bmlt "$ROOT"
grep -qF " GET /bmlt/client_interface/json/?switcher=GetFormats&lang_enum=de " "$REQLOG"
ok $? "--lang de: GetFormats in German"
: > "$REQLOG"
run_sp render --lang cy+en --layout leaflet-a5 --settings examples/settings.ini --date 2026-11-26 \
    -o "$TMP/cy.pdf" --bmlt "$ROOT"
grep -qF " GET /bmlt/client_interface/json/?switcher=GetFormats&lang_enum=en " "$REQLOG"
ok $? "--lang cy+en: in English (BMLT servers carry no Welsh format names; revalidated: 304)"
: > "$REQLOG"
run_sp check --bmlt "$ROOT/"
is "$status" 0 "a root with a trailing slash"
is "$(cut -d' ' -f3 "$REQLOG" | sort | tr '\n' ' ')" \
   "/bmlt/client_interface/json/?switcher=GetFormats&lang_enum=en /bmlt/client_interface/json/?switcher=GetSearchResults " \
   "without --service-body: every meeting on the server; no doubled slash"

plan --bmlt "$ROOT" > "$TMP/got.plan" 2> "$TMP/got.listed"
[ "$(wc -l < "$TMP/want.plan")" -gt 50 ] && cmp -s "$TMP/want.plan" "$TMP/got.plan"
ok $? "the leaflet from --bmlt is the leaflet from the two files (format names included)"
is "$(cat "$TMP/got.listed")" "listed 2" "less the date of the feed's data, on its cover and back"
grep -q 'Open to all' "$TMP/got.plan"; ok $? "format codes are printed as their names"

# ---- the formats and the meetings keep their own copies ----
printf 'html\n' > "$WWW/bmlt-GetFormats.json.mode"
run_sp check --bmlt "$ROOT"
is "$status:$(cat "$err")" "0:signpost: $FORMATS: warning: 127.0.0.1 sent a web page instead of the feed: check the address (it must be the feed itself, not a page that shows the meetings); using the copy from $(uk_date "$(checked "$FORMATS")")" \
   "GetFormats answering a web page: its saved copy is used, and only it is reported"
plan --bmlt "$ROOT" > "$TMP/got.plan" 2>/dev/null
cmp -s "$TMP/want.plan" "$TMP/got.plan"; ok $? "the leaflet is unchanged"

rm "$WWW/bmlt-GetFormats.json.mode"
head -c 300 examples/na-bristol-formats.json > "$WWW/bmlt-GetFormats.json"
run_sp check --bmlt "$ROOT"
case "$status:$(cat "$err")" in
    "0:signpost: $FORMATS: warning: the new copy from 127.0.0.1 could not be used (line "*"; using the copy from "*) 
        ok 0 "a broken GetFormats reply: the saved formats are used with the new meetings" ;;
    *) ok 1 "a broken GetFormats reply: the saved formats are used with the new meetings"; diag "$(cat "$err")" ;;
esac
cp examples/na-bristol-formats.json "$WWW/bmlt-GetFormats.json"

printf 'status:502\n' > "$WWW/bmlt-GetSearchResults.json.mode"
run_sp check --bmlt "$ROOT"
is "$status:$(cat "$err")" "0:signpost: $SEARCH: warning: 127.0.0.1 had a problem sending the feed (HTTP 502 Bad Gateway): try again later, or tell the site's owner; using the copy from $(uk_date "$(checked "$SEARCH")")" \
   "GetSearchResults failing: the saved meetings are used"
is "$(head -n 1 "$out")" "$want_first" "and listed"
rm "$WWW/bmlt-GetSearchResults.json.mode"

: > "$REQLOG"
run_sp check --offline --bmlt "$ROOT"
is "$status:$(head -n 1 "$out"):$(wc -c < "$REQLOG" | tr -d ' ')" "0:$want_first:0" \
   "--offline --bmlt reads both saved copies without a request"

# ---- a GetSearchResults address with --formats as an address works too ----
cp examples/na-bristol-bmlt.json "$WWW/na.json"
cp examples/na-bristol-formats.json "$WWW/na-formats.json"
run_sp check --formats "$BASE/f/na-formats.json" "$BASE/f/na.json"
is "$status:$(head -n 1 "$out"):$(cat "$err")" "0:$want_first:" "--formats URL with a feed URL"

# ---- usage ----
run_sp check --service-body 3 examples/na-bristol-bmlt.json
is "$status:$(head -n 1 "$err")" "2:signpost: --service-body: give it after --bmlt ROOT" \
   "--service-body needs a --bmlt before it"
run_sp check --bmlt "$ROOT" --service-body 3,x
is "$status:$(head -n 1 "$err")" "2:signpost: --service-body: expected a service body number such as 3 (or 3,5), got '3,x'" \
   "service bodies are numbers"
run_sp check --bmlt "$SEARCH"
is "$status:$(head -n 1 "$err")" "2:signpost: --bmlt: give the root server's address, such as https://example.org/main_server, not a query" \
   "--bmlt takes the root, not a query"
run_sp check --bmlt "http://127.0.0.1:$HPORT/bmlt"
is "$status" 2 "--bmlt over plain http needs --allow-http"

done_testing
