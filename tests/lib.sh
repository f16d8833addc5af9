# lib.sh - TAP helpers for the shell tests (tests/*/*.t).  Source it; call done_testing.
# $SIGNPOST is the binary under test; run from the repository root.
tap_n=0
failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/signpost-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

ok() {  # ok CONDITION_STATUS NAME
    tap_n=$((tap_n + 1))
    if [ "$1" = 0 ]; then echo "ok $tap_n - $2"; else echo "not ok $tap_n - $2"; failed=$((failed + 1)); fi
}
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # SKIP $1"; }
diag() { printf '%s\n' "$@" | sed 's/^/#   /'; }

# is GOT WANT NAME
is() {
    if [ "$1" = "$2" ]; then ok 0 "$3"; else ok 1 "$3"; diag "got:  '$1'" "want: '$2'"; fi
}

# run_sp ARGS... : runs signpost, sets $status, $out (stdout file), $err (stderr file)
run_sp() {
    out="$TMP/stdout" err="$TMP/stderr"
    case $- in *e*) was_e=1 ;; *) was_e=0 ;; esac
    set +e
    "$SIGNPOST" "$@" >"$out" 2>"$err" </dev/null
    status=$?
    [ "$was_e" = 1 ] && set -e
    return 0
}

# FILE without render's note on the temporarily closed meetings it left out (checked in
# tests/poster/summary.t): what else a run printed
sans_note() {
    grep -v '^signpost: note: [0-9]* temporarily closed meetings\{0,1\} left out (--include-closed lists \(it\|them\))$' "$1"
    return 0
}
have() { command -v "$1" >/dev/null 2>&1; }

done_testing() { echo "1..$tap_n"; [ "$failed" = 0 ]; }
