#!/usr/bin/env bash
# Makes the 100,000-person organisation of bench/README.md ("Fast at 100,000 people") in an empty store:
# 10 offices in several zones, 20,000 enrollments in three programs, a year of coffee-roulette rounds,
# mentoring sessions and check-ins (bench/Mentoring.Benchmarks/OrganisationGenerator.cs). The store is
# migrated by the app's own DbContext, then bulk-loaded (one transaction of prepared inserts on SQLite,
# binary COPY on PostgreSQL). Then three accounts are made with `mentoring users add`, password
# $BENCH_PASSWORD (default bench-password-1):
#   admin@bench.example  (admin, linked to E000001, the head of the reporting tree)
#   mentor@bench.example (mentor in Hybrid Mentoring with three mentees, and in the roulette)
#   mentee@bench.example (mentee in Hybrid Mentoring, and in the roulette)
#
#   bench/generate.sh sqlite /tmp/org.db
#   bench/generate.sh postgres "Host=127.0.0.1;Port=5432;Username=postgres;Database=mentoring"
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
provider="${1:?sqlite FILE or postgres CONNSTRING}"; store="${2:?sqlite FILE or postgres CONNSTRING}"
password="${BENCH_PASSWORD:-bench-password-1}"
case "$provider" in
  sqlite) [ ! -e "$store" ] || { echo "$store exists: generate into a new file" >&2; exit 2; }; connection="Data Source=$store" ;;
  postgres) connection="$store" ;;
  *) echo "the store is sqlite or postgres, not $provider" >&2; exit 2 ;;
esac
if [ -z "${NO_BUILD:-}" ]; then
  dotnet build -c Release -nologo -clp:ErrorsOnly "$root/bench/Mentoring.Benchmarks" >/dev/null
fi
bench="${BIN_DIR:-$root/bench/Mentoring.Benchmarks/bin/Release/net10.0}/Mentoring.Benchmarks.dll"
app="${BIN_DIR:-$root/src/Mentoring/bin/Release/net10.0}/mentoring.dll"
start=$(date +%s.%N)
named=$(dotnet "$bench" gen-org "$provider" "$store")
for role in admin mentor mentee; do
  person=$(awk -v r="$role" '$1 == r { print $2 }' <<<"$named")
  dotnet "$app" users add "$role@bench.example" --role "$role" --person "$person" --password "$password" \
    --ConnectionStrings:Mentoring="$connection" --Database:Provider="$provider" --Demo:Seed=false >/dev/null
  echo "$role@bench.example  person $person"
done
awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "generated in %.0f s (accounts included)\n", e - s }' 
