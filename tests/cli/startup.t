#!/bin/sh
# Start-up (issue 17): libcurl and the 33 libraries it brings are opened only when a feed
# is read (src/input/curl_lazy.c), so a run on files does not load them.  (Times are in
# make bench; here only what is loaded.)
set -u
. tests/lib.sh

if command -v ldd > /dev/null 2>&1; then
    ldd "$SIGNPOST" > "$TMP/ldd" 2>&1
    grep -q 'libcairo' "$TMP/ldd"; ok $? "ldd lists the binary's libraries (cairo among them)"
    ! grep -q 'libcurl' "$TMP/ldd"; ok $? "libcurl is not linked"
else
    ok 0 "# SKIP no ldd"
    ok 0 "# SKIP no ldd"
fi

LD_DEBUG=files "$SIGNPOST" check examples/smart-bath.csv > /dev/null 2> "$TMP/ld"
is "$?" 0 "check on a file exits 0"
grep -q 'libcairo' "$TMP/ld"; ok $? "the loader's log names the libraries it opens"
! grep -q 'libcurl' "$TMP/ld"; ok $? "check on a file never opens libcurl"

# a web address opens it (offline: the address is checked, nothing is fetched)
LD_DEBUG=files "$SIGNPOST" check --offline https://example.org/feed.json > /dev/null \
    2> "$TMP/ld2"
grep -q 'libcurl' "$TMP/ld2"; ok $? "a web address opens libcurl when it is needed"
grep -q 'no saved copy of this feed' "$TMP/ld2"; ok $? "and the feed is then handled as before"

done_testing
