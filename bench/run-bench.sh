#!/usr/bin/env bash
# End-to-end benchmark of the one-shot export, run through the launcher bin/export-service with its
# shipped JVM settings, against PostgreSQL's own COPY of the same rows, in the same run. See
# bench/README.md for what it measures and the figures observed.
#
#   bench/run-bench.sh [ROWS] [--batch-size N] [--repeat K] [--formats LIST] [--one-core] [--checkpoint-share] [--profile [FORMAT]] [--keep]
#                        [--variant NAME=JVM_OPTIONS]...
#
# Exit status: 0 when every step succeeded and every export holds each id of the table exactly once,
# 1 when a step failed, an output is wrong or a figure cannot be read, 2 on bad arguments or a missing
# prerequisite.
set -uo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/run-bench.sh [ROWS] [options]
  ROWS               rows in the benchmark table logs (default 1000000), in the database
                     exportbench_ROWS; generated when it does not hold exactly the ids 1..ROWS
  --batch-size N     batch size of the exports (default 2000)
  --repeat K         rounds: every peer (COPY csv, COPY json, each export) runs K times, the
                     rounds interleaved, and its fastest run is reported (default 3)
  --formats LIST     export formats, comma-separated, of json, jsonl, csv (default jsonl,csv)
  --one-core         also run each export with -XX:ActiveProcessorCount=1 (the JVM sees one core),
                     to compare with the machine's cores
  --checkpoint-share also run each export with its checkpoint saves skipped (a benchmark-only
                     switch: -Dexportservice.bench.skip-checkpoint-saves=true), to give the
                     share of the export's time the state store's checkpoints take
  --profile [FORMAT] one more export recorded with JFR (jsonl unless FORMAT: json, jsonl or csv;
                     inlined frames kept, -XX:+DebugNonSafepoints); prints its hottest methods
  --keep             keep the working directory (each export's last output, RSS samples, JFR recording)
  --variant NAME=JVM_OPTIONS
                     also run each export with these JVM options (blank-separated, after the
                     shipped ones and JAVA_OPTS: they win) as the peer FORMAT.NAME, in the same
                     rounds, and report its ratio beside the shipped settings'; repeatable, NAME of
                     letters, digits and dashes (-XX:TieredStopAtLevel=1 as 'c1', for instance)
Environment: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres) BENCH_DB (exportbench_ROWS)
             JAVA, EXPORT_SERVICE_JAR, EXPORT_SERVICE_JVM_OPTIONS (passed to bin/export-service)
             JAVA_OPTS (appended to every export's JVM options: they win)
             EXPORT_TIMEOUT (seconds before a hung export is stopped; 120 + ROWS/2000)
USAGE
}

ROWS=1000000
BATCH=2000
REPEAT=3
FORMATS="jsonl,csv"
ONE_CORE=0
CHECKPOINT_SHARE=0
PROFILE=0
PROFILE_FORMAT=jsonl
KEEP=0
VARIANT_NAMES=()
declare -A VARIANT_OPTS
while [ $# -gt 0 ]; do
    case "$1" in
        --batch-size) BATCH="${2:-}"; shift 2 ;;
        --repeat) REPEAT="${2:-}"; shift 2 ;;
        --formats) FORMATS="${2:-}"; shift 2 ;;
        --one-core) ONE_CORE=1; shift ;;
        --checkpoint-share) CHECKPOINT_SHARE=1; shift ;;
        --profile) PROFILE=1; shift
            case "${1:-}" in json|jsonl|csv) PROFILE_FORMAT="$1"; shift ;; esac ;;
        --keep) KEEP=1; shift ;;
        --variant) v="${2:-}"
            if ! [[ "$v" =~ ^[A-Za-z0-9-]+=.+$ ]] || [ -n "${VARIANT_OPTS[${v%%=*}]:-}" ]; then
                echo "--variant needs a new NAME=JVM_OPTIONS (NAME of letters, digits, dashes): '$v'" >&2; exit 2
            fi
            VARIANT_NAMES+=("${v%%=*}"); VARIANT_OPTS[${v%%=*}]="${v#*=}"; shift 2 ;;
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
IFS=, read -r -a FORMAT_LIST <<< "$FORMATS"
for f in "${FORMAT_LIST[@]}"; do
    case "$f" in json|jsonl|csv) ;; *) echo "unknown format '$f' in --formats (json, jsonl, csv)" >&2; exit 2 ;; esac
