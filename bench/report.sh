#!/usr/bin/env bash
# Generates a store of 100,000 people, 20,000 enrollments and a year of sessions in one program, then
# times the program report on it in a fresh process, as a checker sees it: the first report after start
# on its own line (as `mentoring report program` pays it), five runs beside a plain SQL read of the same
# rows and their median, each with the process's CPU; then, in another fresh process, the first report
# after the warm-up `mentoring serve` runs when it has started (ReportWarmUp); then its phases. Release build.
#   bench/report.sh [STORE]      SQLite (an existing STORE file is reused)
#   bench/report.sh --postgres   a throwaway PostgreSQL server (bench/postgres.sh), stopped at the end
#   WARMUPS=10 bench/report.sh   more reports before the five (default 1: the first report after start)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release -nologo -clp:ErrorsOnly bench/Mentoring.Benchmarks >/dev/null
bench=bench/Mentoring.Benchmarks/bin/Release/net10.0/Mentoring.Benchmarks.dll
if [ "${1:-}" = --postgres ]; then
  read -r pg_dir store < <(bench/postgres.sh)
  trap 'bench/postgres.sh stop "$pg_dir"' EXIT
  dotnet "$bench" report-store "$store"
else
  store=${1:-/tmp/mentoring-report-bench.db}
  [ -f "$store" ] || dotnet "$bench" report-store "$store"
fi
dotnet "$bench" report-time "$store" "${WARMUPS:-1}"
dotnet "$bench" report-time "$store" 1 0 serve | tail -n +2
dotnet "$bench" report-phases "$store"
