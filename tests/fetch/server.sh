# server.sh - start the local HTTPS test server (tests/fetch/server.py) for a feed test.
# Source it after tests/lib.sh, then call start_server.  Sets PORT and HPORT (HTTPS and
# plain HTTP ports on 127.0.0.1), BASE (https://127.0.0.1:PORT), WWW (the folder it
# serves /f/NAME from) and REQLOG (its request log); exports SIGNPOST_CA_FILE (its
# self-signed certificate) and XDG_CACHE_HOME (a fresh cache); CACHE is signpost's feed
# cache folder.  The server (only the one started here, by its pid) is killed on exit.
start_server() {
    if ! have python3 || ! have openssl; then
        echo "Bail out! python3 and openssl are needed (scripts/deps.sh installs them)"
        exit 1
    fi
    SRV="$TMP/srv"
    mkdir -p "$SRV/www"
    python3 tests/fetch/server.py --dir "$SRV" --lifetime 300 >"$SRV/out" 2>&1 &
    SERVER_PID=$!
    trap 'kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"' EXIT
    i=0
    while [ ! -s "$SRV/ports" ] && [ "$i" -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    if [ ! -s "$SRV/ports" ]; then
        echo "Bail out! the test server did not start:"
        sed 's/^/# /' "$SRV/out"
        exit 1
    fi
    read -r PORT HPORT < "$SRV/ports"
    BASE="https://127.0.0.1:$PORT"
    WWW="$SRV/www"
    REQLOG="$SRV/requests.log"
    SIGNPOST_CA_FILE="$SRV/cert.pem"
    XDG_CACHE_HOME="$TMP/cache"
    CACHE="$XDG_CACHE_HOME/signpost/feeds"
    export SIGNPOST_CA_FILE XDG_CACHE_HOME
}

# mode NAME MODE : how the server answers /f/NAME from now on (see server.py)
mode() { printf '%s\n' "$2" > "$WWW/$1.mode"; }
