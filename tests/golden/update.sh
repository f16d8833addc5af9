#!/bin/sh
# update.sh - regenerate tests/golden/*/expected.plan (make golden-update).  Review the diff.
set -eu
cd "$(dirname "$0")/../.."
: "${SIGNPOST:=build/signpost}"
for dir in tests/golden/*/; do
    input=$(ls "$dir"input.* | head -n 1)
    # shellcheck disable=SC2046
    "$SIGNPOST" render $(cat "$dir/args") --dump-plan "$input" > "$dir/expected.plan"
    echo "updated $dir/expected.plan"
done
