#!/usr/bin/env bash
# The roulette engine against the contract's reference (see bench/README.md, "Roulette").
#
#   bench/roulette.sh                          # three 400-people problems, then 100,000 people
#   N=100000 GROUP_COUNT=40 ROUNDS=52 bench/roulette.sh
#
# Each problem comes from engine_check.py gen-roulette. `mentoring engine roulette` (Release) runs
# under /usr/bin/time -v, then the reference engine_check.py check-roulette, which for up to 400
# people and an even count solves the same round exactly with networkx.max_weight_matching (levels
# 1 and 2) and fails unless the engine's round is as good; otherwise it checks the partition and
# that a sparse history gave no repeat. Prints both runs' wall time and peak memory, their ratio, and the
# engine's own solve time (elapsedMs, JSON excluded). Fails when the big round has a repeat.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
check="$root/../shared/tools/engine_check.py"
big_n="${N:-100000}"
big_groups="${GROUP_COUNT:-40}"
big_rounds="${ROUNDS:-52}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build -c Release -v q -nologo "$root/src/Mentoring/Mentoring.csproj" >/dev/null
engine="$root/src/Mentoring/bin/Release/net10.0/mentoring.dll"

# Wall-clock seconds and peak resident memory (MB) from a `/usr/bin/time -v` report.
measure() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
              /Maximum resident set size/ { mem = $2 / 1024 }
              END { printf "%.2f %.0f\n", wall, mem }' "$1"
}

printf '%-8s %-7s %-7s %-9s %-10s %-9s %-7s %-10s %-7s %-9s %-7s %-7s %s\n' \
  people groups rounds history engine_s engine_MB solveMs repeats cross optimal ref_s ref_MB ratio
# people groups rounds seed: sparse history, dense history (repeats forced), dense and odd (a trio), the big one.
while read -r n groups rounds seed; do
  problem="$work/problem-$n-$rounds.json"
  result="$work/result-$n-$rounds.json"
  python3 "$check" gen-roulette --seed "$seed" --n "$n" --groups "$groups" --rounds "$rounds" >"$problem"

  /usr/bin/time -v dotnet "$engine" engine roulette --in "$problem" --out "$result" 2>"$work/engine-time.txt"
  read -r engine_s engine_mb < <(measure "$work/engine-time.txt")
  /usr/bin/time -v python3 "$check" check-roulette "$problem" "$result" >"$work/check.txt" 2>"$work/ref-time.txt" \
    || { cat "$work/check.txt"; exit 1; }
  read -r ref_s ref_mb < <(measure "$work/ref-time.txt")

  python3 - "$problem" "$result" "$n" "$groups" "$rounds" "$engine_s" "$engine_mb" "$ref_s" "$ref_mb" "$big_n" <<'PY'
import json, sys
p, r = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
n, groups, rounds, engine_s, engine_mb, ref_s, ref_mb, big_n = sys.argv[3:]
exact_reference = int(n) <= 400 and int(n) % 2 == 0
ratio = "%.2f" % (float(engine_s) / float(ref_s)) if exact_reference else "-"
print("%-8s %-7s %-7s %-9d %-10s %-9s %-7d %-10d %-7d %-9s %-7s %-7s %s" % (
    n, groups, rounds, len(p["history"]), engine_s, engine_mb, r["elapsedMs"], r["repeats"], r["crossGroup"],
    str(r["optimal"]).lower(), ref_s if exact_reference else ref_s + "*", ref_mb, ratio))
if n == big_n and r["repeats"] != 0:
    sys.exit("FAIL: %d repeats in the big round" % r["repeats"])
PY
done <<ROWS
400 5 10 1
400 5 2000 2
399 5 2000 3
$big_n $big_groups $big_rounds 1
ROWS
echo "* odd count or above 400 people: the reference only validates the round (no exact optimum), so no ratio"
