#!/bin/sh
# Feeds read from their web addresses, against a local HTTPS server (tests/fetch/server.py):
# a feed fetched, read and rendered; 304 revalidation; every kind of failure (an HTTP
# error, a time-out, a cut-short body, a web page, an empty reply, 60 MB, a broken or
# empty directory) reported in words with the last good copy kept; redirects; --offline.
set -u
. tests/lib.sh
. tests/fetch/server.sh
start_server

uk_date() { LC_ALL=C TZ=Europe/London date -d "@$1" '+%-d %B %Y %H:%M'; }
key() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
meta() { sed -n "s/^$2=//p" "$CACHE/$(key "$1").meta" 2>/dev/null; }  # meta URL FIELD
body_sha() { cat "$CACHE/$(key "$1")"-*.body 2>/dev/null | sha256sum | cut -d' ' -f1; }
nreq() { grep -c " GET /f/$1 " "$REQLOG" 2>/dev/null || true; }
summary() { grep -E '^(Attendance|Fellowship|Weekday|Region):' "$1"; }

AA=examples/aa-south-wales.json
cp "$AA" "$WWW/feed.json"
URL="$BASE/f/feed.json"
"$SIGNPOST" check "$AA" > "$TMP/want" 2>/dev/null
want_first=$(head -n 1 "$TMP/want")

# ---- a feed fetched and read, the same as the file ----
run_sp check "$URL"
is "$status" 0 "check of a feed address exits 0"
is "$(head -n 1 "$out")" "$want_first" "the feed gives the same meetings as the file"
is "$(summary "$out")" "$(summary "$TMP/want")" "and the same counts by attendance, fellowship, day, region"
is "$(cat "$err")" "" "no warnings"
is "$(grep '^Data as of:' "$out")" "Data as of:   $(uk_date "$(meta "$URL" checked)") (UK time)" \
   "check says when the data was fetched"
req=$(grep " GET /f/feed.json " "$REQLOG" | head -n 1)
case "$req" in *" 200 inm= ims= ae=gzip ua=signpost/0.1.0 ("*) ok 0 "first request: no validators, gzip, User-Agent names signpost and its version" ;;
    *) ok 1 "first request: no validators, gzip, User-Agent names signpost and its version"; diag "$req" ;; esac
is "$(body_sha "$URL")" "$(sha256sum < "$AA" | cut -d' ' -f1)" "the saved copy is the feed, decoded from gzip"
is "$(meta "$URL" sha256)" "$(sha256sum < "$AA" | cut -d' ' -f1)" "its .meta records the body's SHA-256"
is "$(meta "$URL" url)" "$URL" "its .meta records the address"
is "$(ls "$CACHE" | sort | tr '\n' ' ')" \
   "$(key "$URL")-$(sha256sum < "$AA" | cut -c1-16).body $(key "$URL").meta " \
   "cache file names come from hashes of the address and the body only"

# the same poster from the address as from the file
run_sp render --layout poster-a4 --settings examples/settings.ini --region Cardiff \
    --date 2026-11-26 -o "$TMP/url.pdf" "$URL"
is "$status" 0 "render from a feed address exits 0"
"$SIGNPOST" render --layout poster-a4 --settings examples/settings.ini --region Cardiff \
    --date 2026-11-26 -o "$TMP/file.pdf" "$AA" 2>/dev/null
if have pdftotext; then
    pdftotext "$TMP/url.pdf" "$TMP/url.txt"; pdftotext "$TMP/file.pdf" "$TMP/file.txt"
    grep -q 'Cardiff' "$TMP/url.txt"; ok $? "the poster made from the feed lists Cardiff meetings"
    # less "Meetings as listed on <date>." in its band (a feed's date: the file has none)
    words() { perl -0777 -pe 's/\s+/ /g; s/ ?Meetings as listed on [^.]*\.//g' "$1"; }
    is "$(words "$TMP/url.txt")" "$(words "$TMP/file.txt")" \
       "its text is the text of the poster made from the file"
    grep -q "Meetings as listed on" "$TMP/url.txt"; ok $? "with the date of the feed's data"
else
    skip "pdftotext not installed"; skip "pdftotext not installed"
fi

# ---- 304: the saved copy is revalidated, not downloaded again ----
etag=$(meta "$URL" etag)
n0=$(nreq feed.json)
run_sp check "$URL"
is "$status:$(head -n 1 "$out")" "0:$want_first" "a second check reads the same meetings"
is "$(nreq feed.json)" "$((n0 + 1))" "one request"
case "$(grep " GET /f/feed.json " "$REQLOG" | tail -n 1)" in
    *" 304 inm=$etag ims=$(meta "$URL" last-modified) "*) ok 0 "sent If-None-Match and If-Modified-Since; the server answered 304" ;;
    *) ok 1 "sent If-None-Match and If-Modified-Since; the server answered 304"
       diag "$(tail -n 1 "$REQLOG")" ;; esac
is "$(cat "$err")" "" "no warnings on 304"
good_sha=$(body_sha "$URL")

