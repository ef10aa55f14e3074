#!/usr/bin/env bash
# The pages at 100,000 people (bench/README.md, "Fast at 100,000 people"): serves the app (Release,
# `mentoring serve`, jobs off so nothing changes the data during the load) on the generated organisation,
# signs in through the sign-in page (admin, mentor, mentee), and puts a bounded load on each page from
# loopback with ApacheBench: REQUESTS requests, CONCURRENCY at a time, once the server is warm (below). Then times
# plain SQL queries reading the same data, 20 at a time too (bench/Mentoring.Benchmarks/PlainSql.cs),
# and prints both side by side with their ratio.
#
#   bench/pages.sh                 both stores
#   bench/pages.sh sqlite          SQLite only (the store SQLITE_STORE, default /tmp/mentoring-pages.db, made when missing)
#   bench/pages.sh postgres        a throwaway PostgreSQL server on loopback, generated into, then stopped
#   REQUESTS=3000 CONCURRENCY=20 SEARCH=okafor bench/pages.sh
#   ONLY="me sessions" bench/pages.sh sqlite   some of the pages (people search dashboard person me sessions)
#   NO_BUILD=1 bench/pages.sh      the binaries as they are (to measure a build from before a change)
#   WARMUP=0 bench/pages.sh        a cold server: each page measured from its first request after start
#
# Warm: a fresh .NET process runs its code first as quickly compiled, unoptimised code, and compiles the hot methods
# again, optimised, on a background thread. Under a load that keeps both cores busy that thread is starved, and a page
# costs two to three times its CPU for its first 1,500 or so requests (bench/README.md, "Warm and cold"). So each page
# is first loaded WARMUP times (default 300), then the server is left idle for a few seconds to finish compiling, and
# only then measured: what a server answers after its first minute of traffic.
#   POSTGRES_CONNECTION="Host=...;Database=..." bench/pages.sh postgres   an organisation generated before, kept as it is
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
stores="${1:-both}"; [ "$stores" = both ] && stores="sqlite postgres"
requests="${REQUESTS:-2000}"
concurrency="${CONCURRENCY:-20}"
search="${SEARCH:-okafor}"
password="${BENCH_PASSWORD:-bench-password-1}"
sqlite_store="${SQLITE_STORE:-/tmp/mentoring-pages.db}"
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

need=()
command -v ab >/dev/null 2>&1 || need+=(apache2-utils)
command -v curl >/dev/null 2>&1 || need+=(curl)
[[ " $stores " != *" postgres "* ]] || command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  log "Installing ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/mentoring-pages.XXXXXX)
chmod 755 "$work"
pids=()
pg_bin=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "$pg_bin" ] || as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# PostgreSQL's CPU time in clock ticks (the postmaster, its live backends and those that have ended), when its data
# directory is known (the throwaway server, or POSTGRES_DATA): what a page costs the database, whatever the load.
db_ticks() {
  local data=${POSTGRES_DATA:-}; [ -n "$pg_bin" ] && data="$work/pg/data"
  [ -n "$data" ] && [ -f "$data/postmaster.pid" ] || return 0
  local master; master=$(head -n 1 "$data/postmaster.pid")
  { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$master/stat"
    for child in $(cat "/proc/$master/task/$master/children" 2>/dev/null); do awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null; done
  } | awk '{ s += $1 } END { print s + 0 }'
}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -z "${NO_BUILD:-}" ]; then
  log "Building (Release)"
  dotnet build -c Release -nologo -clp:ErrorsOnly "$root/bench/Mentoring.Benchmarks" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
fi
app="${BIN_DIR:-$root/src/Mentoring/bin/Release/net10.0}/mentoring.dll"
bench="${BIN_DIR:-$root/bench/Mentoring.Benchmarks/bin/Release/net10.0}/Mentoring.Benchmarks.dll"

