#!/usr/bin/env bash
# Server CPU per request, per thread: a figure that machine load disturbs far less than requests
# per second. Seeds a small SQLite database (1,000 pupils, 100,000 answers, 10,000 pending ideas),
# then for each scenario starts the server on a copy of it, warms up for 2 s, and runs wrk for
# BENCH_DURATION seconds (default 8) at 64 connections, reading each thread's user+system time
# from /proc before and after. Prints, per scenario:
#   cpu scenario=answer rps=7361 us_per_request=188 langnghe=101 ln-commit=65 ln-reply=15 …
# (the HTTP workers run in the threads named after the binary). Run after `make bench` has built
# the tools: bench/cpu_per_request.sh BUILD_DIR [scenario …] (default: ping answer submit).
# BENCH_PUPILS (default 1,000) sets how many pupils answer: with 1,000 nearly every answer replaces
# the pupil's earlier one; with 100,000 (a minute of seeding) nearly every answer is a first one.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-build}" && pwd)
shift || true
SCENARIOS=${*:-ping answer submit}
DURATION=${BENCH_DURATION:-8}
WORK=$(mktemp -d /tmp/langnghe-cpu.XXXXXX)
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BUILD/langnghe-bench-seed" --db "sqlite:$WORK/seed.db" --key-file "$WORK/key" --out "$WORK/seed" \
  --answers 100000 --pending 10000 --pupils "${BENCH_PUPILS:-1000}" >/dev/null

# thread name → user+system clock ticks, summed over threads of the same name
ticks() {
  for t in /proc/"$1"/task/*; do
    echo "$(tr ' ' '_' <"$t/comm") $(awk '{ print $14 + $15 }' "$t/stat")"
  done | awk '{ n[$1] += $2 } END { for (k in n) print k, n[k] }' | sort
}

HZ=$(getconf CLK_TCK)
for scenario in $SCENARIOS; do
  cp "$WORK/seed.db" "$WORK/run.db"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$BUILD/langnghe" serve --listen "127.0.0.1:$PORT" --db "sqlite:$WORK/run.db" \
    --key-file "$WORK/key" --web-root "$ROOT/web" --threads 2 \
    --write-limit-account 0 --write-limit-address 0 >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; do sleep 0.05; done
  run_wrk() {
    BENCH_DIR="$WORK/seed" BENCH_SRC="$ROOT/bench" wrk -t2 -c64 -d"$1s" --timeout 5s \
      -s "$ROOT/bench/$scenario.lua" "http://127.0.0.1:$PORT"
  }
  run_wrk 2 >/dev/null
  ticks "$SERVER_PID" >"$WORK/before"
  run_wrk "$DURATION" >"$WORK/wrk.txt"
  ticks "$SERVER_PID" >"$WORK/after"
  kill "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=""
  requests=$(awk '/requests in/ { print $1 }' "$WORK/wrk.txt")
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$WORK/wrk.txt")
  join -a 2 -e 0 -o '2.1,1.2,2.2' "$WORK/before" "$WORK/after" |
    awk -v s="$scenario" -v r="$requests" -v rps="$rps" -v hz="$HZ" '
      { us = ($3 - $2) * 1e6 / hz / r; total += us; if (us >= 1) line = line sprintf(" %s=%.0f", $1, us) }
      END { printf "cpu scenario=%s rps=%s us_per_request=%.0f%s\n", s, rps, total, line }'
done
