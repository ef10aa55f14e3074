#!/usr/bin/env bash
# My mentoring's HTML from two builds on the same store, compared (bench/README.md, "My mentoring"): serves
# each build in turn (jobs off), signs in as the bench mentor and the bench mentee, saves `/Me` for each, and
# diffs the pages with the per-request antiforgery token taken out. Prints "identical" or the diff.
#
#   bench/me-html.sh BEFORE_BIN AFTER_BIN [SQLITE_STORE]   (a bin dir holds mentoring.dll; store default /tmp/mentoring-pages.db)
#   PROVIDER=postgres bench/me-html.sh BEFORE_BIN AFTER_BIN "Host=...;Database=..."
set -euo pipefail
before=$1; after=$2; store="${3:-/tmp/mentoring-pages.db}"; provider="${PROVIDER:-sqlite}"
connection=$store; [ "$provider" = sqlite ] && connection="Data Source=$store"
work=$(mktemp -d /tmp/me-html.XXXXXX)
server=""
cleanup() { [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }; rm -rf "$work"; }
trap cleanup EXIT

pages() {
  local bin=$1 out=$2 port base jar t role
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  base="http://127.0.0.1:$port"
  dotnet "$bin/mentoring.dll" serve --urls "$base" --ConnectionStrings:Mentoring="$connection" --Database:Provider="$provider" \
    --Demo:Seed=false --Jobs:Enabled=false --Logging:LogLevel:Default=Warning >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do curl -fs "$base/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
  for role in mentor mentee; do
    jar="$work/$role.jar"; rm -f "$jar"
    t=$(curl -fs -c "$jar" -b "$jar" "$base/Account/SignIn" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
    curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=$role@bench.example" \
      --data-urlencode "Input.Password=${BENCH_PASSWORD:-bench-password-1}" --data-urlencode "__RequestVerificationToken=$t" "$base/Account/SignIn"
    curl -fs -b "$jar" "$base/Me" \
      | sed 's/name="__RequestVerificationToken" type="hidden" value="[^"]*"/name="__RequestVerificationToken" type="hidden" value=""/' >"$out.$role"
  done
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

pages "$before" "$work/before.html"
pages "$after" "$work/after.html"
same=1
for role in mentor mentee; do
  if diff "$work/before.html.$role" "$work/after.html.$role"; then
    echo "$role: identical ($(wc -c <"$work/after.html.$role") bytes, the antiforgery token taken out)"
  else
    same=0
  fi
done
[ "$same" = 1 ]