run_store() {
  local provider=$1 connection=$2 generated
  case "$provider" in
    sqlite)
      [ -f "$sqlite_store" ] || { log "Generating $sqlite_store"; NO_BUILD=1 "$root/bench/generate.sh" sqlite "$sqlite_store" >&2; }
      connection="Data Source=$sqlite_store" ;;
    postgres)
      [ -n "${POSTGRES_CONNECTION:-}" ] || { log "Generating into PostgreSQL"; NO_BUILD=1 "$root/bench/generate.sh" postgres "$connection" >&2; } ;;
  esac
  local port; port=$(free_port)
  local base="http://127.0.0.1:$port"
  dotnet "$app" serve --urls "$base" --ConnectionStrings:Mentoring="$connection" --Database:Provider="$provider" \
    --Demo:Seed=false --Jobs:Enabled=false --Logging:LogLevel:Default=Warning >"$work/$provider.log" 2>&1 &
  local server=$!; pids+=("$server")
  for _ in $(seq 1 600); do curl -fs "$base/health/live" >/dev/null 2>&1 && break; sleep 0.2; done

  token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1; }
  declare -A cookie
  for role in admin mentor mentee; do
    local jar="$work/$provider-$role.jar" t code
    t=$(curl -fs -c "$jar" -b "$jar" "$base/Account/SignIn" | token)
    code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "Input.Email=$role@bench.example" \
      --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$t" "$base/Account/SignIn")
    [ "$code" = 302 ] || { echo "signing in as $role answered $code" >&2; cat "$work/$provider.log" >&2; exit 1; }
    cookie[$role]=$(sed 's/^#HttpOnly_//' "$jar" | awk 'NF >= 7 && $1 !~ /^#/ { print $6 "=" $7 }' | paste -sd ';' -)
  done

  # Pages: name, who loads it, path. The person page is E000010's: a senior with reports and programs.
  local person
  person=$(curl -fs -b "$work/$provider-admin.jar" "$base/api/people?search=E000010" -H 'X-Requested-With: bench' \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); items=d.get("items", d) if isinstance(d, dict) else d; print(items[0]["id"])')
  local pages=("people admin /People" "search admin /People?q=$search" "dashboard admin /" "person admin /People/$person"
    "me mentor /Me" "sessions mentee /Sessions")
  printf '%s\n' "${pages[@]}" >"$work/$provider-pages.txt"
  : >"$work/$provider-app.txt"
  local warmup=${WARMUP:-300}
  if [ "$warmup" -gt 0 ]; then
    log "$provider: warming up, $warmup requests a page"
    for entry in "${pages[@]}"; do
      read -r name role path <<<"$entry"
      ab -q -s 300 -n "$warmup" -c "$concurrency" -C "${cookie[$role]}" "$base$path" >/dev/null 2>&1 || true
    done
    sleep "${SETTLE:-10}"   # idle: the background compiler finishes the hot methods' optimised code
  fi
  for entry in "${pages[@]}"; do
    read -r name role path <<<"$entry"
    [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $name "* ]] || continue
    local bytes; bytes=$(curl -s -o /dev/null -w '%{size_download}' -b "${cookie[$role]}" "$base$path")
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    log "$provider: ab -n $requests -c $concurrency $path (load average $load)"
    # The server's own CPU time over the run (user + system, from /proc), per request: what a page costs
    # whatever the machine's load.
    local cpu_before; cpu_before=$(awk '{ print $14 + $15 }' "/proc/$server/stat")
    local db_before; db_before=$(db_ticks)
    ab -q -s 300 -n "$requests" -c "$concurrency" -C "${cookie[$role]}" "$base$path" >"$work/ab.txt" 2>&1 || { cat "$work/ab.txt"; exit 1; }
    local cpu; cpu=$(awk -v before="$cpu_before" -v tick="$(getconf CLK_TCK)" -v n="$requests" '{ printf "%.1f", ($14 + $15 - before) * 1000 / tick / n }' "/proc/$server/stat")
    local db_cpu=-; [ -z "$db_before" ] || db_cpu=$(awk -v before="$db_before" -v after="$(db_ticks)" -v tick="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", (after - before) * 1000 / tick / n }')
    cpu="$cpu/$db_cpu"
    awk -v name="$name" -v load="$load" -v bytes="$bytes" -v cpu="$cpu" '/^Non-2xx responses/ { bad = $3 } /Requests per second/ { rps = $4 }
      /^  50%/ { p50 = $2 } /^  95%/ { p95 = $2 } /^  99%/ { p99 = $2 }
      END { print name, p50, p95, p99, rps, bad + 0, load, bytes, cpu }' "$work/ab.txt" >>"$work/$provider-app.txt"
  done
  kill "$server"; wait "$server" 2>/dev/null || true

  log "$provider: plain SQL of the same data, $concurrency at a time"
  local sql_connection=$connection
  [ "$provider" = sqlite ] && sql_connection="$sqlite_store"
  dotnet "$bench" plain-sql "$provider" "$sql_connection" E000010 "$search" >"$work/$provider-sql.txt"

  echo
  echo "### $provider: $requests requests, $concurrency concurrent, per page (ms; plain SQL of the same data, 20 at a time)"
  echo
  echo "| page | path | p50 | p95 | p99 | req/s | non-2xx | KB | CPU ms/req app/db | load avg | SQL p50 | SQL p95 | p50 ratio | p95 ratio |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  join <(sort "$work/$provider-app.txt") <(sort "$work/$provider-sql.txt") | while read -r name p50 p95 p99 rps bad load bytes cpu _n s50 s95 _s99; do
    path=$(awk -v n="$name" '$1 == n { print $3 }' "$work/$provider-pages.txt")
    awk -v name="$name" -v path="$path" -v p50="$p50" -v p95="$p95" -v p99="$p99" -v rps="$rps" -v bad="$bad" -v load="$load" -v kb="$bytes" -v cpu="$cpu" -v s50="$s50" -v s95="$s95" \
      'BEGIN { printf "| %s | `%s` | %d | %d | %d | %.0f | %d | %.0f | %s | %s | %.1f | %.1f | %.1f | %.1f |\n", name, path, p50, p95, p99, rps, bad, kb / 1024, cpu, load, s50, s95, p50 / (s50 > 0.1 ? s50 : 0.1), p95 / (s95 > 0.1 ? s95 : 0.1) }'
  done
  echo
}

for store in $stores; do
  case "$store" in
    sqlite) run_store sqlite "" ;;
    postgres)
      if [ -n "${POSTGRES_CONNECTION:-}" ]; then run_store postgres "$POSTGRES_CONNECTION"; continue; fi
      pg_bin=$(dirname "$(command -v pg_ctl 2>/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
      pg_port=$(free_port)
      mkdir -p "$work/pg"; [ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
      log "Starting PostgreSQL on 127.0.0.1:$pg_port"
      as_pg "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 >/dev/null
      as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w \
        -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=200" start >/dev/null
      "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres mentoring 2>/dev/null \
        || "$(command -v createdb || ls /usr/lib/postgresql/*/bin/createdb | sort -V | tail -n 1)" -h 127.0.0.1 -p "$pg_port" -U postgres mentoring
      run_store postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=mentoring;Maximum Pool Size=100" ;;
    *) echo "stores are sqlite and postgres, not $store" >&2; exit 2 ;;
  esac
done
