#!/usr/bin/env bash
# Every benchmark, one after the other (docs/benchmarks.md): the automation rule engine; task
# writes over HTTP against pgbench, ingestion with automation, reads at scale and playbook runs on
# PostgreSQL and then on the embedded database; and start-up and memory. Reads at scale on the
# embedded database use 100,000 incidents (INCIDENTS=…), as H2 loads far more slowly than
# PostgreSQL. Takes about an hour; run it on a quiet machine.
set -euo pipefail

cd "$(dirname "$0")"

./rule-engine.sh
./task-writes.sh
./ingestion.sh
./read-scale.sh
./playbooks.sh
DB=embedded ./task-writes.sh
DB=embedded ./ingestion.sh
DB=embedded INCIDENTS=${INCIDENTS:-100000} ./read-scale.sh
DB=embedded ./playbooks.sh
./startup.sh
