#!/usr/bin/env bash
# Times `mentoring import people` on a synthetic 50,000-row roster (whole process, Release build):
# into an empty SQLite store, then the same file again. Prints wall time and peak memory.
#   bench/import.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-50000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release -nologo -clp:ErrorsOnly bench/Mentoring.Benchmarks >/dev/null
dotnet bench/Mentoring.Benchmarks/bin/Release/net10.0/Mentoring.Benchmarks.dll gen-roster "$rows" "$work/roster.csv"
printf '%-34s %10s %12s  %s\n' "run" "seconds" "peak MiB" "summary"
for run in "empty store" "same file again"; do
  /usr/bin/time -f '%e %M' -o "$work/time" \
    dotnet src/Mentoring/bin/Release/net10.0/mentoring.dll import people "$work/roster.csv" \
      --ConnectionStrings:Mentoring="Data Source=$work/bench.db" --Demo:Seed=false >"$work/out" 2>/dev/null
  read -r secs kb <"$work/time"
  printf '%-34s %10s %12d  %s\n' "import $rows rows, $run" "$secs" "$((kb / 1024))" "$(tail -n 1 "$work/out")"
done
