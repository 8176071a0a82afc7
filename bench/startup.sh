#!/usr/bin/env bash
# Start-up to ready on the embedded database (docs/benchmarks.md, "Start-up and memory"): starts
# the packaged jar REPEAT times on a new data directory and REPEAT times on an existing one,
# timing each from launch until /actuator/health answers UP, and prints the medians, the CPU time
# the server had used by then (all its threads; less sensitive than the wall-clock time to other
# work on the machine) and the resident memory once ready. Default settings otherwise.
#   bench/startup.sh
#   REPEAT=9 bench/startup.sh
#   BASELINE=/tmp/old-vigil.jar bench/startup.sh   # alternates with an earlier build, start by start
# Maven runs offline (-o); set MVN_FLAGS= to let it download.
set -euo pipefail

cd "$(dirname "$0")/.."

MVN_FLAGS=${MVN_FLAGS--o}
REPEAT=${REPEAT:-5}
BASELINE=${BASELINE:-}
PORT=${PORT:-18089}

# shellcheck disable=SC2086
mvn -q $MVN_FLAGS -DskipTests package

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
pid=

# Starts Vigil (jar $2, target/vigil.jar by default) on data directory $1; prints milliseconds to
# ready, the RSS in MB and the CPU milliseconds used at that point.
start() {
  local began now
  began=$(date +%s%N)
  VIGIL_DATA_DIR="$1" VIGIL_PORT=$PORT VIGIL_ADMIN_PASSWORD=startup-bench-password \
    java -jar "${2:-target/vigil.jar}" > "$work/server.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$PORT/actuator/health" | grep -q UP; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
    sleep 0.05
  done
  now=$(date +%s%N)
  echo "$(( (now - began) / 1000000 )) $(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))" \
    "$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$pid/stat")"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

load_before=$(cut -d' ' -f1 /proc/loadavg)
for i in $(seq 1 "$REPEAT"); do
  if [ -n "$BASELINE" ]; then
    start "$work/base-$i" "$BASELINE" >> "$work/base-fresh"
    start "$work/base-$i" "$BASELINE" >> "$work/base-again"
    start "$work/data-$i" >> "$work/fresh"
    start "$work/data-$i" >> "$work/again"
  else
    start "$work/data-$i" >> "$work/fresh"
  fi
done
if [ -z "$BASELINE" ]; then
  for i in $(seq 1 "$REPEAT"); do start "$work/data-1" >> "$work/again"; done
fi
echo "start-up to ready, median of $REPEAT (1-minute load average $load_before before, $(cut -d' ' -f1 /proc/loadavg) after):"
for run in fresh again ${BASELINE:+base-fresh base-again}; do
  case $run in
    fresh) label="new data directory:               " ;;
    again) label="existing data directory:          " ;;
    base-fresh) label="baseline, new data directory:     " ;;
    base-again) label="baseline, existing data directory:" ;;
  esac
  echo "  $label $(cut -d' ' -f1 "$work/$run" | median) ms, CPU $(cut -d' ' -f3 "$work/$run" | median) ms," \
    "RSS $(cut -d' ' -f2 "$work/$run" | median) MB"
done
