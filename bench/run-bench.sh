#!/usr/bin/env bash
# End-to-end benchmark of the one-shot export against PostgreSQL's own COPY, on the same rows and in
# the same run. See bench/README.md for what it measures and the figures observed.
#
#   bench/run-bench.sh [ROWS] [--batch-size N] [--repeat K] [--no-small-heap] [--profile] [--keep]
#
# Exit status: 0 when every step succeeded and every output file holds all ROWS records, 1 when a
# step failed or an output is incomplete, 2 on bad arguments or a missing prerequisite.
set -uo pipefail

usage() {
    cat <<'EOF'
Usage: bench/run-bench.sh [ROWS] [options]
  ROWS               rows in the benchmark table logs (default 1000000); the table is
                     (re)generated only when it does not hold exactly ROWS rows
  --batch-size N     batch size of the exports (default 2000)
  --repeat K         run every measurement K times and keep the fastest (default 1)
  --no-small-heap    skip the two exports with -Xmx256m
  --profile          record the jsonl export with JFR and print its hottest methods
  --keep             keep the working directory (output files, JFR recording)
Environment: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres) BENCH_DB (exportbench)
             JAR (target/export-service.jar) JAVA (java) JAVA_OPTS (extra JVM options)
             EXPORT_TIMEOUT (seconds before a hung export is stopped; 120 + ROWS/2000)
EOF
}

ROWS=1000000
BATCH=2000
REPEAT=1
SMALL_HEAP=1
PROFILE=0
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --batch-size) BATCH="${2:-}"; shift 2 ;;
        --repeat) REPEAT="${2:-}"; shift 2 ;;
        --no-small-heap) SMALL_HEAP=0; shift ;;
        --profile) PROFILE=1; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        [0-9]*) ROWS="$1"; shift ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
for n in "$ROWS" "$BATCH" "$REPEAT"; do
    if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
        echo "not a positive number: '$n'" >&2; exit 2
    fi
done

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="$(realpath -m "${JAR:-$ROOT/target/export-service.jar}")"
JAVA="${JAVA:-java}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="${BENCH_DB:-exportbench}"
TIME=/usr/bin/time
# seconds an export may take before it is stopped: generous (the 1M-row export takes about 10 s)
EXPORT_TIMEOUT="${EXPORT_TIMEOUT:-$((120 + ROWS / 2000))}"

# ---- prerequisites --------------------------------------------------------------------------------
missing=0
for cmd in psql "$JAVA" timeout; do
    command -v "$cmd" >/dev/null || { echo "missing: $cmd" >&2; missing=1; }
done
if ! "$TIME" -v true >/dev/null 2>&1; then
    echo "missing: GNU time at $TIME (for the peak RSS); install it: apt-get install -y time" >&2
    missing=1
