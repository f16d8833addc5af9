# setup.sh - source from a tests/web/*.t file: checks for chromium and node, installs the
# pinned test packages (tests/web/package-lock.json) with `npm ci` when node_modules is
# missing or older than the lock file, or prints a TAP skip and exits.
web_skip() { echo "1..0 # SKIP $1"; exit 0; }
command -v node >/dev/null 2>&1 || web_skip "node not installed (scripts/deps.sh installs it)"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || web_skip "chromium not installed (scripts/deps.sh installs it)"
if [ ! -f tests/web/node_modules/.package-lock.json ] ||
   [ tests/web/package-lock.json -nt tests/web/node_modules/.package-lock.json ]; then
    command -v npm >/dev/null 2>&1 || web_skip "npm not installed (scripts/deps.sh installs it)"
    if ! (cd tests/web && npm ci --no-audit --no-fund --loglevel=error >"$TMP/npm.log" 2>&1 </dev/null); then
        sed 's/^/#   /' "$TMP/npm.log"
        web_skip "npm ci in tests/web failed (see above)"
    fi
fi
