#!/bin/sh
# The kiosk's column widths (issue 17): the search over seven meeting/place shares breaks
# each row's text only at the ends of a range of widths and in the middle of a range whose
# ends differ (compose/kiosk.c, heights_at).  The plans here were made by the search that
# broke every row at all seven widths, and must stay exactly the same.  A change to the
# board's look changes them too: regenerate with SP_UPDATE=1 and read the diff.
set -u
. tests/lib.sh

for view in today week; do
    want=tests/kiosk/data/share-$view.plan
    run_sp kiosk --view "$view" --at 2026-11-26T14:00 --settings examples/settings.ini \
        --dump-plan tests/kiosk/data/share.json
    is "$status" 0 "$view: exit 0"
    if [ -n "${SP_UPDATE:-}" ]; then
        cp "$out" "$want"
    fi
    if cmp -s "$out" "$want"; then
        ok 0 "$view: the plan is the one the full search made"
    else
        ok 1 "$view: the plan is the one the full search made"
        diff "$want" "$out" | head -n 20 | sed 's/^/#   /'
    fi
done
done_testing
