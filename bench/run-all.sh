#!/usr/bin/env bash
# Every benchmark, one after the other (docs/benchmarks.md): the automation rule engine, task
# writes over HTTP against pgbench, ingestion with automation, reads at scale, playbook runs, and
# start-up and memory. Each script's own settings (DB=embedded, CLIENTS=…, …) apply. Takes about
# 40 minutes; run it on a quiet machine.
set -euo pipefail

cd "$(dirname "$0")"

./rule-engine.sh
./task-writes.sh
./ingestion.sh
./read-scale.sh
./playbooks.sh
./startup.sh
