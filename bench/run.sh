#!/usr/bin/env bash
# `make bench`: seeds a fresh database per backend, runs each scenario with wrk on the same
# machine, and ends with one line per scenario and backend:
#   bench scenario=answer backend=sqlite rps=12345 p50_ms=1.2 p99_ms=8.5 ratio_to_ping=0.83
# Usage: bench/run.sh BUILD_DIR. Knobs (environment): BENCH_DURATION (wrk seconds per scenario,
# default 15), BENCH_CONNECTIONS (64), BENCH_SQLITE_ANSWERS (10000000),
# BENCH_PENDING (1000000), BENCH_PG_ANSWERS and BENCH_PG_PENDING (the same as SQLite's),
# BENCH_PUPILS (5000), BENCH_READ_CONNECTIONS (4), BENCH_BACKENDS ("sqlite postgresql").
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-build}" && pwd)
DURATION=${BENCH_DURATION:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
READ_CONNECTIONS=${BENCH_READ_CONNECTIONS:-4}
SQLITE_ANSWERS=${BENCH_SQLITE_ANSWERS:-10000000}
PENDING=${BENCH_PENDING:-1000000}
# PostgreSQL is seeded many rows per statement (store/postgres/arrays.h): the full scale takes
# about four minutes, so both backends are measured on the same data by default.
PG_ANSWERS=${BENCH_PG_ANSWERS:-$SQLITE_ANSWERS}
PG_PENDING=${BENCH_PG_PENDING:-$PENDING}
PUPILS=${BENCH_PUPILS:-5000}
BACKENDS=${BENCH_BACKENDS:-sqlite postgresql}
SCENARIOS="ping answer results queue submit"

WORK=$(mktemp -d /tmp/langnghe-bench.XXXXXX)
SERVER_PID=""
SUMMARY="$WORK/summary"
LATENCY="$WORK/latency"
: >"$SUMMARY"
: >"$LATENCY"

cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  "$ROOT/tests/postgres/cluster.sh" stop "$WORK/pg" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wrk prints latencies as 1.23us / 4.56ms / 1.2s; print milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; unit = v; sub(/^[0-9.]+/, "", unit);
    if (unit == "us") n /= 1000; else if (unit == "s") n *= 1000; else if (unit == "m") n *= 60000;
    printf "%.2f", n }'
}

start_server() {  # db_url
  PORT=$(free_port)
  local t0 t1
  t0=$(date +%s.%N)
  "$BUILD/langnghe" serve --listen "127.0.0.1:$PORT" --db "$1" --key-file "$WORK/key" \
    --web-root "$ROOT/web" --threads 2 --write-limit-account 0 --write-limit-address 0 \
    >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server did not start:" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s.%N)
  STARTUP_MS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
}

stop_server() {
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=""
}

rss_mb() {
  awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"
}

run_wrk() {  # backend scenario connections → sets RPS P50 P99; logs to stderr
  local out="$WORK/wrk.$1.$2.c$3.txt"
  BENCH_DIR="$WORK/seed.$1" BENCH_SRC="$ROOT/bench" \
    wrk -t2 -c"$3" -d"${DURATION}s" --timeout 5s --latency \
    -s "$ROOT/bench/$2.lua" "http://127.0.0.1:$PORT" >"$out" 2>&1
  RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  local errors socket_errors
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$out")
  socket_errors=$(awk '/Socket errors:/' "$out")
  echo "  $2 ($3 connections): rps=$RPS p50_ms=$P50 p99_ms=$P99 non_2xx=${errors:-0} ${socket_errors}" >&2
}

# What children answered is shown once a consultation is closed (two readings while children
# answer would show what one child answered): the answering is over before the results are read.
close_consultation() {  # backend
  local seed="$WORK/seed.$1"
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $(head -n1 "$seed/moderator.token")" \
    -H 'Content-Type: application/json' -d '{}' \
    "http://127.0.0.1:$PORT/api/v1/consultations/$(head -n1 "$seed/consultation.id")/close"
}

