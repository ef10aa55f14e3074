#!/usr/bin/env bash
# The schedule engine against an exact reference on generated problems (see bench/README.md).
#
#   bench/schedule.sh                   # 80 hosts, 300 juniors, 10 days, seeds 1 2 3
#   SEEDS="4 5" HOSTS=40 JUNIORS=150 bench/schedule.sh
#
# For each seed: engine_check.py gen-schedule, then `mentoring engine schedule` (Release, its
# default 60 s limit) under /usr/bin/time -v, checked by engine_check.py check-schedule, then the
# reference bench/ScheduleReference (the same problem as a MILP solved by SCIP, levels 1 and 2 to
# proven optimality; level 3 gets 60 s and may stay open). Prints sessions placed against the most
# that can be placed, host office days against the exact optimum and their ratio, attendee office
# days of both (the reference's marked * when proven), time and peak memory of both.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
check="$root/../shared/tools/engine_check.py"
hosts="${HOSTS:-80}"
juniors="${JUNIORS:-300}"
days="${DAYS:-10}"
seeds="${SEEDS:-1 2 3}"
ref_seconds="${REF_SECONDS:-600}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build -c Release -v q -nologo "$root/src/Mentoring/Mentoring.csproj" >/dev/null
dotnet build -c Release -v q -nologo "$root/bench/ScheduleReference/ScheduleReference.csproj" >/dev/null
engine="$root/src/Mentoring/bin/Release/net10.0/mentoring.dll"
reference="$root/bench/ScheduleReference/bin/Release/net10.0/ScheduleReference.dll"

# Wall-clock seconds and peak resident memory (MB) from a `/usr/bin/time -v` report.
measure() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
              /Maximum resident set size/ { mem = $2 / 1024 }
              END { printf "%.1f %.0f\n", wall, mem }' "$1"
}

printf '%s\n' "schedule: ${hosts} hosts, ${juniors} juniors, ${days} days"
printf '%-5s %-9s %-9s %-9s %-8s %-6s %-13s %-17s %-8s %-9s %-10s %-6s %-6s\n' \
  seed sessions placeable hostDays optimum ratio attendeeDays refAttendee optimal engine_s engine_MB ref_s ref_MB
for seed in $seeds; do
  problem="$work/problem-$seed.json"
  result="$work/result-$seed.json"
  python3 "$check" gen-schedule --seed "$seed" --hosts "$hosts" --juniors "$juniors" --days "$days" >"$problem"

  /usr/bin/time -v dotnet "$engine" engine schedule --in "$problem" --out "$result" 2>"$work/engine-time-$seed.txt"
  python3 "$check" check-schedule "$problem" "$result" >"$work/check-$seed.txt" || { cat "$work/check-$seed.txt"; exit 1; }
  read -r engine_s engine_mb < <(measure "$work/engine-time-$seed.txt")

  /usr/bin/time -v dotnet "$reference" "$problem" "$ref_seconds" >"$work/ref-$seed.json" 2>"$work/ref-time-$seed.txt"
  read -r ref_s ref_mb < <(measure "$work/ref-time-$seed.txt")

  python3 - "$result" "$work/ref-$seed.json" "$seed" "$engine_s" "$engine_mb" "$ref_s" "$ref_mb" <<'EOF'
import json, sys
r, ref = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
seed, engine_s, engine_mb, ref_s, ref_mb = sys.argv[3:]
proven = "" if all(ref["proven"][:2]) else " (reference not proven: bounds %s)" % ref["bounds"][:2]
ref_attendee = "%d%s" % (ref["attendeeOfficeDays"], "*" if ref["proven"][2] else " (>=%g)" % ref["bounds"][2])
print("%-5s %-9d %-9d %-9d %-8d %-6.3f %-13d %-17s %-8s %-9s %-10s %-6s %-6s%s" % (
    seed, len(r["assignments"]), ref["sessions"], r["hostOfficeDays"], ref["hostOfficeDays"],
    r["hostOfficeDays"] / max(ref["hostOfficeDays"], 1), r["attendeeOfficeDays"], ref_attendee,
    str(r["optimal"]).lower(), engine_s, engine_mb, ref_s, ref_mb, proven))
EOF
done