# ---- failures: a clear warning, and the last good copy used and kept ----
size=$(wc -c < "$AA")
fails() {  # fails MODE MESSAGE [extra signpost options]
    m=$1 msg=$2; shift 2
    mode feed.json "$m"
    when=$(uk_date "$(meta "$URL" checked)")
    run_sp check "$@" "$URL"
    is "$status" 0 "$m: check still succeeds from the saved copy"
    is "$(head -n 1 "$err")" "signpost: $URL: warning: $msg; using the copy from $when" "$m: the warning"
    is "$(head -n 1 "$out")" "$want_first" "$m: the saved copy's meetings are listed"
    is "$(body_sha "$URL")" "$good_sha" "$m: the saved copy is kept"
}
fails status:500 "127.0.0.1 had a problem sending the feed (HTTP 500 Internal Server Error): try again later, or tell the site's owner"
fails status:404 "127.0.0.1 has no feed at this address (HTTP 404 Not Found): check the address"
t0=$(date +%s)
fails stall "could not reach 127.0.0.1: timed out after 1 s" --timeout 1
t1=$(date +%s)
[ $((t1 - t0)) -le 6 ]; ok $? "the time-out took $((t1 - t0)) s (--timeout 1)"
fails truncate "the feed from 127.0.0.1 was cut short: $((size / 2)) of $size bytes arrived"
page="127.0.0.1 sent a web page instead of the feed: check the address (it must be the feed itself, not a page that shows the meetings)"
fails html "$page"
fails html-as-json "$page"
fails empty "127.0.0.1 sent an empty reply instead of the feed"
fails big "the feed from 127.0.0.1 is larger than 50 MB (the limit; raise it with --max-size)"
fails big-chunked "the feed from 127.0.0.1 is larger than 50 MB (the limit; raise it with --max-size)"
fails big "the feed from 127.0.0.1 is larger than 10 MB (the limit; raise it with --max-size)" --max-size 10

mode feed.json status:503
run_sp check --werror "$URL"
is "$status" 1 "--werror: using a saved copy in place of the feed is an error (for scheduled jobs)"

# raising the cap lets the 60 MB through; what arrives is not a directory, so it is not kept
mode feed.json big
run_sp check --max-size 70 "$URL"
case "$(head -n 1 "$err")" in
    "signpost: $URL: warning: the new copy from 127.0.0.1 could not be used (line "*"; using the copy from "*)
        ok 0 "--max-size 70: the 60 MB body arrives, is read, and is refused as broken" ;;
    *) ok 1 "--max-size 70: the 60 MB body arrives, is read, and is refused as broken"; diag "$(cat "$err")" ;;
esac
is "$(body_sha "$URL")" "$good_sha" "--max-size 70: the saved copy is kept"

# replies that arrive whole but cannot be used
mode feed.json ok
head -c 9000 "$AA" > "$WWW/feed.json"
run_sp check "$URL"
case "$(head -n 1 "$err")" in
    "signpost: $URL: warning: the new copy from 127.0.0.1 could not be used (line "*", column "*"; using the copy from "*)
        ok 0 "a cut-short JSON body: the new copy is refused, with its line and column" ;;
    *) ok 1 "a cut-short JSON body: the new copy is refused, with its line and column"; diag "$(cat "$err")" ;;
esac
is "$status:$(head -n 1 "$out")" "0:$want_first" "cut-short JSON: the saved copy's meetings are listed"
is "$(body_sha "$URL")" "$good_sha" "cut-short JSON: the saved copy is kept"

printf '[]\n' > "$WWW/feed.json"
run_sp check "$URL"
is "$(head -n 1 "$err")" "signpost: $URL: warning: the new copy from 127.0.0.1 could not be used (it has no meetings that can be used); using the copy from $(uk_date "$(meta "$URL" checked)")" \
   "an empty directory never replaces a good copy"
is "$(body_sha "$URL")" "$good_sha" "empty directory: the saved copy is kept"

# a good new copy replaces the saved one
cp examples/smart-bath.csv "$WWW/feed.json"
run_sp check "$URL"
is "$status:$(head -n 1 "$out")" "0:$("$SIGNPOST" check examples/smart-bath.csv 2>/dev/null | head -n 1)" \
   "a changed feed is read"
is "$(body_sha "$URL")" "$(sha256sum < examples/smart-bath.csv | cut -d' ' -f1)" "and replaces the saved copy"
is "$(ls "$CACHE" | wc -l | tr -d ' ')" 2 "the old body is removed (one .meta, one .body)"
cp "$AA" "$WWW/feed.json"
"$SIGNPOST" check "$URL" >/dev/null 2>&1

# ---- no saved copy: the fetch error is the error ----
mode new.json status:500
run_sp check "$BASE/f/new.json"
is "$status:$(head -n 1 "$err")" "3:signpost: $BASE/f/new.json: 127.0.0.1 had a problem sending the feed (HTTP 500 Internal Server Error): try again later, or tell the site's owner; there is no saved copy to use" \
   "with no saved copy, a failed fetch exits 3 and says so"