run_scenario() {  # backend scenario
  if [[ "$2" == "results" ]]; then close_consultation "$1"; fi
  run_wrk "$1" "$2" "$CONNECTIONS"
  if [[ "$2" == "ping" ]]; then PING_RPS=$RPS; fi
  local ratio
  ratio=$(awk -v a="$RPS" -v b="$PING_RPS" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  echo "bench scenario=$2 backend=$1 rps=$RPS p50_ms=$P50 p99_ms=$P99 ratio_to_ping=$ratio" >>"$SUMMARY"
  # Reads are also measured below saturation: a few officials and moderators at once.
  if [[ "$2" == "results" || "$2" == "queue" ]]; then
    run_wrk "$1" "$2" "$READ_CONNECTIONS"
    echo "bench latency scenario=$2 backend=$1 connections=$READ_CONNECTIONS rps=$RPS p50_ms=$P50 p99_ms=$P99" >>"$LATENCY"
  fi
}

bench_backend() {  # backend
  local backend=$1 db answers pending
  if [[ "$backend" == sqlite ]]; then
    db="sqlite:$WORK/bench.db"
    answers=$SQLITE_ANSWERS
    pending=$PENDING
  else
    "$ROOT/tests/postgres/cluster.sh" start "$WORK/pg" >&2
    local admin
    admin=$(cat "$WORK/pg/url")
    psql -q "$admin" -c "CREATE DATABASE bench"
    db="${admin%/postgres}/bench"
    answers=$PG_ANSWERS
    pending=$PG_PENDING
  fi
  rm -f "$WORK/key"
  echo "== $backend: seeding $answers answers and $pending pending ideas" >&2
  "$BUILD/langnghe-bench-seed" --db "$db" --key-file "$WORK/key" --out "$WORK/seed.$backend" \
    --answers "$answers" --pending "$pending" --pupils "$PUPILS" | tee "$WORK/seed.$backend.log" >&2
  local seed_answers_s
  seed_answers_s=$(awk -F'seconds=' '/^seed answers=/ { split($2, a, " "); print a[1] }' "$WORK/seed.$backend.log")

  start_server "$db"
  local rss_start=$(rss_mb)
  echo "== $backend: started in ${STARTUP_MS} ms on the seeded database (RSS ${rss_start} MB)" >&2
  for s in $SCENARIOS; do run_scenario "$backend" "$s"; done
  local rss_end=$(rss_mb)
  local peak
  peak=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status")
  stop_server
  echo "bench memory backend=$backend answers=$answers pending=$pending seed_answers_s=$seed_answers_s startup_ms=$STARTUP_MS rss_after_mb=$rss_end rss_peak_mb=$peak" >>"$SUMMARY"
  if [[ "$backend" == postgresql ]]; then
    "$ROOT/tests/postgres/cluster.sh" stop "$WORK/pg" >&2
  fi
}

echo "== screener (Google Benchmark, one core)" >&2
if [[ -x "$BUILD/langnghe-screener-bench" ]]; then
  "$BUILD/langnghe-screener-bench" --benchmark_min_time=2 --benchmark_format=json \
    >"$WORK/screener.json" 2>"$WORK/screener.err" || cat "$WORK/screener.err" >&2
  python3 - "$WORK/screener.json" >>"$SUMMARY" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
def first(prefix, leave_out=None):  # the timed run, not the fixed-work one callgrind counts over
    return next(b for b in runs if b["name"].startswith(prefix)
                and (leave_out is None or leave_out not in b["name"]))
texts = first("BM_ScreenRealisticTexts", "iterations")["texts_per_s"]
hostile = first("BM_ScreenHostileMegabyte")["real_time"]
print(f"bench screener texts_per_s_per_core={texts:.0f} hostile_1mb_ms={hostile:.0f}")
PY
  tail -1 "$SUMMARY" >&2
else
  echo "bench screener missing (install libbenchmark-dev and rebuild)" >>"$SUMMARY"
fi

for backend in $BACKENDS; do bench_backend "$backend"; done

if [[ "$BACKENDS" == *postgresql* && ("$PG_ANSWERS" != "$SQLITE_ANSWERS" || "$PG_PENDING" != "$PENDING") ]]; then
  echo "note: PostgreSQL was seeded with $PG_ANSWERS answers and $PG_PENDING pending ideas (SQLite: $SQLITE_ANSWERS and $PENDING): the figures of the two backends are not on the same data" >>"$SUMMARY"
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), load average before the last scenario: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$LATENCY"
echo
cat "$SUMMARY"
