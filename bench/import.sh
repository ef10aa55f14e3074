#!/usr/bin/env bash
# Times `mentoring import people` on a synthetic 50,000-row roster (whole process, Release build):
# into an empty SQLite store, then the same file again. Prints wall and CPU time (user + system),
# peak memory, and the importer's per-phase lines (elapsed, CPU, memory).
#   bench/import.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-50000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "${SKIP_BUILD:-}" ] || dotnet build -c Release -nologo -clp:ErrorsOnly bench/Mentoring.Benchmarks >/dev/null
dotnet bench/Mentoring.Benchmarks/bin/Release/net10.0/Mentoring.Benchmarks.dll gen-roster "$rows" "$work/roster.csv"
printf '%-34s %8s %8s %9s  %s\n' "run" "wall s" "CPU s" "peak MiB" "summary"
for run in "empty store" "same file again"; do
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
    dotnet src/Mentoring/bin/Release/net10.0/mentoring.dll import people "$work/roster.csv" \
      --ConnectionStrings:Mentoring="Data Source=$work/bench.db" --Demo:Seed=false \
      --Logging:LogLevel:Mentoring.Features.People.RosterImporter=Debug --Logging:Console:LogToStandardErrorThreshold=Trace \
      >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r secs user system kb <"$work/time"
  printf '%-34s %8s %8.2f %9d  %s\n' "import $rows rows, $run" "$secs" "$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')" "$((kb / 1024))" "$(tail -n 1 "$work/out")"
  grep -o 'Roster import: .*' "$work/err" | sed 's/^/    /'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
