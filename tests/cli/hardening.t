#!/bin/bash
# hardening.t - issue 16 items 2, 3, 5 and 8 from the outside:
#   - two renders to the same -o at once, 20 times: each result one whole, valid PDF
#     byte-identical to one of the two, no temporary file left;
#   - a symlink planted at a temporary name is never followed;
#   - SIGTERM, SIGINT and SIGHUP mid-render of a large leaflet: no temporary file left, the
#     old output intact, the exit status still says the signal; an ignored SIGHUP (nohup)
#     stays ignored;
#   - the font cache in $XDG_CACHE_HOME, else a private folder removed at exit;
#   - --split-by with very long region names, and with one region that cannot be written;
#   - per-file options after the last file: exit 2 naming the option;
#   - control characters in file names and arguments escaped in every message.
set -u
. tests/lib.sh
SET="--settings examples/settings.ini --date 2026-11-26"
GEN=${BUILD:-build}/bench/gen_directory

no_tmp() {  # no_tmp DIR NAME: no temporary file (*.tmp) anywhere under DIR
    local left
    left=$(find "$1" -name '*.tmp' | head -3)
    [ -z "$left" ]; ok $? "$2"
    [ -z "$left" ] || diag "left: $left"
}

# ---- item 2: concurrent renders to the same -o ------------------------------------------
"$GEN" --meetings 200 --seed 1 > "$TMP/a.json"
"$GEN" --meetings 200 --seed 2 > "$TMP/b.json"
mkdir -p "$TMP/race"
"$SIGNPOST" render --layout leaflet-a4 $SET -o "$TMP/ref-a.pdf" "$TMP/a.json" 2> /dev/null
"$SIGNPOST" render --layout leaflet-a4 $SET -o "$TMP/ref-b.pdf" "$TMP/b.json" 2> /dev/null
cmp -s "$TMP/ref-a.pdf" "$TMP/ref-b.pdf"; ok $((! $?)) "the two references differ"
bad=0 badst=0
for i in $(seq 1 20); do
    "$SIGNPOST" render --layout leaflet-a4 $SET -o "$TMP/race/out.pdf" "$TMP/a.json" 2> /dev/null &
    pa=$!
    "$SIGNPOST" render --layout leaflet-a4 $SET -o "$TMP/race/out.pdf" "$TMP/b.json" 2> /dev/null &
    pb=$!
    wait $pa; sa=$?
    wait $pb; sb=$?
    [ "$sa$sb" = 00 ] || { badst=$((badst + 1)); diag "round $i: exit $sa and $sb"; }
    if ! qpdf --check "$TMP/race/out.pdf" > /dev/null 2>&1 ||
       ! { cmp -s "$TMP/race/out.pdf" "$TMP/ref-a.pdf" || cmp -s "$TMP/race/out.pdf" "$TMP/ref-b.pdf"; }; then
        bad=$((bad + 1))
        diag "round $i: the result is not one of the two PDFs"
    fi
done
is "$badst" 0 "20 rounds of two renders at once: every run exits 0"
is "$bad" 0 "20 rounds: the file left is always a valid PDF, byte for byte one of the two"
is "$(ls -A "$TMP/race")" "out.pdf" "20 rounds: no temporary file left"

# ---- item 2: symlinks planted at temporary names ----------------------------------------
mkdir -p "$TMP/links"
printf 'precious\n' > "$TMP/victim"
ln -s "$TMP/victim" "$TMP/links/out.pdf.tmp"          # the old fixed name
ln -s "$TMP/victim" "$TMP/links/out.pdf.XXXXXX.tmp"   # the template itself
ln -s "$TMP/victim" "$TMP/links/.out.pdf.tmp"
run_sp render --layout poster-a4 $SET -o "$TMP/links/out.pdf" examples/smart-bath.csv
is "$status" 0 "links planted: the render succeeds"
is "$(cat "$TMP/victim")" "precious" "the file the links point to is untouched"
qpdf --check "$TMP/links/out.pdf" > /dev/null 2>&1; ok $? "the output is a valid PDF"
[ -L "$TMP/links/out.pdf.tmp" ] && [ -L "$TMP/links/out.pdf.XXXXXX.tmp" ]; ok $? "the links are left as links"
if have strace; then
    strace -f -e trace=openat -o "$TMP/strace" "$SIGNPOST" render --layout poster-a4 $SET \
        -o "$TMP/links/traced.pdf" examples/smart-bath.csv > /dev/null 2>&1
    opens=$(grep 'traced\.pdf' "$TMP/strace" | grep -c 'O_CREAT|O_EXCL')
    alls=$(grep 'traced\.pdf' "$TMP/strace" | grep -c 'O_CREAT')
    is "$opens:$alls" "1:1" "the one file created for the output is opened O_CREAT|O_EXCL (strace)"
    grep 'traced\.pdf' "$TMP/strace" | grep -q "openat(AT_FDCWD, \"$TMP/links/traced.pdf.[A-Za-z0-9]\{6\}.tmp\""
    ok $? "beside the target, named traced.pdf.XXXXXX.tmp"
