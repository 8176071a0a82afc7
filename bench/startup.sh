#!/usr/bin/env bash
# Start-up to ready on the embedded database (docs/benchmarks.md, "Start-up and memory"): starts
# the packaged jar REPEAT times on a new data directory and REPEAT times on an existing one,
# timing each from launch until /actuator/health answers UP, and prints the medians and the
# resident memory once ready. Default settings otherwise.
#   bench/startup.sh
#   REPEAT=9 bench/startup.sh
# Maven runs offline (-o); set MVN_FLAGS= to let it download.
set -euo pipefail

cd "$(dirname "$0")/.."

MVN_FLAGS=${MVN_FLAGS--o}
REPEAT=${REPEAT:-5}
PORT=${PORT:-18089}

# shellcheck disable=SC2086
mvn -q $MVN_FLAGS -DskipTests package

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
pid=

# Starts Vigil on data directory $1; prints milliseconds to ready and the RSS in MB at that point.
start() {
  local began now
  began=$(date +%s%N)
  VIGIL_DATA_DIR="$1" VIGIL_PORT=$PORT VIGIL_ADMIN_PASSWORD=startup-bench-password \
    java -jar target/vigil.jar > "$work/server.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$PORT/actuator/health" | grep -q UP; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
    sleep 0.05
  done
  now=$(date +%s%N)
  echo "$(( (now - began) / 1000000 )) $(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for i in $(seq 1 "$REPEAT"); do start "$work/data-$i" >> "$work/fresh"; done
for i in $(seq 1 "$REPEAT"); do start "$work/data-1" >> "$work/again"; done
echo "start-up to ready, median of $REPEAT:"
echo "  new data directory:      $(cut -d' ' -f1 "$work/fresh" | median) ms, RSS $(cut -d' ' -f2 "$work/fresh" | median) MB"
echo "  existing data directory: $(cut -d' ' -f1 "$work/again" | median) ms, RSS $(cut -d' ' -f2 "$work/again" | median) MB"
