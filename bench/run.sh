#!/usr/bin/env bash
# run.sh - `make bench`: generate fixed-seed directories with build/bench/gen_directory and
# time signpost on them.  Figures, not pass/fail: exits 0 unless a command fails to run
# (exit status >= 2) or the generator fails.  Needs SIGNPOST and BUILD (from the Makefile).
#
#   bench/run.sh                 every benchmark in BENCHMARKS
#   bench/run.sh load-mg-json    only the named ones
#   BENCH_RUNS=20 BENCH_MEETINGS=20000 bench/run.sh
#
# Adding a benchmark (posters, leaflets, kiosk...): write a function bench_<name> (dashes in
# the name become underscores) that calls `measure NAME MEETINGS TARGET_MS TARGET_MB CMD...`,
# then add NAME to BENCHMARKS below.  Data helpers: gen_data (generated directories).
# shellcheck disable=SC2317  # the bench_* functions are called by name
set -eu
cd "$(dirname "$0")/.."
: "${SIGNPOST:=build/signpost}" "${BUILD:=build}"
RUNS=${BENCH_RUNS:-10}
MEETINGS=${BENCH_MEETINGS:-5000}
SEED=${BENCH_SEED:-1}
GEN=$BUILD/bench/gen_directory
OUT=$BUILD/bench
TIME_BIN=/usr/bin/time

BENCHMARKS="load-mg-json load-csv load-bmlt load-all-three"

# ---- data ----------------------------------------------------------------------------

# gen_data FORMAT FILE: write MEETINGS generated meetings (bmlt-formats: the formats file).
gen_data() {
    if ! "$GEN" --meetings "$MEETINGS" --seed "$SEED" --format "$1" > "$2.tmp"; then
        echo "bench: generator failed for '$1'" >&2
        rm -f "$2.tmp"
        exit 1
    fi
    mv "$2.tmp" "$2"
}

prepare_data() {
    mkdir -p "$OUT"
    MG_FILE=$OUT/directory-$MEETINGS.json
    CSV_FILE=$OUT/directory-$MEETINGS.csv
    BMLT_FILE=$OUT/directory-$MEETINGS-bmlt.json
    FORMATS_FILE=$OUT/bmlt-formats.json
    gen_data mg-json "$MG_FILE"
    gen_data csv "$CSV_FILE"
    gen_data bmlt "$BMLT_FILE"
    gen_data bmlt-formats "$FORMATS_FILE"
}

# ---- measuring -----------------------------------------------------------------------