else
    skip "strace not installed"
    skip "strace not installed"
fi

# ---- item 2: signals mid-render of a large leaflet ---------------------------------------
"$GEN" --meetings 5000 --seed 1 > "$TMP/big.json"
mkdir -p "$TMP/kill"
"$SIGNPOST" render --layout leaflet-a4 $SET -o "$TMP/kill/leaflet.pdf" examples/smart-bath.csv
cp "$TMP/kill/leaflet.pdf" "$TMP/old.pdf"

# kill_mid SIGNAL: start the big leaflet (signal at its default action, as in a terminal),
# wait until its temporary file has bytes in it, then send SIGNAL; sets $kst
kill_mid() {
    local pid i t
    perl -e '$SIG{INT} = $SIG{TERM} = $SIG{HUP} = "DEFAULT"; exec @ARGV' \
        "$SIGNPOST" render --layout leaflet-a4 $SET -o "$TMP/kill/leaflet.pdf" "$TMP/big.json" \
        2> /dev/null &
    pid=$!
    for i in $(seq 1 1200); do   # up to 120 s on a loaded machine; usually about 2 s
        t=$(find "$TMP/kill" -name 'leaflet.pdf*.tmp' -size +0 | head -1)
        [ -n "$t" ] && break
        sleep 0.1
    done
    [ -n "$t" ] || diag "no temporary file seen"
    kill "-$1" "$pid"
    { wait "$pid"; kst=$?; } 2> /dev/null   # (without bash's "Hangup" job report)
}
for sig in TERM INT HUP; do
    kill_mid $sig
    is "$kst" "$((128 + $(kill -l $sig)))" "SIG$sig mid-render: the run dies of SIG$sig"
    no_tmp "$TMP/kill" "SIG$sig mid-render: no temporary file left"
    cmp -s "$TMP/kill/leaflet.pdf" "$TMP/old.pdf"; ok $? "SIG$sig mid-render: the old leaflet is intact"
done

# an ignored SIGHUP (nohup) stays ignored: the run finishes
perl -e '$SIG{HUP} = "IGNORE"; exec @ARGV' "$SIGNPOST" render --layout leaflet-a4 $SET \
    -o "$TMP/kill/nohup.pdf" "$TMP/a.json" 2> /dev/null &
pid=$!
for i in $(seq 1 1200); do
    [ -n "$(find "$TMP/kill" -name 'nohup.pdf*.tmp')" ] && break
    [ -e "$TMP/kill/nohup.pdf" ] && break
    sleep 0.05
done
kill -HUP $pid 2> /dev/null
wait $pid
is "$?" 0 "SIGHUP ignored by the caller: the run carries on and exits 0"
cmp -s "$TMP/kill/nohup.pdf" "$TMP/ref-a.pdf"; ok $? "... and writes the whole leaflet"

# ---- item 2: the font cache --------------------------------------------------------------
mkdir -p "$TMP/xdg" "$TMP/tmpdir"
XDG_CACHE_HOME=$TMP/xdg "$SIGNPOST" render $SET --layout leaflet-a4 -o "$TMP/fc.pdf" examples/smart-bath.csv 2> "$TMP/fc.err"
[ -d "$TMP/xdg/signpost/fontconfig" ] && [ -n "$(ls "$TMP/xdg/signpost/fontconfig")" ]
ok $? "font cache in \$XDG_CACHE_HOME/signpost/fontconfig, with fontconfig's files in it"
is "$(stat -c %a "$TMP/xdg/signpost/fontconfig")" 700 "made 0700"
XDG_CACHE_HOME=/proc/signpost-cannot-write HOME=/proc/nowhere TMPDIR=$TMP/tmpdir \
    "$SIGNPOST" render $SET --layout leaflet-a4 -o "$TMP/fc2.pdf" examples/smart-bath.csv 2> "$TMP/fc2.err"
