#!/bin/sh
# Golden plan dumps (STYLE.md H14, tier 1): `signpost render --dump-plan` for small
# directories, compared exactly with tests/golden/<case>/expected.plan.  The plan is
# independent of rasteriser noise; fonts come from fonts/, so it is the same everywhere.
# Regenerate with `make golden-update` and read the diff.
set -u
. tests/lib.sh

for dir in tests/golden/*/; do
    name=$(basename "$dir")
    input=$(ls "$dir"input.* 2>/dev/null | head -n 1)
    # shellcheck disable=SC2046
    run_sp render $(cat "$dir/args") --dump-plan "$input"
    is "$status" 0 "$name: exit 0"
    if cmp -s "$out" "$dir/expected.plan"; then
        ok 0 "$name: plan matches expected.plan"
    else
        ok 1 "$name: plan matches expected.plan"
        diff "$dir/expected.plan" "$out" | head -n 20 | sed 's/^/#   /'
    fi
done
done_testing
