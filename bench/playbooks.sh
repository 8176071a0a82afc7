#!/usr/bin/env bash
# Runs the playbook benchmark (src/test/java/io/vigil/playbook/PlaybookBenchmark.java): the seed's
# playbook run by an automation rule on every new incident, against the packaged jar, once per
# worker count. By default on PostgreSQL at 127.0.0.1:5432 (a fresh database vigil_bench_playbooks,
# durable settings: fsync and synchronous_commit on); DB=embedded for the embedded database.
#   bench/playbooks.sh                         # 1000 runs after 500 at 1 and at 16 workers
#   RUNS=1000 WORKERS=16 bench/playbooks.sh
# See docs/benchmarks.md. Maven runs offline (-o); set MVN_FLAGS= to let it download.
set -euo pipefail

cd "$(dirname "$0")/.."

# shellcheck source=bench/lib.sh
. bench/lib.sh

build
DB_URL=$(database vigil_bench_playbooks)

bench_java io.vigil.playbook.PlaybookBenchmark -Druns="${RUNS:-1000}" -Dwarmup="${WARMUP:-500}" \
  -Dworkers="${WORKERS:-1,16}" -Ddb.url="$DB_URL" -Dtimeline="${TIMELINE:-false}"
