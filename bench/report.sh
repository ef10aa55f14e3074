#!/usr/bin/env bash
# Generates an SQLite store of 100,000 people, 20,000 enrollments and a year of sessions in one
# program, then times the program report on it (one warm-up, five runs). Release build.
#   bench/report.sh [STORE]   (an existing STORE is reused)
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-/tmp/mentoring-report-bench.db}
dotnet build -c Release -nologo -clp:ErrorsOnly bench/Mentoring.Benchmarks >/dev/null
bench=bench/Mentoring.Benchmarks/bin/Release/net10.0/Mentoring.Benchmarks.dll
[ -f "$store" ] || dotnet "$bench" report-store "$store"
dotnet "$bench" report-time "$store"
