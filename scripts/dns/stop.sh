#!/usr/bin/env bash
# Stops what scripts/dns/start.sh DIR started (dnsdist, then named), waiting for both to exit.
set -uo pipefail
W=${1:?usage: scripts/dns/stop.sh DIR}
pids=()
for f in "$W/dnsdist.pid" "$W/named.pid"; do
  [ -s "$f" ] || continue
  pid=$(cat "$f")
  kill "$pid" 2>/dev/null && pids+=("$pid")
  rm -f "$f"
done
for pid in "${pids[@]}"; do
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -9 "$pid" 2>/dev/null || true
done
exit 0
