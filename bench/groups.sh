#!/usr/bin/env bash
# The groups engine against the contract's reference (see bench/README.md, "Groups").
#
#   bench/groups.sh                            # a CP-SAT-sized problem, then 8,000 and 40,000 members
#   SIZES="5000:40000:8" bench/groups.sh       # hosts:members:largest capacity, space separated
#
# Each problem comes from engine_check.py gen-groups. `mentoring engine groups` (Release, default
# time limit) runs under /usr/bin/time -v, then the reference engine_check.py check-groups, which
# fails unless the seating is feasible and places the most members with the highest priority sum
# (levels 1 and 2, exactly). For levels 3 and 4 the script computes the mixing upper bound itself
# (max-flow/min-cut over groups and tables, as in GroupsSolver.MixingBound) and prints the ratio.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
check="$root/../shared/tools/engine_check.py"
sizes="${SIZES:-20:200:8 1000:8000:8 5000:40000:8}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build -c Release -v q -nologo "$root/src/Mentoring/Mentoring.csproj" >/dev/null
engine="$root/src/Mentoring/bin/Release/net10.0/mentoring.dll"

measure() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
              /Maximum resident set size/ { mem = $2 / 1024 }
              END { printf "%.2f %.0f\n", wall, mem }' "$1"
}

printf '%-7s %-8s %-7s %-10s %-9s %-8s %-8s %-8s %-7s %-7s %-9s %-7s %-7s\n' \
  hosts members placed engine_s engine_MB solveMs repeats mixing bound ratio optimal ref_s ref_MB
for size in $sizes; do
  IFS=: read -r hosts members cap <<<"$size"
  problem="$work/problem-$hosts.json"
  result="$work/result-$hosts.json"
  python3 "$check" gen-groups --seed 1 --hosts "$hosts" --members "$members" --cap "$cap" >"$problem"

  /usr/bin/time -v dotnet "$engine" engine groups --in "$problem" --out "$result" 2>"$work/engine-time.txt"
  read -r engine_s engine_mb < <(measure "$work/engine-time.txt")
  /usr/bin/time -v python3 "$check" check-groups "$problem" "$result" >"$work/check.txt" 2>"$work/ref-time.txt" \
    || { cat "$work/check.txt"; exit 1; }
  read -r ref_s ref_mb < <(measure "$work/ref-time.txt")

  python3 - "$problem" "$result" "$engine_s" "$engine_mb" "$ref_s" "$ref_mb" <<'PY'
import json, sys
from collections import Counter
p, r = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
engine_s, engine_mb, ref_s, ref_mb = sys.argv[3:]
caps = sorted((h["capacity"] for h in p["hosts"] if h["capacity"] > 0), reverse=True)
prio = sorted((m.get("priority", 0) for m in p["members"]), reverse=True)
placed = min(sum(caps), len(prio))
# Group sizes among the placed; at the cut-off priority a group may take up to all remaining seats.
cut = prio[placed - 1] if placed else 10
above = Counter(m.get("group") for m in p["members"] if m.get("priority", 0) > cut)
tied = Counter(m.get("group") for m in p["members"] if m.get("priority", 0) == cut)
left = placed - sum(above.values())
size = [above[g] + min(tied[g], left) for g in set(above) | set(tied)]
caps = [min(c, placed) for c in caps]
bound = min([placed] + [sum(caps[k:]) + sum(min(s, k) for s in size) for k in range(len(caps) + 1)])
print("%-7d %-8d %-7d %-10s %-9s %-8d %-8d %-8d %-7d %-7.4f %-9s %-7s %-7s" % (
    len(p["hosts"]), len(p["members"]), placed, engine_s, engine_mb, r["elapsedMs"], r["repeats"], r["mixing"],
    bound, r["mixing"] / max(bound, 1), str(r["optimal"]).lower(), ref_s, ref_mb))
PY
done
