#!/usr/bin/env bash
# Reads at scale (docs/benchmarks.md, "Reads at scale"): src/test/java/io/vigil/incident/
# ReadScaleBenchmark.java loads a million incidents with ten tasks each through the database's
# bulk path (ReadScaleLoader.java), then times getting an incident, listing its tasks, and the
# first and last page of a filtered, sorted incident list over HTTP.
#   PostgreSQL (the default): a fresh database $DB_NAME (vigil_bench_reads) at 127.0.0.1:5432,
#   loaded while the server runs.
#   DB=embedded: the embedded H2 database in $H2_HOME/data (target/bench-reads-h2/data), created
#   by the server, loaded over JDBC while the server is down (H2 locks its file), the server
#   started again on it to measure.
#   bench/read-scale.sh                          # 1,000,000 incidents, 10 tasks each
#   INCIDENTS=100000 REQUESTS=500 bench/read-scale.sh
#   DB=embedded bench/read-scale.sh              # the same on the embedded database
#   REUSE=1 bench/read-scale.sh                  # measure again on the data already loaded
#   DB_NAME=vigil_bench_reads_small INCIDENTS=20000 bench/read-scale.sh   # another database
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
DB_NAME=${DB_NAME:-vigil_bench_reads}
H2_HOME=${H2_HOME:-target/bench-reads-h2}

case "$DB" in
  postgresql) ;;
  embedded) ;;
  *) echo "DB must be postgresql or embedded, not $DB" >&2 && exit 2 ;;
esac

build
HOME_OPTION=
if [ "$DB" = embedded ]; then
  DB_URL=
  [ "${REUSE:-}" = 1 ] || rm -rf "$H2_HOME"
  HOME_OPTION=-Dhome=$H2_HOME
elif [ "${REUSE:-}" = 1 ]; then
  DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB_NAME
else
  DB_URL=$(database "$DB_NAME")
fi
bench_java io.vigil.incident.ReadScaleBenchmark -Dincidents="${INCIDENTS:-1000000}" \
  -Dtasks="${TASKS:-10}" -Drequests="${REQUESTS:-2000}" -Dchunk="${CHUNK:-100000}" \
  -Ddb.url="$DB_URL" ${HOME_OPTION:+"$HOME_OPTION"}
