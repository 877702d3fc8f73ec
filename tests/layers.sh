#!/bin/sh
# The layers, from every #include of the sources: each folder includes only the folders below it,
# so dependencies point one way and no two folders include each other (README, "Architecture").
#
#   base        includes only base/ (clock, crypto, CSV, errors: nothing of the product)
#   consult     base/                          the domain
#   moderation  base/ consult/
#   store       base/ consult/                 (implements consult/storage.h)
#   demo        base/ consult/
#   api         any of them; and inside api/, http/ (the plumbing) includes no other part of api/
#
# Usage: tests/layers.sh <source root>. Prints every include that points the wrong way.
set -eu
root=${1:-$(dirname "$0")/..}
cd "$root"

allowed() {
  case $1 in
    base) echo "base" ;;
    consult) echo "base consult" ;;
    moderation) echo "base consult moderation" ;;
    store) echo "base consult store" ;;
    demo) echo "base consult demo" ;;
    api) echo "base consult moderation store demo api" ;;
  esac
}

status=0
for folder in base consult moderation store demo api; do
  [ -d "$folder" ] || { echo "layers: no folder $folder/ in $(pwd)"; exit 1; }
  may=$(allowed "$folder")
  out=$(find "$folder" -type f \( -name '*.h' -o -name '*.cpp' \) -print | sort |
    xargs grep -n -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[a-z_]+/' |
    awk -F: -v may=" $may " -v folder="$folder" '{
      inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*$/, "", inc)
      top = inc; sub(/\/.*$/, "", top)
      if (index(may, " " top " ") == 0) {
        printf "%s:%s: includes %s (%s/ may include only %s)\n", $1, $2, inc, folder,
          substr(may, 2, length(may) - 2)
        next
      }
      # Inside api/: the plumbing knows no route, view, page or the program around it.
      if ($1 ~ /^api\/http\// && top == "api" && inc !~ /^api\/http\//)
        printf "%s:%s: includes %s (api/http/ may include only api/http/ of api/)\n", $1, $2, inc
    }')
  if [ -n "$out" ]; then
    echo "$out"
    status=1
  fi
done
[ $status -eq 0 ] && echo "layers: every include points down (base ← consult ← moderation, store, demo ← api)"
exit $status
