#!/bin/sh
# Feed security: https only (http only with --allow-http), certificates checked (the
# host name too), no credentials in addresses (and never echoed), nothing written outside
# the cache folder whatever the address or the headers say; where the cache lives.
set -u
. tests/lib.sh
. tests/fetch/server.sh
start_server

AA=examples/aa-south-wales.json
cp "$AA" "$WWW/feed.json"
URL="$BASE/f/feed.json"
want_first=$("$SIGNPOST" check "$AA" 2>/dev/null | head -n 1)

# ---- addresses refused before any request (usage errors, exit 2) ----
: > "$REQLOG"
run_sp check "https://clinic:s3cret@127.0.0.1:$PORT/f/feed.json"
is "$status:$(head -n 1 "$err")" "2:signpost: cannot read 'https://127.0.0.1:$PORT/f/feed.json': it has a user name or password in it, which signpost never sends; remove it (feeds are public)" \
   "an address with a user name and password is refused"
grep -q 's3cret' "$err"; is "$?" 1 "the password is not repeated in the message"
run_sp check "https://clinic@127.0.0.1:$PORT/f/feed.json"
is "$status" 2 "an address with only a user name is refused"
run_sp check "http://127.0.0.1:$HPORT/f/feed.json"
is "$status:$(head -n 1 "$err")" "2:signpost: cannot read 'http://127.0.0.1:$HPORT/f/feed.json': it is not https; use the https:// address, or add --allow-http to read it over plain http" \
   "plain http is refused without --allow-http"
run_sp check file:///etc/passwd
is "$status:$(head -n 1 "$err")" "2:signpost: cannot read 'file:///etc/passwd': file: addresses are not read; give the file's path instead" \
   "file: addresses are refused"
run_sp check ftp://127.0.0.1/feed.json
is "$status:$(head -n 1 "$err")" "2:signpost: cannot read 'ftp://127.0.0.1/feed.json': ftp: addresses are not read; only https:// (and http:// with --allow-http)" \
   "other schemes are refused"
run_sp check --formats "$BASE/f/formats.json" "$AA"
is "$status:$(head -n 1 "$err")" "2:signpost: --formats '$BASE/f/formats.json' is a web address but '$AA' is a file: give both as files or both as addresses" \
   "a formats address with a directory file is refused"
is "$(wc -c < "$REQLOG" | tr -d ' ')" 0 "no request was made for any of them"

# ---- plain http only when asked ----
run_sp check --allow-http "http://127.0.0.1:$HPORT/f/feed.json"
is "$status:$(head -n 1 "$out")" "0:$want_first" "--allow-http reads a plain http feed"
grep -q "^$HPORT GET /f/feed.json 200 " "$REQLOG"; ok $? "over plain http"

# ---- certificates are checked ----
run_sp check "https://localhost:$PORT/f/feed.json"
case "$status:$(head -n 1 "$err")" in
    "3:signpost: https://localhost:$PORT/f/feed.json: could not reach localhost safely: its certificate could not be checked ("*"); there is no saved copy to use")
        ok 0 "a certificate for another host name is refused" ;;
    *) ok 1 "a certificate for another host name is refused"; diag "$(cat "$err")" ;;
esac
CA=$SIGNPOST_CA_FILE CACHEHOME=$XDG_CACHE_HOME
XDG_CACHE_HOME="$TMP/cache2" SIGNPOST_CA_FILE=""
run_sp check "$URL"
case "$status:$(head -n 1 "$err")" in
    "3:signpost: $URL: could not reach 127.0.0.1 safely: its certificate could not be checked ("*"); there is no saved copy to use")
        ok 0 "a certificate nobody vouches for is refused" ;;
    *) ok 1 "a certificate nobody vouches for is refused"; diag "$(cat "$err")" ;;
esac
SIGNPOST_CA_FILE=/no/such/ca.pem
run_sp check "$URL"
is "$status:$(head -n 1 "$err")" "3:signpost: $URL: cannot read the certificate file '/no/such/ca.pem'; there is no saved copy to use" \
   "a missing SIGNPOST_CA_FILE is named"
SIGNPOST_CA_FILE=$CA XDG_CACHE_HOME=$CACHEHOME

# ---- nothing is written outside the cache folder ----
touch "$TMP/marker"
sleep 1
mode evil.json evil
cp "$AA" "$WWW/evil.json"
run_sp check "$BASE/f/evil.json"
is "$status" 0 "headers full of ../ paths: the feed is still read"
run_sp check "$BASE/f/evil.json?name=../../../../../tmp/signpost-evil-$$&x=%2e%2e%2f%2e%2e%2f"
is "$status" 0 "an address full of ../ paths: the feed is still read"
run_sp check "$BASE/f/evil.json"
is "$status" 0 "and read again with those headers as validators"
bad=$(find "$TMP" -newer "$TMP/marker" -type f ! -path "$SRV/*" ! -name stdout ! -name stderr | \
      grep -Ev "^$CACHE/[0-9a-f]{64}(\.meta|-[0-9a-f]{16}\.body)$" || true)
is "$bad" "" "every file written is in the cache folder, named by hashes"
[ ! -e "/tmp/signpost-evil-$$" ] && [ ! -e evil ] && [ ! -e evil.json ] && [ ! -e "$TMP/../evil" ]
ok $? "nothing was written where the address or the headers point"
key=$(printf '%s' "$BASE/f/evil.json" | sha256sum | cut -d' ' -f1)
is "$(sed -n 's/^etag=//p' "$CACHE/$key.meta")" '"../../../../evil"' "a hostile ETag is kept only as data"
grep -q '^last-modified=' "$CACHE/$key.meta"; is "$?" 1 "a Last-Modified with a control character is dropped"

# ---- where the cache lives ----
mkdir -p "$TMP/home"
( unset XDG_CACHE_HOME; HOME="$TMP/home" "$SIGNPOST" check "$URL" >/dev/null 2>&1 )
key=$(printf '%s' "$URL" | sha256sum | cut -d' ' -f1)
[ -f "$TMP/home/.cache/signpost/feeds/$key.meta" ]; ok $? "without XDG_CACHE_HOME the cache is ~/.cache/signpost/feeds"
XDG_CACHE_HOME=/dev/null/x
run_sp check "$URL"
is "$status:$(head -n 1 "$err")" "0:signpost: $URL: warning: cannot make the cache folder '/dev/null/x/signpost/feeds': Not a directory; it is used now but cannot be used when offline" \
   "an unusable cache folder: the feed is used, with a warning"
is "$(head -n 1 "$out")" "$want_first" "and read"
XDG_CACHE_HOME=$CACHEHOME

done_testing
