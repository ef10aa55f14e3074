#!/usr/bin/env bash
# Side-by-side timing of `mentoring engine match` (Release build) on the contract's three
# shapes, with shared/tools/scipy_match.py on the dense one (scipy needs a dense matrix, which
# the sparse shapes would make far too large). Whole-process wall time and peak memory come
# from /usr/bin/time -v. Instances are generated once with engine_check.py and kept in
# $MATCH_BENCH_DIR (default /tmp/mentoring-match-bench): the largest takes over a minute.
#
#   bench/match.sh               all three shapes
#   bench/match.sh dense sparse  only these
#   CHECK=1 bench/match.sh dense also proves the results optimal with engine_check.py check-match
#                                (networkx: minutes per instance)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$root/../shared" && pwd)
checker="$shared/tools/engine_check.py"
scipy="$shared/tools/scipy_match.py"
# Debian's python3 has numpy, scipy and networkx; a python3 earlier on PATH may not.
python=/usr/bin/python3
[ -x "$python" ] || python=python3
data=${MATCH_BENCH_DIR:-/tmp/mentoring-match-bench}
mkdir -p "$data"

declare -A shape=(
  [dense]="--mentees 2000 --mentors 500 --cap 4-4 --dense"
  [sparse]="--mentees 20000 --mentors 5000 --cap 1-5 --density 0.008"
  [large]="--mentees 100000 --mentors 20000 --cap 1-5 --density 0.0025"
)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(dense sparse large)

echo "building Release…" >&2
dotnet build "$root/src/Mentoring/Mentoring.csproj" -c Release --nologo -v quiet >&2
app="$root/src/Mentoring/bin/Release/net10.0/mentoring.dll"

# run COMMAND… : prints "wall-seconds cpu-seconds peak-MiB" of the whole process (the CPU time,
# user + system, is the steadier figure on a busy machine)
run() {
  local log="$data/time.log"
  /usr/bin/time -v "$@" 2>"$log" >/dev/null || { cat "$log" >&2; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
              /User time|System time/ { cpu += $2 }
              /Maximum resident set size/ { kb = $2 }
              END { printf "%.2f %.2f %.0f\n", s, cpu, kb / 1024 }' "$log"
}

score_of() {  # the score sum of a result, in units of 10^-4, from its matches
  "$python" -c 'import json,sys; print(sum(round(m["score"] * 10**4) for m in json.load(open(sys.argv[1]))["matches"]))' "$1"
}

row() { printf '%-7s %-9s %8s %8s %9s %9s %12s\n' "$@"; }
row shape tool "wall s" "cpu s" "peak MiB" pairs "score sum"
for name in "${names[@]}"; do
  problem="$data/$name.json"
  if [ ! -s "$problem" ]; then
    echo "generating $name…" >&2
    "$python" "$checker" gen-match --seed 1 ${shape[$name]} > "$problem.tmp" && mv "$problem.tmp" "$problem"
  fi
  pairs=$(grep -o '"mentee"' "$problem" | wc -l)

  ours="$data/$name.mentoring.json"
  read -r t_ours c_ours m_ours < <(run dotnet "$app" engine match --in "$problem" --out "$ours")
  row "$name" mentoring "$t_ours" "$c_ours" "$m_ours" "$pairs" "$(score_of "$ours")"

  if [ "$name" = dense ]; then
    theirs="$data/$name.scipy.json"
    read -r t_ref c_ref m_ref < <(run "$python" "$scipy" "$problem" "$theirs")
    row "$name" scipy "$t_ref" "$c_ref" "$m_ref" "$pairs" "$(score_of "$theirs")"
    row "" "ratio" "$(awk -v a="$t_ours" -v b="$t_ref" 'BEGIN { printf "%.2f", a / b }')" \
      "$(awk -v a="$c_ours" -v b="$c_ref" 'BEGIN { printf "%.2f", a / b }')" "" "" "(mentoring / scipy)"
  fi
  if [ "${CHECK:-0}" = 1 ]; then
    "$python" "$checker" check-match "$problem" "$ours" | tail -n 1
  fi
done