fi
[ -f "$JAR" ] || { echo "missing: $JAR; build it: mvn -B -q -o package -DskipTests" >&2; missing=1; }
[ "$missing" = 0 ] || exit 2
if [ "$PROFILE" = 1 ] && ! command -v jfr >/dev/null; then
    echo "missing: jfr (for --profile); it ships with the JDK" >&2; exit 2
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/exportbench.XXXXXX")"
cleanup() { [ "$KEEP" = 1 ] && echo "kept: $WORK" >&2 || rm -rf "$WORK"; }
trap cleanup EXIT
FAILED=0
fail() { echo "FAILED: $*" >&2; FAILED=1; }
now() { date +%s.%N; }
# seconds between two instants, 3 decimals
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
rate() { awk -v n="$ROWS" -v s="$1" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

# ---- the table ------------------------------------------------------------------------------------
if ! psql -X -At -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    echo "creating database $DB" >&2
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE \"$DB\"" || exit 1
fi
have="$(q -At -c "SELECT count(*) || ' ' || coalesce(max(id), 0) FROM logs" 2>/dev/null || echo "none")"
if [ "$have" = "$ROWS $ROWS" ]; then
    echo "reusing table logs: $ROWS rows" >&2
    GEN_SECONDS=""
else
    echo "generating table logs: $ROWS rows (had: $have)" >&2
    t0=$(now)
    q -v rows="$ROWS" -f "$BENCH_DIR/logs-table.sql" || { echo "generating the table failed" >&2; exit 1; }
    GEN_SECONDS=$(elapsed "$t0" "$(now)")
    echo "generated in ${GEN_SECONDS}s" >&2
fi
TABLE_SIZE="$(q -At -c "SELECT pg_size_pretty(pg_table_size('logs'))")"
# read it once so that the first measurement does not pay for a cold cache alone
q -c "SELECT count(*), sum(length(message)) FROM logs" >/dev/null

# ---- (a) the reference: PostgreSQL's COPY, written to a file like the export --------------------------
COLUMNS_SQL="id, ts, level, message, source, host, trace_id, metadata"
COPY_CSV_SQL="COPY (SELECT $COLUMNS_SQL FROM logs ORDER BY id) TO STDOUT (FORMAT csv, HEADER)"
COPY_JSON_SQL="COPY (SELECT row_to_json(l) FROM logs l ORDER BY id) TO STDOUT"

# best_of K CMD...: runs CMD K times, prints the fastest wall time in seconds; fails on any error
best_of() {
    local best="" t0 t
    for _ in $(seq "$REPEAT"); do
        t0=$(now)
        "$@" || return 1
        t=$(elapsed "$t0" "$(now)")
        best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
    done
    echo "$best"
}
copy_to() { q -c "$1" > "$2"; }

echo "COPY csv ..." >&2
COPY_CSV_S=$(best_of copy_to "$COPY_CSV_SQL" "$WORK/copy.csv") || fail "COPY csv"
COPY_CSV_BYTES=$(stat -c %s "$WORK/copy.csv" 2>/dev/null || echo 0)
rm -f "$WORK/copy.csv"
echo "COPY json ..." >&2
COPY_JSON_S=$(best_of copy_to "$COPY_JSON_SQL" "$WORK/copy.json") || fail "COPY json"
COPY_JSON_BYTES=$(stat -c %s "$WORK/copy.json" 2>/dev/null || echo 0)
# row_to_json escapes newlines, so one line per row (the csv may hold quoted newlines)
lines=$(wc -l < "$WORK/copy.json" 2>/dev/null || echo 0)
[ "$lines" = "$ROWS" ] || fail "COPY json wrote $lines lines, expected $ROWS"
rm -f "$WORK/copy.json"

# ---- (b) the one-shot export ----------------------------------------------------------------------
# run_export NAME FORMAT "JVM OPTIONS": one export in a fresh working directory (so a fresh embedded
# H2 state store under it); sets E_WALL E_CPU E_ENGINE E_RSS_MB E_BYTES. Fails on a non-zero exit status
# or an output file without exactly ROWS records.
run_export() {
    local name="$1" format="$2" jvm="$3" dir="$WORK/$1" out rc exp file lines expected created completed
    rm -rf "$dir"; mkdir -p "$dir"
    # shellcheck disable=SC2086 # the JVM options are words
    # timeout: a JVM that ran out of memory can hang instead of exiting; end it rather than wait forever
    (cd "$dir" && "$TIME" -v -o "$dir/time.txt" timeout -k 10 "$EXPORT_TIMEOUT" "$JAVA" $jvm ${JAVA_OPTS:-} \
        -Dexporter.source.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
        -Dexporter.source.username="$PGUSER" \
        -Dexporter.demo.enabled=false \
        -Dexporter.data-types.file="$BENCH_DIR/data-types.yaml" \
        -jar "$JAR" export --data-types logs --format "$format" --batch-size "$BATCH" --out "$dir/out" \
        > "$dir/stdout" 2> "$dir/stderr")
    rc=$?
    E_WALL=$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt" \
        | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f", s }')
    E_CPU=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.1f", s }' "$dir/time.txt")
    E_RSS_MB=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$dir/time.txt" | awk '{ printf "%.0f", $1 / 1024 }')
    E_ENGINE="" E_BYTES=0
    if [ "$rc" != 0 ]; then
        [ "$rc" = 124 ] || [ "$rc" = 137 ] && rc="$rc (stopped after ${EXPORT_TIMEOUT}s)"
        fail "export $name exited with $rc; last lines of its stderr:"; tail -5 "$dir/stderr" >&2
        return 1
    fi
    exp="$(tail -1 "$dir/stdout")" # the export directory is the last line (JFR may print before it)
    file="$exp/logs.$format"
    if [ ! -f "$file" ]; then
        fail "export $name: no $file"; return 1
    fi
    lines=$(wc -l < "$file")
    expected=$ROWS; [ "$format" = csv ] && expected=$((ROWS + 1))
    [ "$lines" = "$expected" ] || fail "export $name: $file has $lines lines, expected $expected"
    E_BYTES=$(stat -c %s "$file")
    # the export's own duration (manifest created -> completed): the wall time without JVM start-up
    created=$(sed -n 's/^  "created_time" : "\(.*\)",$/\1/p' "$exp/manifest.json")
    completed=$(sed -n 's/^  "completed_time" : "\(.*\)",$/\1/p' "$exp/manifest.json")
    if [ -n "$created" ] && [ -n "$completed" ]; then
        E_ENGINE=$(elapsed "$(date -d "$created" +%s.%N)" "$(date -d "$completed" +%s.%N)")
    fi
    rm -rf "$dir/out" # the next export needs the disk, not these files
}