is "$?:$(sans_note "$TMP/fc2.err")" "0:" "no writable cache folder: the render still works, silently"
is "$(ls -A "$TMP/tmpdir")" "" "its private folder (mkdtemp in \$TMPDIR) is removed at exit"
[ ! -e "$TMP/tmpdir/signpost-fontconfig" ]; ok $? "never the fixed signpost-fontconfig folder"

# ---- item 3: --split-by with long names, and one region that cannot be written -----------
long1=$(perl -CS -e 'print "Llanfair " . ("Pwll\x{175} " x 50)')          # 351 bytes
long2=$(perl -CS -e 'print "Llanfair " . ("Pwll\x{175} " x 50) . "Uchaf"') # same start
printf '[{"name":"First Long","day":1,"time":"19:00","location":"Hall","formatted_address":"1 Road, Town AB1 2CD, UK","region":"%s"},
{"name":"Second Long","day":2,"time":"19:00","location":"Hall","formatted_address":"1 Road, Town AB1 2CD, UK","region":"%s"},
{"name":"Short One","day":3,"time":"19:00","location":"Hall","formatted_address":"1 Road, Town AB1 2CD, UK","region":"Zed"}]\n' \
    "$long1" "$long2" > "$TMP/long.json"
mkdir -p "$TMP/split"
run_sp render --layout poster-a4 $SET --split-by region -o "$TMP/split/poster.pdf" "$TMP/long.json"
is "$status" 0 "long region names: exit 0"
is "$(ls "$TMP/split" | wc -l | tr -d ' ')" 3 "three posters"
maxlen=$(ls "$TMP/split" | awk '{ if (length($0) > m) m = length($0) } END { print m }')
[ "$maxlen" -le 235 ]; ok $? "every file name within 235 bytes ($maxlen), room for suffixes under 255"
ls "$TMP/split" | iconv -f UTF-8 -t UTF-8 > /dev/null 2>&1; ok $? "names cut on a character boundary (valid UTF-8)"
safe1=$(printf '%s' "$long1" | sed 's/ /-/g; s/-*$//')
hash1=$(printf '%s' "$safe1" | sha256sum | cut -c1-8)
f1=$(ls "$TMP/split" | grep -- "-$hash1\.pdf$")
[ -n "$f1" ]; ok $? "the name ends in '-' and 8 hex digits of the name's SHA-256 ($hash1)"
case $f1 in poster-Llanfair-Pwllŵ-Pwllŵ-*) ok 0 "and starts with the region's own words" ;;
    *) ok 1 "and starts with the region's own words"; diag "got '$f1'" ;; esac