# Microseconds since the epoch, without forking when bash has EPOCHREALTIME (bash >= 5).
now_us() {
    if [ -n "${EPOCHREALTIME:-}" ]; then
        local t=${EPOCHREALTIME//[!0-9]/}
        echo "$t"
    else
        echo $(( $(date +%s%N) / 1000 ))
    fi
}

FAILED=0
ROWS=()
POSTER_NOTES=()   # free-form result lines printed after the table

# measure NAME MEETINGS TARGET_MS TARGET_MB CMD...
# Runs CMD once to warm the caches, RUNS times for wall time (stdout and stderr discarded),
# and once more under /usr/bin/time for the peak RSS.  Appends one row to the table.
measure() {
    local name=$1 n=$2 target_ms=$3 target_mb=$4
    shift 4
    local log=$OUT/$name.log status=0 i t0 t1 times=() rss="" warnings

    "$@" > "$OUT/$name.out" 2> "$log" || status=$?
    if [ "$status" -ge 2 ]; then
        echo "bench: $name: '$*' exited with $status" >&2
        head -5 "$log" >&2
        FAILED=1
        ROWS+=("$name|$n|-|-|-|-|$target_ms ms, $target_mb MB|FAILED (exit $status)")
        return 0
    fi
    warnings=$(wc -l < "$log")

    for ((i = 0; i < RUNS; i++)); do
        t0=$(now_us)
        "$@" > /dev/null 2>&1 || true
        t1=$(now_us)
        times+=($(( t1 - t0 )))
    done

    if [ -x "$TIME_BIN" ]; then
        "$TIME_BIN" -f '%e s %M KB' -o "$OUT/$name.time" "$@" > /dev/null 2>&1 || true
        rss=$(awk '{ print $3 }' "$OUT/$name.time" | tail -1)
    fi

    ROWS+=("$(printf '%s\n' "${times[@]}" | sort -n | LC_ALL=C awk \
        -v name="$name" -v n="$n" -v rss="$rss" -v tms="$target_ms" -v tmb="$target_mb" \
        -v st="$status" -v warn="$warnings" '
        { t[NR] = $1 }
        END {
            med = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
            med /= 1000
            mb = rss == "" ? -1 : rss / 1024
            verdict = (med <= tms && (mb < 0 || mb <= tmb)) ? "within" : "OVER"
            verdict = verdict " (exit " st ", " warn " stderr lines)"
            printf "%s|%s|%.1f|%.1f|%.1f|%s|%s ms, %s MB|%s\n", name, n, med, t[1] / 1000,
                   t[NR] / 1000, mb < 0 ? "n/a" : sprintf("%.1f", mb), tms, tmb, verdict
        }')")
}

print_table() {
    echo
    echo "signpost benchmarks: $RUNS runs each (after one warm-up), seed $SEED, $(uname -m)"
    {
        echo "benchmark|meetings|median ms|min ms|max ms|peak RSS MB|target|result"
        printf '%s\n' "${ROWS[@]}"
    } | column -t -s '|'
    if [ ! -x "$TIME_BIN" ]; then
        echo "(peak RSS needs GNU time: apt-get install time)"
    fi
    echo "logs and outputs: $OUT/<benchmark>.log / .out"
}

# ---- benchmarks ----------------------------------------------------------------------

# Issue 2's target: load and validate 5,000 meetings in under 50 ms and 30 MB, one core.
bench_load_mg_json() {
    measure load-mg-json "$MEETINGS" 50 30 "$SIGNPOST" check "$MG_FILE"
}

bench_load_csv() {
    measure load-csv "$MEETINGS" 50 30 "$SIGNPOST" check "$CSV_FILE"
}

bench_load_bmlt() {
    measure load-bmlt "$MEETINGS" 50 30 "$SIGNPOST" check --formats "$FORMATS_FILE" "$BMLT_FILE"
}

bench_load_all_three() {
    measure load-all-three "$((MEETINGS * 3))" 150 60 "$SIGNPOST" check \
        --formats "$FORMATS_FILE" "$MG_FILE" "$CSV_FILE" "$BMLT_FILE"
}

# ---- kiosk (issues 6, 10, 17; owner: kiosk engineer) ------------------------------------
# The week's slides for a 500-meeting region at 1080p: >= 15 slides/s on one core and
# peak RSS < 100 MB.  The row's time is the whole run; the split (select and compose,
# draw + encode + write) comes from one more run with SIGNPOST_TIMING=1, printed here.
bench_kiosk_week() {
    local f=$OUT/kiosk-500.json
    "$GEN" --meetings 500 --seed "$SEED" --format mg-json > "$f.tmp" && mv "$f.tmp" "$f"
    rm -rf "$OUT/kiosk-week"
    measure kiosk-week 500 33000 100 "$SIGNPOST" kiosk --view week --at 2026-11-26T14:00 \
        --settings examples/settings.ini -o "$OUT/kiosk-week" "$f"
    SIGNPOST_TIMING=1 "$SIGNPOST" kiosk --view week --at 2026-11-26T14:00 \
        --settings examples/settings.ini -o "$OUT/kiosk-week" "$f" | grep '^timing:' >&2 || true
}
# Issue 10: the board for a day of about 450 meetings (3,150 generated over the week):
# four slides (the cap), the whole command's time and peak RSS; then issue 17's split in
# one process (bench/png_encode): draw and each PNG encoder's ms and KB per slide.
bench_kiosk_day450() {
    local f=$OUT/kiosk-3150.json n
    "$GEN" --meetings 3150 --seed "$SEED" --format mg-json > "$f.tmp" && mv "$f.tmp" "$f"
    rm -rf "$OUT/kiosk-day450"
    measure kiosk-day450 3150 1000 100 "$SIGNPOST" kiosk --at 2026-11-26T14:00 \
        --settings examples/settings.ini -o "$OUT/kiosk-day450" "$f"
    n=$(jq '.meetings' "$OUT/kiosk-day450/slides.json" 2>/dev/null || echo '?')
    POSTER_NOTES+=("kiosk-day450: $n meetings today and tomorrow, $(ls "$OUT"/kiosk-day450/slide-*.png | wc -l) slides (cap 4)")
    SIGNPOST_TIMING=1 "$SIGNPOST" kiosk --at 2026-11-26T14:00 --settings examples/settings.ini \
        -o "$OUT/kiosk-day450" "$f" | grep '^timing:' >&2 || true
    echo "bench: png_encode (draw and encode per 1080p slide, one process):" >&2
    "$BUILD/bench/png_encode" --runs 5 "$f" >&2 || FAILED=1
}
# Issue 10: the web board for the whole 5,000-meeting directory: its size, the command's
# time and peak RSS, and its first render in headless chromium (bench/board_render.js,
# with tests/web's packages; skipped when they or chromium are missing).
bench_board_5000() {
    local html=$OUT/board/board.html kb
    mkdir -p "$OUT/board"
    measure board-5000 "$MEETINGS" 2000 100 "$SIGNPOST" board --settings examples/settings.ini \
        --date 2026-11-26 -o "$html" "$MG_FILE"
    kb=$(( $(wc -c < "$html") / 1024 ))
    POSTER_NOTES+=("board-5000: board.html $kb KB, board-data.js $(( $(wc -c < "$OUT/board/board-data.js") / 1024 )) KB")
    if [ -d tests/web/node_modules/playwright-core ] && [ -x /usr/bin/chromium ]; then
        POSTER_NOTES+=("board-5000: $(node bench/board_render.js "$html" 5 2>/dev/null || echo 'render failed')")
    else
        POSTER_NOTES+=("board-5000: first render not measured (run make check once to install tests/web's packages)")
    fi
}
BENCHMARKS="$BENCHMARKS kiosk-week kiosk-day450 board-5000"
# ---- end of kiosk --------------------------------------------------------------------

# ---- leaflets (issues 4 and 9; owner: leaflet engineer) -------------------------------
# The whole generated directory as one A4 leaflet of compact entries (about 1,050 pages for
# 5,000 meetings): target >= 500 pages/s on one core and peak RSS < 100 MB.  The time
# target is the page count divided by 500, in ms; pages/s and meetings/s are printed.
bench_leaflet_a4_all() {
    local pdf=$OUT/leaflet-a4-all.pdf pages target t0 t1
    "$SIGNPOST" render --layout leaflet-a4 --settings examples/settings.ini --date 2026-11-26 \
        -o "$pdf" "$MG_FILE" 2> /dev/null || true
    pages=$(pdfinfo "$pdf" 2> /dev/null | awk '/^Pages:/ { print $2 }')
    pages=${pages:-0}
    target=$(( pages * 1000 / 500 ))
    measure leaflet-a4-all "$MEETINGS" "$target" 100 "$SIGNPOST" render --layout leaflet-a4 \
        --settings examples/settings.ini --date 2026-11-26 -o "$pdf" "$MG_FILE"
    t0=$(now_us)
    "$SIGNPOST" render --layout leaflet-a4 --settings examples/settings.ini --date 2026-11-26 \
        -o "$pdf" "$MG_FILE" 2> /dev/null || true
    t1=$(now_us)
    echo "bench: leaflet-a4-all: $pages pages (target $target ms = 500 pages/s)" >&2
    POSTER_NOTES+=("leaflet-a4-all: $pages pages, $(( pages * 1000000 / (t1 - t0 + 1) )) pages/s, $(( MEETINGS * 1000000 / (t1 - t0 + 1) )) meetings/s")
}
BENCHMARKS="$BENCHMARKS leaflet-a4-all"
# ---- end of leaflets -------------------------------------------------------------------

# ---- loading inside one process (issue 2) -------------------------------------------
# The whole `signpost check` runs above also pay process start-up (about 4 ms of dynamic
# linking) and the summary; this times sp_directory_load() alone.
bench_load_inprocess() {
    local lt=$BUILD/bench/load_time
    POSTER_NOTES+=("load-inprocess mg-json: $("$lt" --runs 15 "$MG_FILE")")
    POSTER_NOTES+=("load-inprocess csv:     $("$lt" --runs 15 "$CSV_FILE")")
    POSTER_NOTES+=("load-inprocess bmlt:    $("$lt" --runs 15 --formats "$FORMATS_FILE" "$BMLT_FILE")")
}
BENCHMARKS="$BENCHMARKS load-inprocess"

# ---- reading real-sized feeds (issue 11; owner: feeds engineer) ----------------------
# `check` on 100,000 meetings in under 1 s; the 5,000-meeting whole-process check above
# (load-mg-json) in under 50 ms.  One-line JSON (a whole feed on one line, as some servers
# send it) is timed too: records are then located by column.
bench_check_100k() {
    local f=$OUT/directory-100000.json
    [ -s "$f" ] || { "$GEN" --meetings 100000 --seed "$SEED" --format mg-json > "$f.tmp" &&
                     mv "$f.tmp" "$f"; }
    RUNS=5 measure check-100k 100000 1000 400 "$SIGNPOST" check "$f"
}

bench_check_one_line() {
    local f=$OUT/directory-$MEETINGS-one-line.json
    tr -d '\n' < "$MG_FILE" > "$f.tmp" && mv "$f.tmp" "$f"
    measure check-one-line "$MEETINGS" 50 30 "$SIGNPOST" check "$f"
}
BENCHMARKS="$BENCHMARKS check-100k check-one-line"
# ---- end of reading real-sized feeds ---------------------------------------------------

# ---- posters (issue 3; owner: lead) --------------------------------------------------
# Pages per second are printed after each run (pdfinfo counts the pages written).
count_pages() {
    local total=0 f p
    for f in "$@"; do
        p=$(pdfinfo "$f" 2>/dev/null | sed -n 's/^Pages: *//p')
        total=$((total + ${p:-0}))
    done
    echo "$total"
}

# Issue 9: a one-sheet poster in under 15 ms as a whole process; poster sets of the
# 5,000-meeting directory at >= 500 pages/s (a timetable sheet holds about 3 times the
# meetings of the issue-3 page, so meetings/s is printed too).
bench_poster_single() {
    measure poster-single 1 15 100 "$SIGNPOST" render --layout poster-a4 \
        --settings examples/settings.ini --date 2026-11-26 -o "$OUT/poster-single.pdf" \
        tests/golden/one-meeting/input.json
}

bench_poster_by_region() {
    local t0 t1 pages
    rm -rf "$OUT/posters"
    mkdir -p "$OUT/posters"
    RUNS=3 measure poster-by-region "$MEETINGS" 100000 100 "$SIGNPOST" render \
        --layout poster-a4 --settings examples/settings.ini --date 2026-11-26 \
        --split-by region -o "$OUT/posters/poster.pdf" "$MG_FILE"
    t0=$(now_us)
    "$SIGNPOST" render --layout poster-a4 --settings examples/settings.ini --date 2026-11-26 \
        --split-by region -o "$OUT/posters/poster.pdf" "$MG_FILE" 2>/dev/null || true
    t1=$(now_us)
    pages=$(count_pages "$OUT"/posters/*.pdf)
    echo "bench: poster-by-region: $pages A4 pages in $(( (t1 - t0) / 1000 )) ms," \
         "$(( pages * 1000000 / (t1 - t0 + 1) )) pages/s" >&2
    POSTER_NOTES+=("poster-by-region: $pages pages, $(( pages * 1000000 / (t1 - t0 + 1) )) pages/s, $(( MEETINGS * 1000000 / (t1 - t0 + 1) )) meetings/s")
}

bench_poster_all() {
    local t0 t1 pages
    RUNS=3 measure poster-all "$MEETINGS" 100000 100 "$SIGNPOST" render --layout poster-a4 \
        --settings examples/settings.ini --date 2026-11-26 -o "$OUT/poster-all.pdf" "$MG_FILE"
    t0=$(now_us)
    "$SIGNPOST" render --layout poster-a4 --settings examples/settings.ini --date 2026-11-26 \
        -o "$OUT/poster-all.pdf" "$MG_FILE" 2>/dev/null || true
    t1=$(now_us)
    pages=$(count_pages "$OUT/poster-all.pdf")
    POSTER_NOTES+=("poster-all: $pages pages, $(( pages * 1000000 / (t1 - t0 + 1) )) pages/s, $(( MEETINGS * 1000000 / (t1 - t0 + 1) )) meetings/s")
}
BENCHMARKS="$BENCHMARKS poster-single poster-by-region poster-all"
# ---- end of posters ------------------------------------------------------------------

# ---- braille (issue 14; owner: braille engineer) -------------------------------------
# The whole generated directory as one BRF (40 x 25, UEB grade 2; about 2,400 pages for
# 5,000 meetings): pages/s and peak RSS.  Target (project choice, none in the issue):
# >= 500 pages/s on one core and peak RSS < 100 MB; the time target is pages / 500, in ms.
bench_braille_brf() {
    local brf=$OUT/braille-all.brf pages target t0 t1
    "$SIGNPOST" render --layout braille-brf --settings examples/settings.ini --date 2026-11-26 \
        -o "$brf" "$MG_FILE" 2> /dev/null || true
    pages=$(tr -cd '\f' < "$brf" 2> /dev/null | wc -c)
    target=$(( pages * 1000 / 500 ))
    RUNS=3 measure braille-brf "$MEETINGS" "$target" 100 "$SIGNPOST" render \
        --layout braille-brf --settings examples/settings.ini --date 2026-11-26 -o "$brf" \
        "$MG_FILE"
    t0=$(now_us)
    "$SIGNPOST" render --layout braille-brf --settings examples/settings.ini --date 2026-11-26 \
        -o "$brf" "$MG_FILE" 2> /dev/null || true
    t1=$(now_us)
    POSTER_NOTES+=("braille-brf: $pages pages of 40 x 25, $(( pages * 1000000 / (t1 - t0 + 1) )) pages/s")
}
BENCHMARKS="$BENCHMARKS braille-brf"
# ---- end of braille ------------------------------------------------------------------

# ---- the PDF/UA filter (issue 13; owner: pdfua engineer) ------------------------------
# Its share of a whole 5,000-meeting A4 leaflet run, target at most 10 %: each run prints
# "timing: ... pdf update S s" (SIGNPOST_TIMING=1: time spent inside the filter, which
# inflates, rewrites and deflates the content streams); the share is S over the run's
# wall time.  Median and range of 5 runs.
bench_pdf_update() {
    local pdf=$OUT/leaflet-a4-ua.pdf i t0 t1 s shares=()
    for ((i = 0; i < 5; i++)); do
        t0=$(now_us)
        s=$(SIGNPOST_TIMING=1 "$SIGNPOST" render --layout leaflet-a4 --settings examples/settings.ini \
              --date 2026-11-26 -o "$pdf" "$MG_FILE" 2>&1 >/dev/null |
            sed -n 's/.*pdf update \([0-9.]*\) s.*/\1/p')
        t1=$(now_us)
        shares+=("$(LC_ALL=C awk -v s="${s:-0}" -v w=$((t1 - t0)) \
                    'BEGIN { printf "%.1f", 100 * s * 1e6 / w }')")
    done
    POSTER_NOTES+=("pdf-update: the PDF/UA filter's share of a $MEETINGS-meeting A4 leaflet: $(
        printf '%s\n' "${shares[@]}" | sort -n | LC_ALL=C awk '{ v[NR] = $1 }
            END { printf "median %.1f %% (%.1f-%.1f), target <= 10 %%", v[int((NR + 1) / 2)], v[1], v[NR] }')")
}
BENCHMARKS="$BENCHMARKS pdf-update"
# ---- end of the PDF/UA filter --------------------------------------------------------
# ---- memory at scale (issue 16 item 9; owner: hardening engineer) ---------------------
# Peak RSS ("Maximum resident set size" from GNU time -v) and wall time of `check`, the A4
# leaflet and the A4 poster set (everything on poster-a4: a numbered set) for generated
# directories of 5,000, 50,000 and 200,000 meetings (BENCH_SCALE_SIZES to change; the
# 200,000 leaflet takes minutes).  Figures only.  Issue 16's goal: under 150 MB for each at
# 200,000 meetings, with time growing linearly (the "ms per 1,000" column flat).
SCALE_ROWS=()
scale_run() {  # scale_run NAME MEETINGS CMD...
    local name=$1 n=$2 st=0 kb wall secs
    shift 2
    "$TIME_BIN" -v -o "$OUT/scale-$name-$n.time" "$@" > /dev/null 2> "$OUT/scale-$name-$n.log" \
        || st=$?
    kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$OUT/scale-$name-$n.time")
    wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' \
        "$OUT/scale-$name-$n.time")
    secs=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    if [ "$st" -ge 2 ]; then
        echo "bench: scale $name $n: exited with $st" >&2
        head -3 "$OUT/scale-$name-$n.log" >&2
        FAILED=1
    fi
    SCALE_ROWS+=("$(LC_ALL=C awk -v name="$name" -v n="$n" -v kb="${kb:-0}" -v s="${secs:-0}" \
        -v st="$st" 'BEGIN { printf "%s|%d|%.1f|%.2f|%.1f|%s\n", name, n, kb / 1024, s,
                             s * 1000000 / n, st }')")
}
bench_memory_scale() {
    local n f
    if [ ! -x "$TIME_BIN" ]; then
        POSTER_NOTES+=("memory-scale: not measured (needs GNU time: apt-get install time)")
        return 0
    fi
    for n in ${BENCH_SCALE_SIZES:-5000 50000 200000}; do
        f=$OUT/scale-$n.json
        if [ ! -s "$f" ]; then
            "$GEN" --meetings "$n" --seed "$SEED" --format mg-json > "$f.tmp" && mv "$f.tmp" "$f"
        fi
        echo "bench: memory-scale: $n meetings" >&2
        scale_run check "$n" "$SIGNPOST" check "$f"
        # the same directory as TSML CSV (read a line at a time, pages given back)
        if [ ! -s "$OUT/scale-$n.csv" ]; then
            "$GEN" --meetings "$n" --seed "$SEED" --format csv > "$OUT/scale-$n.csv.tmp" &&
                mv "$OUT/scale-$n.csv.tmp" "$OUT/scale-$n.csv"
        fi
        scale_run check-csv "$n" "$SIGNPOST" check "$OUT/scale-$n.csv"
        scale_run leaflet-a4 "$n" "$SIGNPOST" render --layout leaflet-a4 \
            --settings examples/settings.ini --date 2026-11-26 -o "$OUT/scale-leaflet-$n.pdf" "$f"
        scale_run poster-a4-set "$n" "$SIGNPOST" render --layout poster-a4 \
            --settings examples/settings.ini --date 2026-11-26 -o "$OUT/scale-poster-$n.pdf" "$f"
    done
    POSTER_NOTES+=("memory-scale (GNU time -v; target under 150 MB at 200,000):")
    while IFS= read -r line; do
        POSTER_NOTES+=("  $line")
    done < <({
        echo "command|meetings|peak RSS MB|wall s|ms per 1,000|exit"
        printf '%s\n' "${SCALE_ROWS[@]}"
    } | column -t -s '|')
}
BENCHMARKS="$BENCHMARKS memory-scale"
# ---- end of memory at scale ----------------------------------------------------------

# ---- speed (issue 17; owner: speed engineer) -----------------------------------------
# time_cpu CMD...: run CMD once under GNU time; prints "WALL_MS CPU_MS PEAK_KB" (user +
# system time: the machine is shared, so CPU time is the steadier figure).
time_cpu() {
    local tf=$OUT/time-cpu.txt
    "$TIME_BIN" -f '%e %U %S %M' -o "$tf" "$@" > /dev/null 2>&1 || true
    LC_ALL=C awk '{ printf "%d %d %d\n", $1 * 1000, ($2 + $3) * 1000, $4 }' "$tf" | tail -1
}

# "median (min-max)" of the numbers on stdin
med_range() {
    sort -n | LC_ALL=C awk '{ v[NR] = $1 } END { printf "%d (%d-%d)", v[int((NR + 1) / 2)], v[1], v[NR] }'
}

# Issue 17: the 5,000-meeting A4 leaflet against the naive renderer (bench/naive_leaflet:
# a PangoLayout per paragraph, a QR code per online meeting, no tags, no caches) drawing
# exactly the leaflet's text and codes (from its --dump-plan), with vector and with image
# QR codes.  Paired runs (signpost, naive vector, naive image, BENCH_PAIRS times), medians
# and ranges of wall and CPU time.  Targets: >= 2x faster than vector, no slower than image.
bench_leaflet_vs_naive() {
    local paras=$OUT/leaflet-paragraphs.txt i r pairs=${BENCH_PAIRS:-5}
    local sw=() sc=() vw=() vc=() iw=() ic=()
    if [ ! -x "$TIME_BIN" ]; then
        POSTER_NOTES+=("leaflet-vs-naive: not measured (needs GNU time)")
        return 0
    fi
    "$SIGNPOST" render --layout leaflet-a4 --settings examples/settings.ini --date 2026-11-26 \
        --dump-plan "$MG_FILE" 2> /dev/null | awk '
        /^page / { next }
        /^  begin Link / { if (match($0, /uri=\047[^\047]*\047/)) uri = substr($0, RSTART + 5, RLENGTH - 6); next }
        /^  (begin|end) / { flush(); next }
        /^  qr / { flush(); print "Q " uri; next }
        /^  text / {
            q = index($0, "\""); t = substr($0, q + 1); sub(/"$/, "", t)
            if (!n) bold = ($0 ~ / bold [0-9.]+pt /)
            para = n ? para " " t : t; n++
            if ($0 ~ / artifact=/) flush()
            next }
        function flush() { if (n) print (bold ? "B " : "R ") para; n = 0; para = "" }
        END { flush() }' > "$paras.tmp" && mv "$paras.tmp" "$paras"
    for ((i = 0; i < pairs; i++)); do
        read -r w c _ < <(time_cpu "$SIGNPOST" render --layout leaflet-a4 \
            --settings examples/settings.ini --date 2026-11-26 -o "$OUT/leaflet-ours.pdf" "$MG_FILE")
        sw+=("$w"); sc+=("$c")
        read -r w c _ < <(time_cpu "$BUILD/bench/naive_leaflet" --qr vector \
            -o "$OUT/leaflet-naive-vector.pdf" --paragraphs "$paras")
        vw+=("$w"); vc+=("$c")
        read -r w c _ < <(time_cpu "$BUILD/bench/naive_leaflet" --qr image \
            -o "$OUT/leaflet-naive-image.pdf" --paragraphs "$paras")
        iw+=("$w"); ic+=("$c")
    done
    r() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
    POSTER_NOTES+=("leaflet-vs-naive ($pairs paired runs; ms, median (min-max); pages: signpost $(count_pages "$OUT/leaflet-ours.pdf"), naive $(count_pages "$OUT/leaflet-naive-image.pdf")):")
    POSTER_NOTES+=("  signpost      wall $(printf '%s\n' "${sw[@]}" | med_range)  cpu $(printf '%s\n' "${sc[@]}" | med_range)")
    POSTER_NOTES+=("  naive vector  wall $(printf '%s\n' "${vw[@]}" | med_range)  cpu $(printf '%s\n' "${vc[@]}" | med_range)")
    POSTER_NOTES+=("  naive image   wall $(printf '%s\n' "${iw[@]}" | med_range)  cpu $(printf '%s\n' "${ic[@]}" | med_range)")
    POSTER_NOTES+=("  $(LC_ALL=C awk -v s="$(r "${sc[@]}")" -v v="$(r "${vc[@]}")" -v m="$(r "${ic[@]}")" \
        'BEGIN { printf "cpu ratios: naive vector / signpost %.2f (target >= 2), naive image / signpost %.2f (target >= 1)", v / s, m / s }')")
    POSTER_NOTES+=("  $(LC_ALL=C awk -v s="$(r "${sw[@]}")" -v v="$(r "${vw[@]}")" -v m="$(r "${iw[@]}")" \
        'BEGIN { printf "wall ratios: naive vector / signpost %.2f, naive image / signpost %.2f", v / s, m / s }')")
}

# Issue 17: a one-region A4 poster (50 generated meetings) as a whole process, <= 40 ms.
bench_poster_region() {
    local f=$OUT/directory-50.json
    "$GEN" --meetings 50 --seed "$SEED" --format mg-json > "$f.tmp" && mv "$f.tmp" "$f"
    measure poster-region-50 50 40 100 "$SIGNPOST" render --layout poster-a4 \
        --settings examples/settings.ini --date 2026-11-26 -o "$OUT/poster-region-50.pdf" "$f"
    if [ -x "$TIME_BIN" ]; then
        local i c=()
        for ((i = 0; i < 5; i++)); do
            read -r _ cpu _ < <(time_cpu "$SIGNPOST" render --layout poster-a4 \
                --settings examples/settings.ini --date 2026-11-26 \
                -o "$OUT/poster-region-50.pdf" "$f")
            c+=("$cpu")
        done
        POSTER_NOTES+=("poster-region-50: CPU ms $(printf '%s\n' "${c[@]}" | med_range) (GNU time, 10 ms steps), $(count_pages "$OUT/poster-region-50.pdf") sheets")
    fi
}
BENCHMARKS="$BENCHMARKS leaflet-vs-naive poster-region"
# ---- end of speed --------------------------------------------------------------------

# ---- main ----------------------------------------------------------------------------

if [ ! -x "$SIGNPOST" ]; then
    echo "bench: '$SIGNPOST' not built (run make bench)" >&2
    exit 1
fi
if [ ! -x "$GEN" ]; then
    echo "bench: '$GEN' not built (run make bench)" >&2
    exit 1
fi
ALL=$BENCHMARKS
if [ $# -gt 0 ]; then
    BENCHMARKS="$*"
fi
for b in $BENCHMARKS; do
    if ! declare -F "bench_${b//-/_}" > /dev/null; then
        echo "bench: unknown benchmark '$b' (known: $ALL)" >&2
        exit 2
    fi
done

prepare_data
for b in $BENCHMARKS; do
    echo "bench: $b" >&2
    "bench_${b//-/_}"
done
print_table
if [ "${#POSTER_NOTES[@]}" -gt 0 ]; then
    printf '%s\n' "${POSTER_NOTES[@]}"
fi
exit $FAILED