declare -A WALL CPU ENGINE RSS BYTES
# measure NAME FORMAT "JVM OPTIONS": run_export REPEAT times, keep the fastest run's figures
measure() {
    local name="$1" i
    for i in $(seq "$REPEAT"); do
        echo "export $name ($i/$REPEAT) ..." >&2
        run_export "$@" || return 1
        if [ -z "${WALL[$name]:-}" ] || awk -v a="$E_WALL" -v b="${WALL[$name]}" 'BEGIN { exit !(a < b) }'; then
            WALL[$name]=$E_WALL CPU[$name]=$E_CPU ENGINE[$name]=$E_ENGINE RSS[$name]=$E_RSS_MB BYTES[$name]=$E_BYTES
        fi
    done
}

measure jsonl jsonl ""
measure csv csv ""
if [ "$SMALL_HEAP" = 1 ]; then
    measure jsonl-256m jsonl "-Xmx256m"
    measure csv-256m csv "-Xmx256m"
fi
if [ "$PROFILE" = 1 ]; then
    # a separate run, so that the recording does not slow down the measured ones
    echo "export jsonl with JFR ..." >&2
    run_export jsonl-jfr jsonl "-XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording=settings=profile,filename=$WORK/export.jfr"
fi

# ---- report ---------------------------------------------------------------------------------------
mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
row() { printf '%-18s %8s %9s %7s %9s %11s %10s %9s\n' "$@"; }
echo
echo "export-service benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $ROWS rows (table $TABLE_SIZE), batch size $BATCH, best of $REPEAT"
echo "host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA" -version 2>&1 | head -1)"
[ -n "${GEN_SECONDS:-}" ] && echo "table generated in ${GEN_SECONDS}s"
echo "COPY output goes to a file in $WORK (like the export's); times are wall clock."
echo "export wall = whole process (JVM start, Camel start, schema check, export, shutdown);"
echo "export engine = manifest created_time -> completed_time; cpu = user + system seconds of the JVM."
echo
row "run" "wall s" "rows/s" "cpu s" "engine s" "rows/s eng." "output MB" "peak RSS"
row "COPY csv" "$COPY_CSV_S" "$(rate "$COPY_CSV_S")" "" "" "" "$(mb "$COPY_CSV_BYTES")" ""
row "COPY json" "$COPY_JSON_S" "$(rate "$COPY_JSON_S")" "" "" "" "$(mb "$COPY_JSON_BYTES")" ""
for name in jsonl csv jsonl-256m csv-256m; do
    [ -n "${WALL[$name]:-}" ] || continue
    row "export $name" "${WALL[$name]}" "$(rate "${WALL[$name]}")" "${CPU[$name]}" "${ENGINE[$name]:-}" "$(rate "${ENGINE[$name]:-0}")" \
        "$(mb "${BYTES[$name]}")" "${RSS[$name]} MB"
done
echo
if [ -n "${WALL[jsonl]:-}" ] && [ -n "${COPY_JSON_S:-}" ]; then
    echo "ratio export jsonl / COPY json (wall time): $(ratio "${WALL[jsonl]}" "$COPY_JSON_S")x" \
         "(engine only: $(ratio "${ENGINE[jsonl]:-0}" "$COPY_JSON_S")x)"
fi
if [ -n "${WALL[csv]:-}" ] && [ -n "${COPY_CSV_S:-}" ]; then
    echo "ratio export csv / COPY csv (wall time):    $(ratio "${WALL[csv]}" "$COPY_CSV_S")x" \
         "(engine only: $(ratio "${ENGINE[csv]:-0}" "$COPY_CSV_S")x)"
fi

if [ "$PROFILE" = 1 ] && [ -f "$WORK/export.jfr" ]; then
    samples="$WORK/samples.txt"
    jfr print --stack-depth 64 --events jdk.ExecutionSample "$WORK/export.jfr" > "$samples"
    total=$(grep -c 'jdk.ExecutionSample' "$samples")
    echo
    echo "profile of the jsonl export: $total execution samples (JFR, settings=profile)"
    echo "-- top frames (self time):"
    awk '/stackTrace = \[/ { getline; sub(/^ +/, ""); sub(/line:.*/, ""); print }' "$samples" \
        | sort | uniq -c | sort -rn | head -25
    echo "-- self time by package (top frame's package, first 3 names):"
    awk '/stackTrace = \[/ { getline; sub(/^ +/, ""); sub(/\(.*/, ""); n = split($0, p, "."); print p[1] "." p[2] "." p[3] }' "$samples" \
        | sort | uniq -c | sort -rn | head -15
    echo "-- com.exportservice methods on the stack (inclusive, once per sample):"
    awk '/stackTrace = \[/ { inside = 1; delete seen; next }
         inside && /^ *\]/ { inside = 0; next }
         inside && /com\.exportservice\./ { sub(/^ +/, ""); sub(/line:.*/, ""); if (!($0 in seen)) { seen[$0] = 1; print } }' "$samples" \
        | sort | uniq -c | sort -rn | head -30
    [ "$KEEP" = 1 ] && echo "recording: $WORK/export.jfr"
fi

if [ "$FAILED" != 0 ]; then
    echo "FAILED (see the messages above)" >&2
    exit 1
fi
exit 0