done

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
LAUNCHER="$ROOT/bin/export-service"
JAR="${EXPORT_SERVICE_JAR:-$ROOT/target/export-service.jar}"
JVM_OPTIONS_FILE="${EXPORT_SERVICE_JVM_OPTIONS:-$ROOT/config/jvm.options}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
# one database per size: a 10M-row table takes minutes to generate, and runs of other sizes keep it
DB="${BENCH_DB:-exportbench_$ROWS}"
TIME=/usr/bin/time
# seconds an export may take before it is stopped: generous (1M rows take about 15 s)
EXPORT_TIMEOUT="${EXPORT_TIMEOUT:-$((120 + ROWS / 2000))}"

# ---- prerequisites --------------------------------------------------------------------------------
missing=0
for cmd in psql timeout ps awk sort "${JAVA:-java}"; do
    command -v "$cmd" >/dev/null || { echo "missing: $cmd" >&2; missing=1; }
done
if ! "$TIME" -v true >/dev/null 2>&1; then
    echo "missing: GNU time at $TIME (for the peak RSS); install it: apt-get install -y time" >&2
    missing=1
fi
[ -r /proc/self/status ] || { echo "missing: /proc (the RSS is sampled from /proc/<pid>/status)" >&2; missing=1; }
[ -x "$LAUNCHER" ] || { echo "missing: the launcher $LAUNCHER" >&2; missing=1; }
[ -f "$JAR" ] || { echo "missing: $JAR; build it: mvn -B -q package -DskipTests" >&2; missing=1; }
if [ "$PROFILE" = 1 ] && ! command -v jfr >/dev/null; then
    echo "missing: jfr (for --profile); it ships with the JDK" >&2; missing=1
fi
[ "$missing" = 0 ] || exit 2

WORK="$(mktemp -d "${TMPDIR:-/tmp}/exportbench.XXXXXX")"
cleanup() { [ "$KEEP" = 1 ] && echo "kept: $WORK" >&2 || rm -rf "$WORK"; }
trap cleanup EXIT
FAILED=0
fail() { echo "FAILED: $*" >&2; FAILED=1; }
now() { date +%s.%N; }
load1() { cut -d' ' -f1 /proc/loadavg; }
# seconds between two instants, 3 decimals
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
rate() { awk -v n="$ROWS" -v s="$1" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }'; }
# how many times faster a is than b, from their durations (rate a / rate b)
speed() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", b / a; else print "-" }'; }
less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(b == "" || a < b) }'; }
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
LOAD_START=$(load1)

# ---- the table ------------------------------------------------------------------------------------
if ! psql -X -At -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    echo "creating database $DB" >&2
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE \"$DB\"" || exit 1
fi
# with the primary key on id, count = max = ROWS and min = 1 mean exactly the ids 1..ROWS: the
# exported ids are checked against that
have="$(q -At -c "SELECT count(*) || ' ' || coalesce(min(id), 0) || ' ' || coalesce(max(id), 0) FROM logs" 2>/dev/null || echo "none")"
if [ "$have" = "$ROWS 1 $ROWS" ]; then
    echo "reusing table logs of $DB: ids 1..$ROWS" >&2
    GEN_SECONDS=""
else
    echo "generating table logs of $DB: $ROWS rows (had: count min max = $have)" >&2
    t0=$(now)
    q -v rows="$ROWS" -f "$BENCH_DIR/logs-table.sql" || { echo "generating the table failed" >&2; exit 1; }
    GEN_SECONDS=$(elapsed "$t0" "$(now)")
    echo "generated in ${GEN_SECONDS}s" >&2
fi
TABLE_SIZE="$(q -At -c "SELECT pg_size_pretty(pg_table_size('logs'))")"
# read it once so that the first measurement does not pay for a cold cache alone
q -c "SELECT count(*), sum(length(message)) FROM logs" >/dev/null
# the launcher makes its class-data archive on the first start of a new jar (a training run of about
# 10 s): here, not in the first measured export
EXPORT_SERVICE_JAR="$JAR" EXPORT_SERVICE_JVM_OPTIONS="$JVM_OPTIONS_FILE" "$LAUNCHER" export --help >/dev/null \
    || { echo "the launcher failed: $LAUNCHER export --help" >&2; exit 1; }

