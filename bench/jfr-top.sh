#!/usr/bin/env bash
# Where a flight recording of the server spent its CPU samples: the hottest frames of Vigil's own
# code (self, and with everything it calls) and the hottest frames overall, from the
# jdk.ExecutionSample events of a recording made with SERVER_JAVA_OPTIONS, e.g.
#   SERVER_JAVA_OPTIONS=-XX:StartFlightRecording=filename=/tmp/server.jfr,settings=profile \
#     bench/ingestion.sh
#   bench/jfr-top.sh /tmp/server.jfr [lines]
set -euo pipefail

recording=$1
lines=${2:-20}
samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
jfr print --stack-depth 128 --events jdk.ExecutionSample "$recording" > "$samples"

# One line per sample: its frames, innermost first, separated by spaces; start-up left out.
awk '
  /jdk.ExecutionSample/ { if (stack != "") print stack; stack = "" ; next }
  /line:/ { sub(/^[ \t]+/, ""); sub(/\(.*/, ""); stack = stack " " $0 }
  END { if (stack != "") print stack }
' "$samples" | grep -v 'VigilApplication.main' > "$samples.stacks"

total=$(wc -l < "$samples.stacks")
echo "CPU samples after start-up: $total"
echo "== hottest frames (self)"
awk '{ print $1 }' "$samples.stacks" | sort | uniq -c | sort -rn | head -n "$lines"
echo "== Vigil's frames, with what they call (inclusive)"
awk '{ delete seen; for (i = 1; i <= NF; i++) if ($i ~ /^io\.vigil\./ && !seen[$i]++) print $i }' \
  "$samples.stacks" | sort | uniq -c | sort -rn | head -n "$lines"
echo "== Vigil's innermost frame of each sample"
awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^io\.vigil\./) { print $i; break } }' "$samples.stacks" \
  | sort | uniq -c | sort -rn | head -n "$lines"
rm -f "$samples.stacks"
