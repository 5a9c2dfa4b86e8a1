#!/usr/bin/env bash
# One big export on 1, 2 and 3 nodes (docs/cluster.md, "One big export on many nodes"): the benchmark table
# logs (bench/logs-table.sql, as run-bench.sh makes it) exported once per cluster size by nodes of the shaded
# jar in cluster mode on one PostgreSQL store and one output directory, timed from the submission to
# `completed`, the ids of the output checked against the table (each of 1..ROWS once, in order).
#
#   bench/cluster-bench.sh [ROWS] [--nodes "1 2 3"] [--format jsonl] [--batch-size N] [--rounds K] [--keep]
#
# With one node nothing is split (one live node: the export runs as on a single node); with N nodes the
# data type is split into N partitions (exporter.cluster.partition-rows is set below the table's rows).
# The machine is shared and noisy: the cluster sizes are measured in interleaved rounds (1, 2, 3, 1, 2, 3…),
# each round on freshly started nodes that first run one untimed warm-up export (JIT, caches), and the
# median and the best of the timed exports are reported.
# Exit status: 0 when every export completed with exact output, 1 when one did not, 2 on bad arguments or a
# missing prerequisite.
set -uo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/cluster-bench.sh [ROWS] [options]
  ROWS             rows in the benchmark table logs (default 1000000), in the database exportbench_ROWS;
                   generated when it does not hold exactly the ids 1..ROWS
  --nodes LIST     cluster sizes to measure, in order (default "1 2 3")
  --format F       json, jsonl or csv (default jsonl)
  --batch-size N   batch size of the export (default 2000)
  --rounds K       interleaved rounds over the cluster sizes (default 2)
  --keep           keep the working directory (node logs, outputs)
Environment: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres) BENCH_DB (exportbench_ROWS)
             JAVA (java), EXPORT_SERVICE_JAR (target/export-service.jar)
             EXPORT_TIMEOUT (seconds before an export counts as hung; 120 + ROWS/2000)
USAGE
}

ROWS=1000000
NODES="1 2 3"
FORMAT=jsonl
BATCH=2000
ROUNDS=2
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --nodes) NODES="${2:-}"; shift 2 ;;
        --format) FORMAT="${2:-}"; shift 2 ;;
        --batch-size) BATCH="${2:-}"; shift 2 ;;
        --rounds) ROUNDS="${2:-}"; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        [0-9]*) ROWS="$1"; shift ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
for n in "$ROWS" "$BATCH" "$ROUNDS" $NODES; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "not a positive number: '$n'" >&2; exit 2; }
done
case "$FORMAT" in json|jsonl|csv) ;; *) echo "unknown format '$FORMAT' (json, jsonl, csv)" >&2; exit 2 ;; esac

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="${EXPORT_SERVICE_JAR:-$ROOT/target/export-service.jar}"
JAVA="${JAVA:-java}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="${BENCH_DB:-exportbench_$ROWS}"
STORE_DB="exportbench_cluster_store"
EXPORT_TIMEOUT="${EXPORT_TIMEOUT:-$((120 + ROWS / 2000))}"

missing=0
for cmd in psql curl jq awk "$JAVA"; do
    command -v "$cmd" >/dev/null || { echo "missing: $cmd" >&2; missing=1; }
done
[ -f "$JAR" ] || { echo "missing: $JAR; build it: mvn -B -q package -DskipTests" >&2; missing=1; }
[ "$missing" = 0 ] || exit 2

