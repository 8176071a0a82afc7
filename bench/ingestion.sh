#!/usr/bin/env bash
# Ingestion with automation (docs/benchmarks.md, "Ingestion with automation"):
# src/test/java/io/vigil/automation/IngestionBenchmark.java creates incidents with 5 entities and
# 2 alerts over HTTP against 512 automation rules, 5 of which add 2 tasks each to every incident,
# then checks that every incident carries exactly its 10 tasks. By default on PostgreSQL at
# 127.0.0.1:5432 (a fresh database vigil_bench_ingestion, durable settings); DB=embedded runs it
# on the embedded database.
#   bench/ingestion.sh                          # 16 clients, 30 s after 10 s of warm-up
#   CLIENTS=32 DURATION=60 bench/ingestion.sh
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

build
DB_URL=$(database vigil_bench_ingestion)
bench_java io.vigil.automation.IngestionBenchmark -Dclients="${CLIENTS:-16}" \
  -Dseconds="${DURATION:-30}" -Dwarmup="${WARMUP:-10}" -Ddb.url="$DB_URL"