head -c 9000 "$AA" > "$WWW/broken.json"
run_sp check "$BASE/f/broken.json"
case "$status:$(head -n 1 "$err")" in
    "1:signpost: $BASE/f/broken.json:"*) ok 0 "with no saved copy, a broken feed is an input error naming the address" ;;
    *) ok 1 "with no saved copy, a broken feed is an input error naming the address"; diag "$status" "$(cat "$err")" ;;
esac
[ ! -e "$CACHE/$(key "$BASE/f/broken.json").meta" ]; ok $? "and nothing is saved for it"

# ---- redirects ----
mode r1.json "redirect:/f/feed.json"
run_sp check "$BASE/f/r1.json"
is "$status:$(head -n 1 "$out")" "0:$want_first" "a redirect to https on the same server is followed"
for i in 1 2 3 4 5 6; do mode "c$i.json" "redirect:/f/c$((i + 1)).json"; done
cp "$AA" "$WWW/c7.json"
run_sp check "$BASE/f/c2.json"
is "$status" 0 "5 redirects are followed"
run_sp check "$BASE/f/c1.json"
is "$status:$(head -n 1 "$err")" "3:signpost: $BASE/f/c1.json: 127.0.0.1 redirected more than 5 times; not followed further; there is no saved copy to use" \
   "a 6th redirect is not followed"
mode la.json "redirect:/f/lb.json"
mode lb.json "redirect:$BASE/f/la.json"
run_sp check "$BASE/f/la.json"
is "$status:$(head -n 1 "$err")" "3:signpost: $BASE/f/la.json: 127.0.0.1 redirects in a loop (back to '$BASE/f/la.json'): tell the site's owner; there is no saved copy to use" \
   "a redirect loop is named as one"
mode th.json "redirect:http://127.0.0.1:$HPORT/f/feed.json"
for extra in "" --allow-http; do
    run_sp check $extra "$BASE/f/th.json"
    is "$status:$(head -n 1 "$err")" "3:signpost: $BASE/f/th.json: 127.0.0.1 redirected to 'http://127.0.0.1:$HPORT/f/feed.json'; not followed: it is not https, and a redirect is only followed to https; there is no saved copy to use" \
       "a redirect to http: is never followed ${extra:-(default)}"
done
grep -q "^$HPORT " "$REQLOG"; is "$?" 1 "no request reached the plain-http server"
mode tf.json "redirect:file:///etc/passwd"
run_sp check "$BASE/f/tf.json"
is "$status:$(head -n 1 "$err")" "3:signpost: $BASE/f/tf.json: 127.0.0.1 redirected to 'file:///etc/passwd'; not followed: it is a file: address, which is never followed; there is no saved copy to use" \
   "a redirect to file: is never followed"

# a redirect loop after a good copy: the copy is used
mode feed.json "redirect:/f/feed.json"
run_sp check "$URL"
is "$status:$(head -n 1 "$err")" "0:signpost: $URL: warning: 127.0.0.1 redirects in a loop (back to '$URL'): tell the site's owner; using the copy from $(uk_date "$(meta "$URL" checked)")" \
   "a redirect loop: the saved copy is used"

# ---- --offline: the saved copy only, and no request at all ----
mode feed.json ok
: > "$REQLOG"
run_sp check --offline "$URL"
is "$status:$(head -n 1 "$out")" "0:$want_first" "--offline reads the saved copy"
is "$(cat "$err")" "" "--offline: no warning"
is "$(wc -c < "$REQLOG" | tr -d ' ')" 0 "--offline: no request was made"
is "$(grep '^Data as of:' "$out")" "Data as of:   $(uk_date "$(meta "$URL" checked)") (UK time)" \
   "--offline: the data's date is when the copy was last confirmed"
run_sp check --offline "$BASE/f/never.json"
is "$status:$(head -n 1 "$err")" "3:signpost: $BASE/f/never.json: no saved copy of this feed to use offline; run once without --offline to fetch it" \
   "--offline with no saved copy exits 3 and says what to do"

# ---- kiosk slides from a feed address ----
run_sp kiosk --layout kiosk-landscape --settings examples/settings.ini --at 2026-11-26T14:00 \
    -o "$TMP/slides/" "$URL"
is "$status" 0 "kiosk slides from a feed address"
[ -s "$TMP/slides/slide-01.png" ]; ok $? "the first slide is there"

# ---- option values ----
while IFS='|' read -r want_status want_err args; do
    # shellcheck disable=SC2086
    eval "run_sp $args"
    is "$status:$(head -n 1 "$err")" "$want_status:$want_err" "$args"
done <<'CASES'
2|signpost: --timeout: expected an integer 1..600, got '0'|check --timeout 0 x.json
2|signpost: --max-size: expected an integer 1..2000, got '5000'|check --max-size 5000 x.json
2|signpost: --max-size: expected an integer 1..2000, got '50MB'|check --max-size 50MB x.json
2|signpost: --poll-interval: expected an integer 1..1440, got '0'|kiosk --poll-interval 0 -o d x.json
CASES
run_sp render --help
grep -q -- '--bmlt ROOT' "$out" && grep -q -- '--offline' "$out"; ok $? "render --help lists the feed options"
run_sp kiosk --help
grep -q -- '--poll-interval MINUTES' "$out"; ok $? "kiosk --help lists --poll-interval"

done_testing