WORK="$(mktemp -d "${TMPDIR:-/tmp}/clusterbench.XXXXXX")"
PIDS=()
stop_nodes() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
    PIDS=()
}
cleanup() { stop_nodes; [ "$KEEP" = 1 ] && echo "kept: $WORK" >&2 || rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 1' INT TERM
now() { date +%s.%N; }
load1() { cut -d' ' -f1 /proc/loadavg; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ---- the table (as run-bench.sh) -------------------------------------------------------------------
if ! q -At -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    q -d postgres -c "CREATE DATABASE \"$DB\"" || exit 1
fi
have="$(q -At -d "$DB" -c "SELECT count(*) || ' ' || coalesce(min(id), 0) || ' ' || coalesce(max(id), 0) FROM logs" 2>/dev/null || echo none)"
if [ "$have" != "$ROWS 1 $ROWS" ]; then
    echo "generating table logs of $DB: $ROWS rows" >&2
    q -d "$DB" -v rows="$ROWS" -f "$BENCH_DIR/logs-table.sql" || { echo "generating the table failed" >&2; exit 1; }
fi
q -d "$DB" -c "SELECT count(*), sum(length(message)) FROM logs" >/dev/null   # a warm cache for the first run

# ---- one cluster ---------------------------------------------------------------------------------------
# start_nodes N: N nodes on a fresh store database and a fresh output directory; PORTS[0] is the entry node
start_nodes() {
    local n="$1" i port dir
    q -d postgres -c "DROP DATABASE IF EXISTS $STORE_DB WITH (FORCE)" -c "CREATE DATABASE $STORE_DB" || exit 1
    OUT="$WORK/exports-$n"
    mkdir -p "$OUT"
    PORTS=()
    mapfile -t JVM_OPTS < <(grep -v '^\s*#' "$ROOT/config/jvm.options" | grep -v '^\s*$')
    for i in $(seq 1 "$n"); do
        port=$(free_port)
        dir="$WORK/n$n-node-$i"
        mkdir -p "$dir"
        (cd "$dir" && exec "$JAVA" "${JVM_OPTS[@]}" -Dexporter.http.port="$port" \
            -Dexporter.cluster.enabled=true -Dexporter.cluster.node-id="node-$i" -Dexporter.cluster.lease=PT10S \
            -Dexporter.cluster.partition-rows=$((ROWS / 2)) \
            -Dexporter.store.url="jdbc:postgresql://$PGHOST:$PGPORT/$STORE_DB" -Dexporter.store.username="$PGUSER" \
            -Dexporter.source.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" -Dexporter.source.username="$PGUSER" \
            -Dexporter.data-types.file="$BENCH_DIR/data-types.yaml" -Dexporter.demo.enabled=false \
            -Dexporter.output.dir="$OUT" -Dexporter.output.min-free-disk=0 \
            -jar "$JAR" > "$dir/service.log" 2>&1) &
        PIDS+=($!)
        PORTS+=("$port")
        # one after the other, as ClusterIT does: every node is up before the export is submitted
        local up=$((SECONDS + 120))
        until curl -sf "http://127.0.0.1:$port/api/health" >/dev/null; do
            if [ "$SECONDS" -ge "$up" ] || ! kill -0 "${PIDS[-1]}" 2>/dev/null; then
                echo "node-$i did not start; its log: $dir/service.log" >&2
                KEEP=1
                exit 1
            fi
            sleep 0.3
        done
    done
    local deadline=$((SECONDS + 180)) live=0
    while [ "$SECONDS" -lt "$deadline" ]; do
        live=$(curl -s "http://127.0.0.1:${PORTS[0]}/api/cluster" | jq '.nodes | length' 2>/dev/null || echo 0)
        [ "${live:-0}" = "$n" ] && return 0
        sleep 0.5
    done
    echo "only ${live:-0} of $n nodes became live; logs in $WORK" >&2
    KEEP=1
    exit 1
}

# ids_ok FILE: every id 1..ROWS once, in key order (the first field of each record)
ids_ok() {
    case "$FORMAT" in
        jsonl|json) awk -v rows="$ROWS" '/^[][]$/ { next }
                      { if (!match($0, /^\{"id":[0-9]+[,}]/) || substr($0, 7, RLENGTH - 7) + 0 != ++n) { bad = 1; exit } }
                      END { exit !(bad == 0 && n == rows) }' "$1" ;;
        csv) # records may go on over lines inside quoted fields: count the lines starting a record
            awk -v rows="$ROWS" -F, 'NR == 1 { next } !open { if ($1 + 0 != ++n) { bad = 1; exit } }
                      { c = gsub(/"/, "\"", $0); if (c % 2 == 1) open = !open }
                      END { exit !(bad == 0 && n == rows) }' "$1" ;;
    esac
}

# cpu_seconds: user + system CPU time of the running nodes so far
cpu_seconds() {
    local pid total=0 tck
    tck=$(getconf CLK_TCK)
    for pid in "${PIDS[@]}"; do
        local jp
        jp=$(pgrep -P "$pid" java || echo "$pid")
        [ -r "/proc/$jp/stat" ] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$jp/stat")))
    done
    awk -v t="$total" -v h="$tck" 'BEGIN { printf "%.1f", t / h }'
}

# export_once N TIMED: one export on the running cluster; sets SECS, PARTS_NOW, LOAD_NOW, CPU_NOW
export_once() {
    local n="$1" body id status t0 t1 c0 deadline file
    body="{\"data_types\":[\"logs\"],\"output_format\":\"$FORMAT\",\"batch_size\":$BATCH,\"name\":\"cluster-bench $n nodes\"}"
    c0=$(cpu_seconds)
    t0=$(now)
    id=$(curl -s -X POST -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:${PORTS[0]}/api/exports" | jq -r .export_id)
    [ -n "$id" ] && [ "$id" != null ] || { echo "submission failed" >&2; return 1; }
    deadline=$((SECONDS + EXPORT_TIMEOUT))
    while [ "$SECONDS" -lt "$deadline" ]; do
        status=$(curl -s "http://127.0.0.1:${PORTS[0]}/api/exports/$id/status" | jq -r .status)
        case "$status" in completed|failed|cancelled) break ;; esac
        sleep 0.2
    done
    t1=$(now)
    SECS=$(elapsed "$t0" "$t1")
    LOAD_NOW=$(load1)
    CPU_NOW=$(awk -v a="$c0" -v b="$(cpu_seconds)" 'BEGIN { printf "%.1f", b - a }')
    PARTS_NOW=$(q -At -d "$STORE_DB" -c "SELECT count(*) || ' on ' || count(DISTINCT owner_node) || ' node(s)' FROM export_partitions WHERE export_id = '$id'" 2>/dev/null)
    file="$OUT/$id/logs.$FORMAT"
    if [ "$status" != completed ]; then
        echo "export $id on $n node(s): $status after ${SECS}s" >&2; KEEP=1; return 1
    fi
    if ! ids_ok "$file"; then
        echo "export $id on $n node(s): the ids of $file are not exactly 1..$ROWS" >&2; KEEP=1; return 1
    fi
    rm -rf "${OUT:?}/$id"
}

declare -A TIMES PARTS CPUS LOADS
FAILED=0
for round in $(seq 1 "$ROUNDS"); do
    for n in $NODES; do
        echo "== round $round, $n node(s)" >&2
        start_nodes "$n"
        if ! export_once "$n"; then FAILED=1; stop_nodes; continue; fi
        echo "  warm-up: ${SECS}s" >&2
        if ! export_once "$n"; then FAILED=1; stop_nodes; continue; fi
        echo "  timed: ${SECS}s, partitions: ${PARTS_NOW:-none}, nodes' CPU ${CPU_NOW}s, load $LOAD_NOW, ids exact" >&2
        TIMES[$n]="${TIMES[$n]:-} $SECS" PARTS[$n]="${PARTS_NOW:-0}" CPUS[$n]="${CPUS[$n]:-} $CPU_NOW" LOADS[$n]="${LOADS[$n]:-} $LOAD_NOW"
        stop_nodes
    done
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
best() { tr ' ' '\n' | grep . | sort -g | head -1; }

# ---- the table --------------------------------------------------------------------------------------
first=${NODES%% *}
base=$(echo "${TIMES[$first]:-}" | median)
echo
echo "cluster-bench: $ROWS rows of logs ($DB), format $FORMAT, batch size $BATCH, $ROUNDS round(s), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
printf '%-5s %-20s %-16s %8s %8s %9s %9s %-14s %-14s\n' nodes partitions "timed runs (s)" median rows/s speed-up best "nodes' CPU (s)" load1
for n in $NODES; do
    [ -n "${TIMES[$n]:-}" ] || continue
    m=$(echo "${TIMES[$n]}" | median)
    printf '%-5s %-20s %-16s %8s %8s %9s %9s %-14s %-14s\n' "$n" "${PARTS[$n]}" "$(echo ${TIMES[$n]} | tr ' ' ',')" "$m" \
        "$(awk -v r="$ROWS" -v s="$m" 'BEGIN { printf "%.0f", r / s }')" \
        "$(awk -v a="${base:-0}" -v b="$m" 'BEGIN { if (a > 0) printf "%.2fx", a / b; else print "-" }')" \
        "$(echo "${TIMES[$n]}" | best)" "$(echo ${CPUS[$n]} | tr ' ' ',')" "$(echo ${LOADS[$n]} | tr ' ' ',')"
done
exit "$FAILED"
