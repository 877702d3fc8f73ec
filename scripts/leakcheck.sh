#!/usr/bin/env bash
# A long load run of `langnghe serve` under valgrind (memcheck): it must end with no leak
# ("definitely" and "indirectly lost" 0) and its memory must not keep growing. `make leakcheck`
# runs it (too slow for every CI run: valgrind slows the server ~30×).
#   scripts/leakcheck.sh [BIN] [SECONDS]      defaults: build/langnghe, 300
# Writes the valgrind report and a summary under build/leakcheck/; exits 1 on a leak or growth.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/langnghe}
seconds=${2:-300}
out=build/leakcheck
rm -rf "$out" && mkdir -p "$out"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

valgrind --soname-synonyms=somalloc='*tcmalloc*' --suppressions=scripts/valgrind-re2.supp --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
  --error-exitcode=99 --num-callers=30 --log-file="$out/valgrind.log" \
  "$bin" serve --demo --listen "127.0.0.1:$port" --db "sqlite:$out/leak.db" --key-file "$out/leak.key" \
  --web-root web --threads 2 --log-level warn --write-limit-account 0 --write-limit-address 0 \
  --metrics-token leakcheck-metrics-token-0123456789 \
  >"$out/server.out" 2>&1 &
pid=$!
trap 'kill -9 $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$base/healthz" >/dev/null

json() { curl -s -o /dev/null -w '%{http_code}' -X POST "$base$1" -H 'Content-Type: application/json' "${@:3}" -d "$2"; }
token() { sed -n 's/.*"token":"\([^"]*\)".*/\1/p'; }
admin=$(curl -s -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"langnghe-demo"}' | token)
pupil=$(curl -s -X POST "$base/api/v1/pupils/sign-in" -H 'Content-Type: application/json' \
  -d '{"code":"meo-xanh-2024"}' | token)

# Memory of the valgrind process (the server inside it), in kB.
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

# One round: sign-ins, reads, writes (organisation, children's ideas), bad input, 404s.
round() {
  local i=$1
  curl -s -o /dev/null -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"moderator","password":"langnghe-demo"}'
  curl -s -o /dev/null "$base/api/v1/units?limit=50" -H "Authorization: Bearer $admin"
  curl -s -o /dev/null "$base/api/v1/consultations" -H "Authorization: Bearer $pupil"
  json /api/v1/units "{\"kind\":\"province\",\"name\":\"Tỉnh $i\"}" -H "Authorization: Bearer $admin" >/dev/null
  json /api/v1/submissions "{\"kind\":\"idea\",\"text\":\"Ý kiến số $i: sân chơi cần cây xanh\"}" \
    -H "Authorization: Bearer $pupil" >/dev/null
  json /api/v1/units '{"kind":' -H "Authorization: Bearer $admin" >/dev/null
  curl -s -o /dev/null "$base/no-such-page"
  curl -s -o /dev/null -H "Authorization: Bearer leakcheck-metrics-token-0123456789" "$base/metrics"
}

start=$(date +%s)
half=$((start + seconds / 2))
i=0
rss_half=""
rounds_half=0
while (($(date +%s) < start + seconds)); do
  round $i
  i=$((i + 1))
  if [[ -z "$rss_half" ]] && (($(date +%s) >= half)); then rss_half=$(rss); rounds_half=$i; fi
done
rss_end=$(rss)
kill -TERM $pid
set +e
wait $pid
code=$?
set -e
trap - EXIT

definite=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$out/valgrind.log" | tr -d , | tail -1)
indirect=$(sed -n 's/.*indirectly lost: \([0-9,]*\) bytes.*/\1/p' "$out/valgrind.log" | tr -d , | tail -1)
errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$out/valgrind.log" | tr -d , | tail -1)
growth=$((rss_end - rss_half))
{
  echo "leakcheck: $seconds s, $i rounds (8 requests each; $rounds_half by half time)"
  echo "exit code on SIGTERM: $code"
  echo "valgrind: definitely lost ${definite:-0} bytes, indirectly lost ${indirect:-0} bytes, ${errors:-?} errors"
  echo "memory (valgrind process RSS): ${rss_half} kB at half time, ${rss_end} kB at the end (growth ${growth} kB)"
} | tee "$out/summary.txt"

fail=0
[[ "$code" == 0 ]] || { echo "leakcheck: the server exited with $code (99 = valgrind found errors)"; fail=1; }
[[ "${definite:-0}" == 0 && "${indirect:-0}" == 0 ]] || { echo "leakcheck: LEAK"; fail=1; }
# The second half of the run did as much work as the first; allow 8 MB for caches filling up.
((growth < 8192)) || { echo "leakcheck: memory grew by ${growth} kB in the second half"; fail=1; }
exit $fail
