#!/bin/sh
# Runs one libFuzzer target for a bounded time.
#   fuzz/run.sh BIN_DIR TARGET SECONDS grow   grow fuzz/corpus/TARGET in place, then minimise it
#                                             (`make fuzz`)
#   fuzz/run.sh BIN_DIR TARGET SECONDS check  replay fuzz/regressions/TARGET, then fuzz a copy of
#                                             the corpus (CTest: the repository stays untouched)
# A crash leaves its input in fuzz/crashes/ (grow) or the test's temporary folder (check) and
# exits non-zero; copy it into fuzz/regressions/TARGET/ once fixed so it is replayed for ever.
set -eu
bin_dir=$1 target=$2 seconds=$3 mode=$4
here=$(cd "$(dirname "$0")" && pwd)
bin="$bin_dir/${target}_fuzz"
[ -x "$bin" ] || { echo "no fuzz binary $bin (build it with: make build-sanitize)" >&2; exit 1; }
corpus="$here/corpus/$target"
mkdir -p "$corpus"
# The targets that hold the whole app in process keep caches (prepared statements, SQLite pages)
# that LeakSanitizer would call leaks; the pure ones are checked for leaks too.
case "$target" in
  endpoints|router) leaks=0 ;;
  *) leaks=1 ;;
esac
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=$leaks:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
flags="-max_total_time=$seconds -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1"
[ -f "$here/dict/$target.dict" ] && flags="$flags -dict=$here/dict/$target.dict"

if [ "$mode" = check ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  if [ -d "$here/regressions/$target" ] && [ -n "$(ls -A "$here/regressions/$target")" ]; then
    "$bin" "$here/regressions/$target"/* >"$work/replay.log" 2>&1 ||
      { cat "$work/replay.log"; echo "a regression input crashes $target again" >&2; exit 1; }
    echo "replayed $(ls "$here/regressions/$target" | wc -l) regression inputs"
  fi
  mkdir -p "$work/corpus"
  cp -r "$corpus/." "$work/corpus/" 2>/dev/null || true
  cd "$work"
  # shellcheck disable=SC2086
  exec "$bin" $flags -artifact_prefix="$work/" "$work/corpus"
fi
mkdir -p "$here/crashes"
# shellcheck disable=SC2086
"$bin" $flags -artifact_prefix="$here/crashes/$target-" "$corpus"
# Keep the repository's corpus small: only the inputs that add coverage.
minimal=$(mktemp -d)
trap 'rm -rf "$minimal"' EXIT
"$bin" -merge=1 -timeout=10 -rss_limit_mb=2048 "$minimal" "$corpus" >/dev/null 2>&1
rm -f "$corpus"/* && cp "$minimal"/* "$corpus"/
echo "fuzz/corpus/$target: $(ls "$corpus" | wc -l) inputs after minimising"
