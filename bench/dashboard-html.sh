#!/usr/bin/env bash
# The dashboard's HTML from two builds on the same store, compared (bench/README.md, "Dashboard"): serves
# each build in turn (jobs off), signs in as the bench admin, saves `/`, and diffs the two pages with the
# "Counted at" line and the per-request antiforgery token taken out. Prints "identical" or the diff.
#
#   bench/dashboard-html.sh BEFORE_BIN AFTER_BIN [SQLITE_STORE]   (a bin dir holds mentoring.dll; store default /tmp/mentoring-pages.db)
set -euo pipefail
before=$1; after=$2; store="${3:-/tmp/mentoring-pages.db}"
work=$(mktemp -d /tmp/dashboard-html.XXXXXX)
server=""
cleanup() { [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }; rm -rf "$work"; }
trap cleanup EXIT

page() {
  local bin=$1 out=$2 port base jar="$work/jar" t
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  base="http://127.0.0.1:$port"
  dotnet "$bin/mentoring.dll" serve --urls "$base" --ConnectionStrings:Mentoring="Data Source=$store" --Database:Provider=sqlite \
    --Demo:Seed=false --Jobs:Enabled=false --Logging:LogLevel:Default=Warning >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do curl -fs "$base/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
  rm -f "$jar"
  t=$(curl -fs -c "$jar" -b "$jar" "$base/Account/SignIn" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=admin@bench.example" \
    --data-urlencode "Input.Password=${BENCH_PASSWORD:-bench-password-1}" --data-urlencode "__RequestVerificationToken=$t" "$base/Account/SignIn"
  curl -fs -b "$jar" "$base/" | grep -v 'id="figures-counted"' \
    | sed 's/name="__RequestVerificationToken" type="hidden" value="[^"]*"/name="__RequestVerificationToken" type="hidden" value=""/' >"$out"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

page "$before" "$work/before.html"
page "$after" "$work/after.html"
if diff "$work/before.html" "$work/after.html"; then
  echo "identical ($(wc -c <"$work/after.html") bytes, the \"Counted at\" line and the antiforgery token taken out)"
fi
