#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server (Debian's binaries, as test.sh does) for the benchmarks and
# prints its connection string; `bench/postgres.sh stop DIR` stops it and removes its files.
#   read -r dir conn < <(bench/postgres.sh)   its folder and its connection string
set -euo pipefail
pg_bin=$(dirname "$(command -v pg_ctl 2>/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "${1:-}" = stop ]; then
  as_pg "$pg_bin/pg_ctl" -D "$2/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$2"
  exit 0
fi
pg_dir=$(mktemp -d /tmp/mentoring-bench-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
# Durability off (a throwaway store); memory settings of a small server.
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c work_mem=32MB" start >/dev/null
echo "$pg_dir Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
