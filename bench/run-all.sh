#!/usr/bin/env bash
# Every benchmark, one after the other (docs/benchmarks.md): the automation rule engine, task
# writes over HTTP against pgbench, ingestion with automation, playbook runs, and start-up and
# memory. Each script's own
# settings (DB=embedded, CLIENTS=…, …) apply. Takes about 25 minutes; run it on a quiet machine.
set -euo pipefail

cd "$(dirname "$0")"

./rule-engine.sh
./task-writes.sh
./ingestion.sh
./playbooks.sh
./startup.sh
