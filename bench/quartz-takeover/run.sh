#!/bin/bash
# How long Quartz's clustered JDBC job store takes to re-run, on another node, a durable requestsRecovery job
# whose node was killed with SIGKILL (docs/cluster.md, "Why this engine").
# usage: bench/quartz-takeover/run.sh [clusterCheckinInterval ms, default 1000]
# Needs: PostgreSQL on 127.0.0.1:5432 (user postgres, trust), psql, and the Maven repository of a build
# (quartz, postgresql, HikariCP, slf4j-api). Uses the database cluster_quartzbench (dropped and created).
set -euo pipefail
CHECKIN=${1:-1000}
M=${MAVEN_REPO:-$HOME/.m2/repository}
CP=$(ls $M/org/quartz-scheduler/quartz/2.5.2/quartz-2.5.2.jar):$(ls $M/org/postgresql/postgresql/*/postgresql-*.jar | tail -1)
CP=$CP:$(ls $M/com/zaxxer/HikariCP/*/HikariCP-*.jar | tail -1):$(ls $M/org/slf4j/slf4j-api/2.*/slf4j-api-2.*.jar | tail -1)
WORK=$(mktemp -d)
trap 'kill $S 2>/dev/null || true; rm -rf "$WORK"' EXIT
javac -d "$WORK" -cp "$CP" "$(dirname "$0")/QuartzTakeover.java"
unzip -p $M/org/quartz-scheduler/quartz/2.5.2/quartz-2.5.2.jar org/quartz/impl/jdbcjobstore/tables_postgres.sql > "$WORK/tables.sql"
DB=cluster_quartzbench
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres >/dev/null 2>&1
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" postgres >/dev/null
psql -h 127.0.0.1 -U postgres -q -f "$WORK/tables.sql" $DB >/dev/null 2>&1
URL=jdbc:postgresql://127.0.0.1:5432/$DB
OUT=$WORK/out.txt
java -Dout=$OUT -cp "$CP:$WORK" QuartzTakeover $URL survivor survivor $CHECKIN > "$WORK/survivor.log" 2>&1 & S=$!
sleep 2
java -Dout=$OUT -cp "$CP:$WORK" QuartzTakeover $URL runner runner $CHECKIN > "$WORK/runner.log" 2>&1 & R=$!
for _ in $(seq 1 300); do grep -q '^runner' $OUT 2>/dev/null && break; sleep 0.1; done
sleep 3
K=$(date +%s%3N); kill -9 $R; wait $R 2>/dev/null || true
for _ in $(seq 1 900); do grep -q '^survivor' $OUT 2>/dev/null && break; sleep 0.05; done
T=$(grep '^survivor' $OUT | awk '{print $2}')
echo "clusterCheckinInterval=${CHECKIN} ms: job re-run on the survivor $((T-K)) ms after the SIGKILL ($(grep '^survivor' $OUT | cut -d' ' -f3))"