pdftotext "$TMP/split/$f1" - | grep -q 'First Long'; ok $? "that poster has its own meeting"
ls "$TMP/split" > "$TMP/names1"
rm -f "$TMP/split"/*
run_sp render --layout poster-a4 $SET --split-by region -o "$TMP/split/poster.pdf" "$TMP/long.json"
ls "$TMP/split" | cmp -s - "$TMP/names1"; ok $? "the same names on a second run (stable)"

# PNG pages and a booklet's reading copy still fit under the limit
mkdir -p "$TMP/splitpng"
run_sp render --layout leaflet-a5 $SET --dpi 36 --split-by region -o "$TMP/splitpng/l.png" "$TMP/long.json"
is "$status" 0 "long region names as PNG pages: exit 0"
mkdir -p "$TMP/splitbk"
run_sp render --layout booklet-a5 $SET --split-by region -o "$TMP/splitbk/b.pdf" "$TMP/long.json"
is "$status:$(ls "$TMP/splitbk" | grep -c reading)" "0:3" "long region names as booklets: exit 0, three reading copies"

# one region that cannot be written (a folder is in the way): the others still are
mkdir -p "$TMP/part"
run_sp render --layout poster-a4 $SET --split-by region -o "$TMP/part/p.pdf" examples/aa-south-wales.json
n=$(ls "$TMP/part" | wc -l | tr -d ' ')
first=$(ls "$TMP/part" | sed -n 2p)
rm -f "$TMP/part"/*.pdf
mkdir "$TMP/part/$first"
run_sp render --layout poster-a4 $SET --split-by region -o "$TMP/part/p.pdf" examples/aa-south-wales.json
is "$status" 5 "one region cannot be written: exit 5 (some outputs failed)"
is "$(grep -c "^signpost: problem: cannot write '$TMP/part/$first': Is a directory$" "$err")" 1 \
    "that region is reported by name and reason"
is "$(tail -n 1 "$err")" "signpost: 1 of the $n outputs could not be made; the other $((n - 1)) were" \
    "the last line says how many failed"
is "$(find "$TMP/part" -maxdepth 1 -type f -name '*.pdf' | wc -l | tr -d ' ')" "$((n - 1))" \
    "the other $((n - 1)) regions are written"
okpdf=0
for f in $(find "$TMP/part" -maxdepth 1 -type f -name '*.pdf'); do
    qpdf --check "$f" > /dev/null 2>&1 || okpdf=1
done
is "$okpdf" 0 "each of them a valid PDF"
no_tmp "$TMP/part" "no temporary file left"
# every region unwritable: the ordinary status of the failure
for f in $(find "$TMP/part" -maxdepth 1 -type f -name '*.pdf'); do rm -f "$f"; mkdir "$f"; done
run_sp render --layout poster-a4 $SET --split-by region -o "$TMP/part/p.pdf" examples/aa-south-wales.json
is "$status:$(tail -n 1 "$err")" "3:signpost: none of the $n outputs could be made" \
    "no region can be written: exit 3"

# ---- item 5: per-file options after the last file ----------------------------------------
while IFS='|' read -r want_opt args; do
    # shellcheck disable=SC2086
    run_sp check $args
    is "$status:$(head -n 1 "$err")" \
       "2:signpost: --$want_opt: given after the last file, so it applies to none; put it before the files it is for" \
       "check $args: exit 2 naming --$want_opt"
done << 'EOF'
as|examples/smart-bath.csv --as Narcotics
formats|examples/na-bristol-bmlt.json --formats examples/na-bristol-formats.json
format|examples/smart-bath.csv --format csv
as|--as AA examples/smart-bath.csv --as Narcotics --format csv
EOF
run_sp render $SET -o "$TMP/x.pdf" examples/smart-bath.csv --format csv
is "$status" 2 "render: the same"
run_sp check --as 'Narcotics Anonymous' --formats examples/na-bristol-formats.json examples/na-bristol-bmlt.json
is "$status" 0 "per-file options before their file: fine"
run_sp check --format csv -- examples/smart-bath.csv
is "$status" 0 "... and before files after '--'"

# ---- item 8: control characters in messages ----------------------------------------------
esc=$(printf '\033')
name=$(printf 'bad\033[31m\033]0;pwned\007name.json')
printf '[{"name":"X","day":9,"time":"19:00"}]\n' > "$TMP/$name"
run_sp check "$TMP/$name"
grep -q "$esc" "$err"; ok $((! $?)) "no ESC reaches the terminal from a file name"
grep -q "$(printf '\007')" "$err"; ok $((! $?)) "nor BEL"
grep -qF 'bad\x1b[31m\x1b]0;pwned\x07name.json:' "$err"; ok $? "the name is shown escaped: bad\\x1b[31m..."
printf '[{"name":"Phone Only","day":1,"time":"19:00","conference_phone":"01632 960123"}]\n' \
    > "$TMP/p$name"
run_sp check "$TMP/p$name"
grep -qF "p$(printf 'bad\\x1b[31m')" "$out" && ! grep -q "$esc" "$out"
ok $? "check's list of meetings without a link shows the file name escaped too"
run_sp check "$TMP/$(printf 'no\nsuch.json')"
is "$(wc -l < "$err" | tr -d ' ')" 1 "a newline in a file name: still one line"
is "$(cat "$err")" "signpost: cannot read '$TMP/no\\nsuch.json': no such file" \
    "... with the newline shown as \\n"
run_sp render --dpi "$(printf '\033[2J')" -o x.png examples/smart-bath.csv
is "$(head -n 1 "$err")" "signpost: --dpi: expected an integer 36..1200, got '\\x1b[2J'" \
    "an argument is escaped in a usage error"
run_sp check "$(printf 'x\342\200\256fdp.json')"
grep -qF 'x\u202Efdp.json' "$err"; ok $? "a right-to-left override is shown as \\u202E"
run_sp check "$TMP/Llanddŵ.json"
grep -qF "Llanddŵ.json" "$err"; ok $? "Welsh letters are kept as they are"

done_testing
