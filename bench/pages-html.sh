#!/usr/bin/env bash
# The pages' HTML from two builds on the same store, compared (bench/README.md, "PostgreSQL pages"): serves each build
# in turn (jobs off), signs in as the bench admin, mentor and mentee, saves the dashboard (each of the three), the people
# list (unfiltered, its second page, the inactive people), the person pages of E000001 (the head of the tree, many
# reports) and E000010, My sessions, and My mentoring (mentor and mentee); then diffs them with the dashboard's "Counted at" line and the per-request
# antiforgery token taken out. Prints "identical" or the diff.
#
#   bench/pages-html.sh BEFORE_BIN AFTER_BIN postgres "Host=...;Database=..."   (a bin dir holds mentoring.dll)
#   bench/pages-html.sh BEFORE_BIN AFTER_BIN sqlite /tmp/copy-of-pages.db
set -euo pipefail
before=$1; after=$2; provider=$3; store=$4
connection=$store; [ "$provider" = sqlite ] && connection="Data Source=$store"
work=$(mktemp -d /tmp/pages-html.XXXXXX)
server=""
cleanup() { [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }; rm -rf "$work"; }
trap cleanup EXIT

pages() {
  local bin=$1 out=$2 port base t
  mkdir -p "$out"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  base="http://127.0.0.1:$port"
  dotnet "$bin/mentoring.dll" serve --urls "$base" --ConnectionStrings:Mentoring="$connection" --Database:Provider="$provider" \
    --Demo:Seed=false --Jobs:Enabled=false --Logging:LogLevel:Default=Warning >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do curl -fs "$base/health/live" >/dev/null 2>&1 && break; sleep 0.2; done
  for role in admin mentor mentee; do
    local jar="$work/$role.jar"; rm -f "$jar"
    t=$(curl -fs -c "$jar" -b "$jar" "$base/Account/SignIn" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
    curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=$role@bench.example" \
      --data-urlencode "Input.Password=${BENCH_PASSWORD:-bench-password-1}" --data-urlencode "__RequestVerificationToken=$t" "$base/Account/SignIn"
  done
  local id
  id() { curl -fs -b "$work/admin.jar" -H 'X-Requested-With: bench' "$base/api/people?search=$1" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); items=d.get("items", d) if isinstance(d, dict) else d; print(items[0]["id"])'; }
  local head ten; head=$(id E000001); ten=$(id E000010)
  for entry in "dashboard-admin admin /" "dashboard-mentor mentor /" "dashboard-mentee mentee /" "people admin /People" \
    "people-2 admin /People?p=2" "people-inactive admin /People?status=inactive" "person-head admin /People/$head" \
    "person-10 admin /People/$ten" "sessions mentee /Sessions" "me-mentor mentor /Me" "me-mentee mentee /Me"; do
    read -r name role path <<<"$entry"
    curl -fs -b "$work/$role.jar" "$base$path" | grep -v 'id="figures-counted"' \
      | sed 's/name="__RequestVerificationToken" type="hidden" value="[^"]*"/name="__RequestVerificationToken" type="hidden" value=""/' >"$out/$name.html"
  done
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

pages "$before" "$work/before"
pages "$after" "$work/after"
if diff -r "$work/before" "$work/after"; then
  echo "identical: $(ls "$work/after" | wc -l) pages, $(cat "$work/after"/*.html | wc -c) bytes (the \"Counted at\" line and the antiforgery token taken out)"
fi
