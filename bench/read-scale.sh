#!/usr/bin/env bash
# Reads at scale (docs/benchmarks.md, "Reads at scale"): src/test/java/io/vigil/incident/
# ReadScaleBenchmark.java loads a million incidents with ten tasks each into a fresh PostgreSQL
# database (vigil_bench_reads at 127.0.0.1:5432) through PostgreSQL's bulk path, then times
# getting an incident, listing its tasks, and the first and last page of a filtered, sorted
# incident list over HTTP. PostgreSQL only: the loader is PostgreSQL's.
#   bench/read-scale.sh                          # 1,000,000 incidents, 10 tasks each
#   INCIDENTS=100000 REQUESTS=500 bench/read-scale.sh
#   REUSE=1 bench/read-scale.sh                  # measure again on the data already loaded
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
DB=postgresql

build
if [ "${REUSE:-}" = 1 ]; then
  DB_URL=jdbc:postgresql://127.0.0.1:5432/vigil_bench_reads
else
  DB_URL=$(database vigil_bench_reads)
fi
bench_java io.vigil.incident.ReadScaleBenchmark -Dincidents="${INCIDENTS:-1000000}" \
  -Dtasks="${TASKS:-10}" -Drequests="${REQUESTS:-2000}" -Ddb.url="$DB_URL"