# ---- measurements ---------------------------------------------------------------------------------
# Every peer keeps its fastest run: WALL (whole process or psql), ENGINE (the export alone), CPU,
# BYTES, LOAD (1-min load average when it ended) and the memory figures of that run.
declare -A WALL ENGINE CPU BYTES LOAD PEAK RSS_MIN RSS_MED RSS_MAX
keep_if_best() { # NAME: the last run's figures (R_*) if it is the fastest so far
    if less "$R_WALL" "${WALL[$1]:-}"; then
        WALL[$1]=$R_WALL ENGINE[$1]=$R_ENGINE CPU[$1]=$R_CPU BYTES[$1]=$R_BYTES LOAD[$1]=$R_LOAD
        PEAK[$1]=$R_PEAK RSS_MIN[$1]=$R_RSS_MIN RSS_MED[$1]=$R_RSS_MED RSS_MAX[$1]=$R_RSS_MAX
    fi
}

COLUMNS_SQL="id, ts, level, message, source, host, trace_id, metadata"
declare -A COPY_SQL=(
    [copy-csv]="COPY (SELECT $COLUMNS_SQL FROM logs ORDER BY id) TO STDOUT (FORMAT csv, HEADER)"
    [copy-json]="COPY (SELECT row_to_json(l) FROM logs l ORDER BY id) TO STDOUT"
)
# run_copy NAME: PostgreSQL's own export through psql, written to a file like the export's output
run_copy() {
    local name="$1" out="$WORK/$1.out" t0 lines
    echo "$name ..." >&2
    t0=$(now)
    q -c "${COPY_SQL[$name]}" > "$out" || { fail "$name"; return 1; }
    R_WALL=$(elapsed "$t0" "$(now)") R_ENGINE="" R_CPU="" R_BYTES=$(stat -c %s "$out") R_LOAD=$(load1)
    R_PEAK="" R_RSS_MIN="" R_RSS_MED="" R_RSS_MAX=""
    if [ "$name" = copy-json ]; then
        # row_to_json escapes newlines: one line per row
        lines=$(wc -l < "$out")
        [ "$lines" = "$ROWS" ] || fail "$name wrote $lines lines, expected $ROWS"
    fi
    rm -f "$out"
    keep_if_best "$name"
}

# java_pid PID: the JVM below PID (GNU time and timeout sit between; the launcher execs java)
java_pid() {
    local top="$1" pid comm
    for _ in $(seq 600); do
        pid="$top"
        while pid=$(ps -o pid= --ppid "$pid" 2>/dev/null | head -1 | tr -d ' ') && [ -n "$pid" ]; do
            comm=$(ps -o comm= -p "$pid" 2>/dev/null)
            [ "$comm" = java ] && { echo "$pid"; return 0; }
        done
        kill -0 "$top" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}

# sample_rss PID FILE: the resident set size (VmRSS, kB) of PID every 0.5 s while it runs
sample_rss() {
    while [ -r "/proc/$1/status" ]; do
        awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null >> "$2"
        sleep 0.5
    done
}

# ids_of FORMAT FILE: the id of every record, one a line; "bad" for a record whose id cannot be read
ids_of() {
    case "$1" in
        json|jsonl) # one record a line ({"id":N,... first), the json array's brackets on lines of their own
            awk '/^[][]$/ { next }
                 match($0, /^\{"id":-?[0-9]+[,}]/) { print substr($0, 7, RLENGTH - 7); next }
                 { print "bad" }' "$2" ;;
        csv) # the id is the first field; a record goes on over lines while a quoted field is open
            awk 'NR == 1 { next }
                 !open { i = index($0, ","); print (i ? substr($0, 1, i - 1) : $0) }
                 { if (gsub(/"/, "\"") % 2) open = !open }' "$2" ;;
    esac
}

