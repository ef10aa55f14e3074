#!/usr/bin/env bash
# Times `mentoring import people` into a throwaway PostgreSQL (started as test.sh starts it), whole
# process, Release build: a synthetic roster (bench/import.sh's generator) into an empty store, then
# the same file again; and, side by side, psql's \copy of the same file into a plain table, the floor
# for putting those rows into PostgreSQL. See bench/README.md, "Import into PostgreSQL".
#   bench/import-postgres.sh [ROWS]         # 100,000 by default
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows=${1:-100000}
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { echo "needs postgresql (apt-get install postgresql)" >&2; exit 1; }

work=$(mktemp -d /tmp/mentoring-import-pg.XXXXXX)
chmod 755 "$work"   # PostgreSQL runs as its own user when we are root
pg_bin=$(dirname "$(command -v pg_ctl 2>/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$work/pg"; [ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
cleanup() { as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
log "Starting PostgreSQL on 127.0.0.1:$pg_port"
as_pg "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 >/dev/null
# A durable server, unlike test.sh's: an import's commit is what it costs in production.
as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
pgtool() { [ -x "$pg_bin/$1" ] && echo "$pg_bin/$1" || command -v "$1"; }
psql() { "$(pgtool psql)" -h 127.0.0.1 -p "$pg_port" -U postgres -d mentoring -At "$@"; }
"$(pgtool createdb)" -h 127.0.0.1 -p "$pg_port" -U postgres mentoring

log "Building"
[ -n "${SKIP_BUILD:-}" ] || dotnet build -c Release -nologo -clp:ErrorsOnly "$root/bench/Mentoring.Benchmarks" >/dev/null
dotnet "$root/bench/Mentoring.Benchmarks/bin/Release/net10.0/Mentoring.Benchmarks.dll" gen-roster "$rows" "$work/roster.csv"
app="$root/src/Mentoring/bin/Release/net10.0/mentoring.dll"
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=mentoring"

printf '%-40s %10s %12s  %s\n' "run" "seconds" "peak MiB" "summary"
for run in "empty store" "same file again"; do
  # The progress bar goes to the terminal; here its last state is kept to show it moved.
  /usr/bin/time -f '%e %M' -o "$work/time" \
    dotnet "$app" import people "$work/roster.csv" --ConnectionStrings:Mentoring="$connection" --Demo:Seed=false >"$work/out" 2>"$work/err"
  read -r secs kb <"$work/time"
  printf '%-40s %10s %12d  %s\n' "import $rows rows, $run" "$secs" "$((kb / 1024))" "$(tail -n 1 "$work/out")"
done
echo "people in the store: $(psql -c 'SELECT count(*) FROM "People"')"
grep -o 'Writing[^%]*%' "$work/out" | tail -n 3 | tr '\n' ' '; echo

# The same rows with psql alone: \copy into a table of text columns, in one transaction, then a
# primary key and an index on the e-mail like the store's.
start=$(date +%s.%N)
psql >/dev/null <<SQL
BEGIN;
CREATE TABLE roster (id text, name text, email text, department text, role text, level text, manager text, hired text, interests text, years text);
\copy roster FROM '$work/roster.csv' WITH (FORMAT csv, HEADER true)
ALTER TABLE roster ADD PRIMARY KEY (id);
CREATE UNIQUE INDEX ON roster (email);
COMMIT;
SQL
echo "psql \\copy of the same file, with a key and an index: $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }') s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
