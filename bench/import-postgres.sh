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
# The server's own tools (pg_bin may hold only wrappers for pg_ctl and postgres); type -P never names a function.
pgtool() { if [ -x "$pg_bin/$1" ]; then echo "$pg_bin/$1"; else ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1 | grep . || type -P "$1"; fi; }
psql_bin=$(pgtool psql)
sql() { "$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d mentoring -At -v ON_ERROR_STOP=1 "$@"; }
"$(pgtool createdb)" -h 127.0.0.1 -p "$pg_port" -U postgres mentoring

log "Building"
[ -n "${SKIP_BUILD:-}" ] || dotnet build -c Release -nologo -clp:ErrorsOnly "$root/bench/Mentoring.Benchmarks" >/dev/null
dotnet "$root/bench/Mentoring.Benchmarks/bin/Release/net10.0/Mentoring.Benchmarks.dll" gen-roster "$rows" "$work/roster.csv"
app="$root/src/Mentoring/bin/Release/net10.0/mentoring.dll"
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=mentoring"

# Wall and CPU time (user + system) of the whole process, and its peak resident memory; the
# importer's own per-phase lines (elapsed, CPU, memory) go to stderr and are shown below.
# The server's share: CPU of the backends that served the import (the postmaster reaps them, so
# its children's times grow by theirs once the import's connections close).
pg_pid=$(head -n 1 "$work/pg/data/postmaster.pid")
server_cpu() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15 + $16 + $17) / t }' "/proc/$pg_pid/stat"; }
printf '%-36s %8s %8s %9s %9s  %s\n' "run" "wall s" "CPU s" "peak MiB" "server s" "summary"
for run in "empty store" "same file again"; do
  before=$(server_cpu)
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
    dotnet "$app" import people "$work/roster.csv" --ConnectionStrings:Mentoring="$connection" --Demo:Seed=false \
      --Logging:LogLevel:Mentoring.Features.People.RosterImporter=Debug --Logging:Console:LogToStandardErrorThreshold=Trace \
      >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r secs user system kb <"$work/time"
  sleep 1   # the backends exit once the import's connections close
  printf '%-36s %8s %8.2f %9d %9.2f  %s\n' "import $rows rows, $run" "$secs" "$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')" \
    "$((kb / 1024))" "$(awk -v a="$before" -v b="$(server_cpu)" 'BEGIN { print b - a }')" "$(tail -n 1 "$work/out")"
  if [ "$run" = "empty store" ]; then
    import_secs=$secs
    import_cpu=$(awk -v u="$user" -v s="$system" -v a="$before" -v b="$(server_cpu)" 'BEGIN { print u + s + b - a }')
  fi
  grep -o 'Roster import: .*' "$work/err" | sed 's/^/    /'
done
echo "people in the store: $(sql -c 'SELECT count(*) FROM "People"'), audit records: $(sql -c 'SELECT count(*) FROM "AuditRecords"')"
# The progress bar's last states (Spectre writes it to stderr; on a terminal it redraws in place).
echo "progress seen: $(grep -ao 'Writing roster.csv' "$work/err" | wc -l) updates of \"Writing roster.csv\""

# The same rows with psql alone, in the same minute: \copy into a table of text columns, in one
# transaction, then a primary key and an index on the e-mail like the store's.
start=$(date +%s.%N)
before=$(server_cpu)
sql >/dev/null <<SQL
BEGIN;
CREATE TABLE roster (id text, name text, email text, department text, role text, level text, manager text, hired text, interests text, years text);
\copy roster FROM '$work/roster.csv' WITH (FORMAT csv, HEADER true)
ALTER TABLE roster ADD PRIMARY KEY (id);
CREATE UNIQUE INDEX ON roster (email);
COMMIT;
SQL
copy_secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
sleep 1
copy_cpu=$(awk -v a="$before" -v b="$(server_cpu)" 'BEGIN { printf "%.2f", b - a }')
echo "psql \\copy of the same file, with a key and an index: $copy_secs s wall, $copy_cpu s server CPU (rows: $(sql -c 'SELECT count(*) FROM roster'))"
echo "import into an empty store / \\copy: $(awk -v a="$import_secs" -v b="$copy_secs" 'BEGIN { printf "%.1f", a / b }')x wall," \
  "$(awk -v a="$import_cpu" -v b="$copy_cpu" 'BEGIN { printf "%.1f", a / b }')x CPU (the import's process and server against \\copy's server)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