# check_ids FORMAT FILE NAME: each id of the table (1..ROWS) exactly once in the export, nothing else
check_ids() {
    local verdict
    verdict=$(ids_of "$1" "$2" | LC_ALL=C sort -n -S 256M | awk -v rows="$ROWS" '
        $1 !~ /^-?[0-9]+$/ { bad++; next }
        { id = $1 + 0 }
        id < 1 || id > rows { out++; next }
        id == prev { dup++; if (!firstdup) firstdup = id; next }
        id > prev + 1 { missing += id - prev - 1; if (!firstmissing) firstmissing = prev + 1 }
        { prev = id; n++ }
        END {
            if (prev < rows) { missing += rows - prev; if (!firstmissing) firstmissing = prev + 1 }
            if (bad + out + dup + missing == 0) print "ok " n
            else printf "%d records with an unreadable id, %d ids outside 1..%d, %d duplicates (first: %s), %d missing (first: %s)\n",
                bad, out, rows, dup, (dup ? firstdup : "-"), missing, (missing ? firstmissing : "-")
        }')
    [ "$verdict" = "ok $ROWS" ] || fail "export $3: ${verdict:-no ids read}"
}

# run_export NAME FORMAT "EXTRA JVM OPTIONS": one export through the launcher in a fresh working
# directory (so a fresh embedded H2 state store under it), its RSS sampled; fails on a non-zero exit
# status, wrong ids or an unreadable engine time.
run_export() {
    local name="$1" format="$2" extra="$3" last="${4:-}" dir="$WORK/$1" rc jpid exp file created completed
    echo "export $name ..." >&2
    rm -rf "$dir"; mkdir -p "$dir"
    : > "$dir/rss.txt"
    # timeout: a JVM that ran out of memory can hang instead of exiting; end it rather than wait forever
    (cd "$dir" && exec env JAVA_OPTS="-Dexporter.source.url=jdbc:postgresql://$PGHOST:$PGPORT/$DB \
-Dexporter.source.username=$PGUSER -Dexporter.demo.enabled=false -Dexporter.data-types.file=$BENCH_DIR/data-types.yaml \
$extra ${JAVA_OPTS:-} $last" \
        "$TIME" -v -o "$dir/time.txt" timeout -k 10 "$EXPORT_TIMEOUT" "$LAUNCHER" \
        export --data-types logs --format "$format" --batch-size "$BATCH" --out "$dir/out" \
        > "$dir/stdout" 2> "$dir/stderr") &
    local top=$!
    if jpid=$(java_pid "$top"); then
        sample_rss "$jpid" "$dir/rss.txt"
    fi
    wait "$top"; rc=$?
    R_LOAD=$(load1)
    R_WALL=$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt" \
        | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f", s }')
    R_CPU=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.1f", s }' "$dir/time.txt")
    R_PEAK=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$dir/time.txt" | awk '{ printf "%.0f", $1 / 1024 }')
    read -r R_RSS_MIN R_RSS_MED R_RSS_MAX < <(LC_ALL=C sort -n "$dir/rss.txt" \
        | awk '{ v[NR] = $1 } END { if (NR) printf "%.0f %.0f %.0f\n", v[1] / 1024, v[int((NR + 1) / 2)] / 1024, v[NR] / 1024; else print "- - -" }')
    R_ENGINE="" R_BYTES=0
    if [ "$rc" != 0 ]; then
        { [ "$rc" = 124 ] || [ "$rc" = 137 ]; } && rc="$rc (stopped after ${EXPORT_TIMEOUT}s)"
        fail "export $name exited with $rc; last lines of its stderr:"; tail -5 "$dir/stderr" >&2
        return 1
    fi
    exp="$(tail -1 "$dir/stdout")" # the export directory is the last line (JFR may print before it)
    file="$exp/logs.$format"
    [ -f "$file" ] || { fail "export $name: no $file"; return 1; }
    R_BYTES=$(stat -c %s "$file")
    check_ids "$format" "$file" "$name"
    # the export's own duration (manifest created -> completed): the wall time without JVM start-up
    created=$(sed -n 's/^  "created_time" : "\(.*\)",$/\1/p' "$exp/manifest.json")
    completed=$(sed -n 's/^  "completed_time" : "\(.*\)",$/\1/p' "$exp/manifest.json")
    if [ -n "$created" ] && [ -n "$completed" ]; then
        R_ENGINE=$(elapsed "$(date -d "$created" +%s.%N)" "$(date -d "$completed" +%s.%N)")
    fi
    if ! awk -v s="$R_ENGINE" 'BEGIN { exit !(s > 0) }'; then
        fail "export $name: no engine time: $exp/manifest.json has created_time '$created', completed_time '$completed'"
        R_ENGINE=""
    fi
    # the next export needs the disk, not these files (with --keep: each export's last run stays)
    [ "$KEEP" = 1 ] || rm -rf "$dir/out"
    echo "  $name: wall $R_WALL s, engine $R_ENGINE s, cpu $R_CPU s, peak $R_PEAK MB, load $R_LOAD" >&2
    keep_if_best "$name"
}

