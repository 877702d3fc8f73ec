#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: `cluster.sh start DIR` runs initdb and pg_ctl in
# a new temporary folder, as an unprivileged user (the `postgres` system user when run as root),
# listening on a free port on 127.0.0.1 only, with its unix socket inside that folder. It writes
# the admin URL (a password-protected superuser of this cluster alone) to DIR/url.
# `cluster.sh stop DIR` stops it and removes every file it made.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
action=${1:-}
state=${2:-}
[[ -n "$action" && -n "$state" ]] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_cluster() {
  [[ -f "$state/cluster" ]] || return 0
  local root
  root=$(cat "$state/cluster")
  if [[ -f "$root/data/postmaster.pid" ]]; then
    as_owner "$PG_BIN/pg_ctl" -D "$root/data" stop -m fast -w -t 30 >/dev/null 2>&1 ||
      as_owner "$PG_BIN/pg_ctl" -D "$root/data" stop -m immediate -w -t 10 >/dev/null 2>&1 || true
  fi
  # Only ever remove the folder this script made.
  [[ "$root" == /tmp/langnghe-pg.* ]] && rm -rf "$root"
  rm -f "$state/cluster" "$state/url"
}

start_cluster() {
  mkdir -p "$state"
  stop_cluster  # a cluster left over from an interrupted run
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    echo "cluster.sh: the postgres system user is missing (install the postgresql package)" >&2
    exit 1
  fi

  local root password
  root=$(mktemp -d /tmp/langnghe-pg.XXXXXX)
  echo "$root" >"$state/cluster"
  mkdir -p "$root/data" "$root/socket"
  password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  printf '%s\n' "$password" >"$root/pwfile"
  [[ $(id -u) -eq 0 ]] && chown -R postgres: "$root"
  chmod 700 "$root" "$root/socket"

  as_owner "$PG_BIN/initdb" -D "$root/data" -U langnghe_test --pwfile="$root/pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
    >"$root/initdb.log" 2>&1 || { cat "$root/initdb.log" >&2; exit 1; }
  rm -f "$root/pwfile"

  # A random port in the dynamic range; if another process holds it, try the next pick.
  local port attempt
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 30000))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    cat >"$root/data/postgresql.auto.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$root/socket'
unix_socket_permissions = 0700
max_connections = 200
shared_buffers = 64MB
CONF
    [[ $(id -u) -eq 0 ]] && chown postgres: "$root/data/postgresql.auto.conf"
    if as_owner "$PG_BIN/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 30 start >/dev/null; then
      echo "postgresql://langnghe_test:$password@127.0.0.1:$port/postgres" >"$state/url.tmp"
      chmod 600 "$state/url.tmp"
      mv "$state/url.tmp" "$state/url"
      echo "cluster.sh: PostgreSQL on 127.0.0.1:$port (data in $root)"
      return 0
    fi
    echo "cluster.sh: could not start on port $port (attempt $attempt)" >&2
  done
  cat "$root/server.log" >&2 || true
  stop_cluster
  exit 1
}

case "$action" in
  start) start_cluster ;;
  stop) stop_cluster ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
