#!/bin/sh
# Faults from outside (STYLE.md H14): a full disk, a missing folder we may not create,
# an input that is a folder, no fonts, and running out of memory.  Each gives its exit
# status and one clear message, and a failed run never leaves a broken file behind nor
# replaces a good one.
set -u
. tests/lib.sh
SET="--settings examples/settings.ini"

# a full disk: /dev/full behind a .pdf name
ln -s /dev/full "$TMP/full.pdf"
run_sp render $SET -o "$TMP/full.pdf" examples/smart-bath.csv
is "$status" 3 "full disk: exit 3"
is "$(head -n 1 "$err")" "signpost: cannot write '$TMP/full.pdf': No space left on device" "full disk: message"
[ -c /dev/full ] && [ -L "$TMP/full.pdf" ]; ok $? "the device and the link are left as they were"
ln -s /dev/full "$TMP/full.png"
run_sp render $SET --dpi 40 -o "$TMP/full.png" tests/golden/one-meeting/input.json
is "$status" 3 "full disk, PNG: exit 3"

# a good poster is not replaced by a failed run
run_sp render $SET --date 2026-11-26 -o "$TMP/good.pdf" examples/smart-bath.csv
cp "$TMP/good.pdf" "$TMP/good.copy"
printf '[{"name":"X","day":1,"time":"19:00","conference_url":"https://example.org/%s"}]\n' \
    "$(perl -e 'print "x" x 3000')" > "$TMP/too-long.json"
run_sp render $SET --date 2026-11-26 -o "$TMP/good.pdf" "$TMP/too-long.json"
is "$status" 1 "a failing render: exit 1"
cmp -s "$TMP/good.pdf" "$TMP/good.copy"; ok $? "the earlier good PDF is untouched"
[ -z "$(ls "$TMP" | grep '\.tmp$')" ]; ok $? "no .tmp file left"

# inputs that cannot be read
run_sp check examples
is "$status" 3 "a folder as input: exit 3"
is "$(head -n 1 "$err")" "signpost: cannot read 'examples': is a directory" "a folder as input: message"

# no fonts: exit 4, never a silent fallback to system fonts
mkdir -p "$TMP/data/layouts" "$TMP/data/fonts"
cp layouts/poster-a4 "$TMP/data/layouts/"
run_sp render --data-dir "$TMP/data" $SET -o "$TMP/x.pdf" examples/smart-bath.csv
is "$status" 4 "no fonts: exit 4"
is "$(head -n 1 "$err")" "signpost: font 'Atkinson Hyperlegible Next' not found in '$TMP/data/fonts'" "no fonts: message"
run_sp render --data-dir "$TMP/nowhere" $SET -o "$TMP/x.pdf" examples/smart-bath.csv
is "$status" 4 "no data folder: exit 4"

# out of memory (the SP_TEST_ALLOC_FAIL hook in mem.c, built into build/signpost-test only):
# exit 4 with one message; the signpost that is installed has no such hook
: "${SIGNPOST_TEST:=$(dirname "$SIGNPOST")/signpost-test}"
for n in 1 10 40 200; do
    SP_TEST_ALLOC_FAIL=$n "$SIGNPOST_TEST" check examples/smart-bath.csv > /dev/null 2> "$TMP/oom"
    st=$?
    is "$st:$(tail -n 1 "$TMP/oom")" "4:signpost: out of memory" "allocation $n fails: exit 4, 'out of memory'"
done
SP_TEST_ALLOC_FAIL=1 "$SIGNPOST" check examples/smart-bath.csv > /dev/null 2>&1
is "$?" 0 "no allocation hook in build/signpost"

done_testing