EXPORTS=()
for f in "${FORMAT_LIST[@]}"; do
    EXPORTS+=("$f")
    [ "$ONE_CORE" = 1 ] && EXPORTS+=("$f-1core")
    [ "$CHECKPOINT_SHARE" = 1 ] && EXPORTS+=("$f-nocp")
    for v in "${VARIANT_NAMES[@]}"; do EXPORTS+=("$f.$v"); done
done
for round in $(seq "$REPEAT"); do
    echo "-- round $round of $REPEAT (load $(load1))" >&2
    run_copy copy-csv
    run_copy copy-json
    for name in "${EXPORTS[@]}"; do
        case "$name" in
            *-1core) run_export "$name" "${name%-1core}" "-XX:ActiveProcessorCount=1" ;;
            *-nocp) run_export "$name" "${name%-nocp}" "-Dexportservice.bench.skip-checkpoint-saves=true" ;;
            *.*) run_export "$name" "${name%%.*}" "" "${VARIANT_OPTS[${name#*.}]}" ;;
            *) run_export "$name" "$name" "" ;;
        esac
    done
done
if [ "$PROFILE" = 1 ]; then
    # a separate run, so that the recording does not slow down the measured ones
    run_export "$PROFILE_FORMAT-jfr" "$PROFILE_FORMAT" "-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording=settings=profile,filename=$WORK/export.jfr"
fi
LOAD_END=$(load1)

# ---- report ---------------------------------------------------------------------------------------
mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
row() { printf '%-20s %8s %9s %8s %10s %6s %7s %6s %18s %5s\n' "$@"; }
echo
echo "export-service benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $ROWS rows (table $TABLE_SIZE in $DB), batch size $BATCH, best of $REPEAT"
echo "host: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
     "load (1-min average) at the start $LOAD_START, at the end $LOAD_END; $("${JAVA:-java}" -version 2>&1 | head -1)"
[ -n "${GEN_SECONDS:-}" ] && echo "table generated in ${GEN_SECONDS}s"
for v in "${VARIANT_NAMES[@]}"; do echo "variant $v: the same plus ${VARIANT_OPTS[$v]}"; done
echo "exports: bin/export-service with $(basename "$JVM_OPTIONS_FILE"): $(grep -v '^\s*#' "$JVM_OPTIONS_FILE" | grep -v '^\s*$' | tr -s ' \n' ' ')${JAVA_OPTS:+; JAVA_OPTS: $JAVA_OPTS}"
echo "wall = whole process (psql; or JVM start, Camel start, schema check, export, shutdown); engine = the"
echo "manifest's created_time -> completed_time; cpu = user + system seconds of the JVM; RSS sampled every"
echo "0.5 s (min / median / max MB), peak = the kernel's high-water mark; load = 1-min load when the run ended."
echo
row "run" "wall s" "rows/s" "engine s" "rows/s eng" "cpu s" "out MB" "peak" "RSS min/med/max" "load"
for name in copy-csv copy-json "${EXPORTS[@]}"; do
    [ -n "${WALL[$name]:-}" ] || continue
    label="$name"; case "$name" in copy-*) label="COPY ${name#copy-}" ;; *) label="export $name" ;; esac
    rss=""; [ -n "${PEAK[$name]:-}" ] && rss="${RSS_MIN[$name]}/${RSS_MED[$name]}/${RSS_MAX[$name]}"
    row "$label" "${WALL[$name]}" "$(rate "${WALL[$name]}")" "${ENGINE[$name]:-}" "$( [ -n "${ENGINE[$name]:-}" ] && rate "${ENGINE[$name]}")" \
        "${CPU[$name]:-}" "$(mb "${BYTES[$name]}")" "${PEAK[$name]:+${PEAK[$name]} MB}" "$rss" "${LOAD[$name]}"
