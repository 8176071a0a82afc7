#!/usr/bin/env bash
# Runs the playbook benchmark (src/test/java/io/vigil/playbook/PlaybookBenchmark.java): the seed's
# playbook run by an automation rule on every new incident, against the packaged jar, once per
# worker count. By default on PostgreSQL at 127.0.0.1:5432 (a fresh database vigil_bench_playbooks,
# durable settings: fsync and synchronous_commit on); DB=embedded for the embedded database.
#   bench/playbooks.sh                         # 400 runs at 1 and at 16 workers
#   RUNS=1000 WORKERS=16 bench/playbooks.sh
# See docs/benchmarks.md. Maven runs offline (-o); set MVN_FLAGS= to let it download.
set -euo pipefail

cd "$(dirname "$0")/.."

MVN_FLAGS=${MVN_FLAGS--o}
CLASSPATH_FILE=target/bench-classpath.txt
DB=${DB:-postgresql}

# shellcheck disable=SC2086
mvn -q $MVN_FLAGS -DskipTests package
# shellcheck disable=SC2086
mvn -q $MVN_FLAGS dependency:build-classpath \
  -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test

DB_URL=
if [ "$DB" = postgresql ]; then
  psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS vigil_bench_playbooks'
  psql -h 127.0.0.1 -U postgres -qc 'CREATE DATABASE vigil_bench_playbooks'
  psql -h 127.0.0.1 -U postgres -Atc 'SHOW fsync' | grep -qx on
  psql -h 127.0.0.1 -U postgres -Atc 'SHOW synchronous_commit' | grep -qx on
  DB_URL=jdbc:postgresql://127.0.0.1:5432/vigil_bench_playbooks
fi

exec java -Druns="${RUNS:-400}" -Dwarmup="${WARMUP:-100}" -Dworkers="${WORKERS:-1,16}" \
  -Ddb.url="$DB_URL" -Dtimeline="${TIMELINE:-false}" \
  -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" \
  io.vigil.playbook.PlaybookBenchmark
