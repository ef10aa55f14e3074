#!/usr/bin/env bash
# Runs every test: unit, engine (with the reference checker), integration on SQLite and on a real
# PostgreSQL server, and browser tests in Chromium. Installs what the tests need when it is missing
# (Debian packages: postgresql, nginx, chromium, python3-networkx, python3-scipy, python3-aiosmtpd), starts a throwaway
# PostgreSQL cluster on a free loopback port, and stops it again at the end.
#
#   ./test.sh                      everything
#   ./test.sh --filter Import      only tests whose name matches (passed to dotnet test)
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# ---- what the tests need from Debian ------------------------------------------------------------
need=()
command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
# nginx in front of two app instances for the scale-out test (run as the test user, never as a service).
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# Debian's python3 (the tests call /usr/bin/python3: a python3 earlier on PATH may lack these).
py=/usr/bin/python3; [ -x "$py" ] || py=python3
$py -c 'import networkx' >/dev/null 2>&1 || need+=(python3-networkx)
$py -c 'import scipy' >/dev/null 2>&1 || need+=(python3-scipy)
$py -c 'import icalendar' >/dev/null 2>&1 || need+=(python3-icalendar)
$py -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  log "Installing ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# ical.js, the second independent iCalendar parser the calendar tests read our feeds with.
if [ ! -d tests/tools/icaljs/node_modules/ical.js ]; then
  log "Installing ical.js for the calendar tests"
  npm ci --prefix tests/tools/icaljs --no-audit --no-fund --loglevel=error
fi

# ---- a throwaway PostgreSQL server ---------------------------------------------------------------
pg_bin=$(dirname "$(command -v pg_ctl 2>/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
pg_dir=$(mktemp -d /tmp/mentoring-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg() {
  # PostgreSQL refuses to run as root; run it as the postgres user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
stop_pg() { as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
log "Starting PostgreSQL on 127.0.0.1:$pg_port"
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
export MENTORING_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"

# ---- the tests ------------------------------------------------------------------------------------
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "Building"
dotnet build Mentoring.slnx -c Release -nologo -clp:ErrorsOnly
out=$(mktemp)
status=0
log "Testing"
dotnet test Mentoring.slnx -c Release --no-build -nologo "$@" 2>&1 | tee "$out" || status=$?

# One closing line for CI, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed: /{gsub(",",""); for(i=1;i<=NF;i++){if($i=="Failed:")f+=$(i+1); if($i=="Passed:")p+=$(i+1); if($i=="Skipped:")s+=$(i+1)}} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}' "$out"
rm -f "$out"
exit $status