done
echo
echo "export rate / COPY rate, same run (1.00 = as fast as PostgreSQL's COPY):"
for f in "${FORMAT_LIST[@]}"; do
    ref=copy-json; [ "$f" = csv ] && ref=copy-csv
    names=("$f" "$f-1core" "$f-nocp")
    for v in "${VARIANT_NAMES[@]}"; do names+=("$f.$v"); done
    for name in "${names[@]}"; do
        [ -n "${WALL[$name]:-}" ] && [ -n "${WALL[$ref]:-}" ] || continue
        echo "  $name vs COPY ${ref#copy-}: $(speed "${WALL[$name]}" "${WALL[$ref]}") whole process," \
             "$( [ -n "${ENGINE[$name]:-}" ] && speed "${ENGINE[$name]}" "${WALL[$ref]}" || echo "-") engine only"
    done
    for v in "${VARIANT_NAMES[@]}"; do
        [ -n "${ENGINE[$f.$v]:-}" ] && [ -n "${ENGINE[$f]:-}" ] || continue
        echo "  $f.$v vs $f (engine rate): $(speed "${ENGINE[$f.$v]}" "${ENGINE[$f]}")"
    done
    if [ -n "${ENGINE[$f-1core]:-}" ] && [ -n "${ENGINE[$f]:-}" ]; then
        echo "  $f on $(nproc) cores vs 1 core (engine rate): $(speed "${ENGINE[$f]}" "${ENGINE[$f-1core]}")"
    fi
    if [ -n "${ENGINE[$f-nocp]:-}" ] && [ -n "${ENGINE[$f]:-}" ]; then
        echo "  $f checkpoint saves: $(awk -v a="${ENGINE[$f]}" -v b="${ENGINE[$f-nocp]}" 'BEGIN { printf "%.1f%%", (a - b) * 100 / a }') of the engine time" \
             "(engine ${ENGINE[$f]} s with them, ${ENGINE[$f-nocp]} s without)"
    fi
done

if [ "$PROFILE" = 1 ] && [ -f "$WORK/export.jfr" ]; then
    samples="$WORK/samples.txt"
    jfr print --stack-depth 64 --events jdk.ExecutionSample "$WORK/export.jfr" > "$samples"
    total=$(grep -c 'jdk.ExecutionSample' "$samples")
    echo
    echo "profile of the $PROFILE_FORMAT export: $total execution samples (JFR, settings=profile)"
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
    # the checkpoint share from the recording: samples with the status bean's save of a checkpoint
    # (StatusTracker.persist: the store's UPDATE, the status, its listeners) on the stack, of the samples doing
    # the export's work (a frame of the engine, reader, writers, transformation, validation or status), on all
    # threads and on the export's own (the seda consumer: the one every batch waits for)
    awk 'function done() { if (!n) return; if (work || cp) { w++; if (mine) wm++ } if (cp) { c++; if (mine) cm++ } }
         /jdk.ExecutionSample/ { done(); n = 1; work = 0; cp = 0; mine = 0; next }
         /sampledThread = .*seda:\/\/export-queue/ { mine = 1 }
         /com\.exportservice\.status\.StatusTracker\.persist/ { cp = 1 }
         /com\.exportservice\.(engine|source|output|transform|validation|status)\./ { work = 1 }
         END { done(); if (w) printf "-- checkpoints and status: %d of %d samples of the export'"'"'s work (%.1f%%); on the export'"'"'s thread %d of %d (%.1f%%)\n", c, w, 100 * c / w, cm, wm, (wm ? 100 * cm / wm : 0) }' "$samples"
    [ "$KEEP" = 1 ] && echo "recording: $WORK/export.jfr"
fi

if [ "$FAILED" != 0 ]; then
    echo "FAILED (see the messages above)" >&2
    exit 1
fi
exit 0
