#!/usr/bin/env bash
# Installs the Debian packages listed in deps/debian-packages.txt that are not installed yet.
# Runs apt-get only when something is missing, so a warm machine pays nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t wanted < <(grep -v '^\s*#' deps/debian-packages.txt | awk 'NF {print $1}')
# A package also counts as present when an installed package provides it (NodeSource's nodejs
# provides npm, and conflicts with Debian's).
provided=" $(dpkg-query -W -f='${Status}|${Provides}\n' 2>/dev/null |
  awk -F'|' '$1 == "install ok installed" {print $2}' | tr ',' '\n' |
  sed -e 's/(.*)//' -e 's/^ *//' -e 's/ *$//' | tr '\n' ' ') "
missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" || "$provided" == *" $pkg "* ]] || missing+=("$pkg")
done

if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "deps: these Debian packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "deps: all Debian packages present"
fi
