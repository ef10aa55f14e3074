#!/usr/bin/env bash
# Matching and coffee roulette in the app at scale (see bench/README.md, "Matching proposal at 10,000
# mentees" and "Roulette round in the app"), whole process, Release build, SQLite by default.
#
#   bench/matching-app.sh                     # 10,000 mentees, 2,000 mentors, 20,000 roulette participants
#   MENTEES=436 MENTORS=100 bench/matching-app.sh
#   KEEP=/tmp/store bench/matching-app.sh     # keep the store and roster there
#   REUSE=1 KEEP=/tmp/store SKIP_ROULETTE=1 bench/matching-app.sh   # quick: matching only, on the kept store
#   DUMP=/tmp/dump ...                        # also write the proposal's lines and each page's body there, to compare builds
#   NORUN=1 REUSE=1 KEEP=/tmp/store ...       # no new run: measure (and DUMP) the pages of the latest proposal, e.g. with APP=another build
#   ROULETTE_ONLY=1 bench/matching-app.sh     # only the roulette round, SQLite and PostgreSQL (bench/roulette-app.sh)
#
# It uses the product only: `mentoring import people` on a generated roster (the people, 10 offices in
# five zones, managers, values, interests and skills), `mentoring users add` for an admin, then the
# app's own API signed in as that admin: create a mentoring program and a coffee roulette, enroll by
# rule (mentees by level, mentors by level, everyone in the roulette), run matching and wait for the
# proposal, fetch the proposal page (first page, a filtered page, a late page) with curl and `ab`, and
# draw a roulette round. Each figure is set against sqlite3 reading the same rows.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# ROULETTE_ONLY=1: only the roulette round, on SQLite and on PostgreSQL (bench/roulette-app.sh, PEOPLE=… sets its size).
[ -z "${ROULETTE_ONLY:-}" ] || exec "$root/bench/roulette-app.sh"
mentees="${MENTEES:-10000}"
mentors="${MENTORS:-2000}"
others="${OTHERS:-8000}"
requests="${REQUESTS:-50}"
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
for tool in sqlite3 ab curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install sqlite3 apache2-utils curl)" >&2; exit 1; }
done

work="${KEEP:-$(mktemp -d /tmp/mentoring-matching-app.XXXXXX)}"
mkdir -p "$work"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

log "Building"
[ -n "${SKIP_BUILD:-}" ] || dotnet build -c Release -v q -nologo "$root/src/Mentoring/Mentoring.csproj" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
app="${APP:-$root/src/Mentoring/bin/Release/net10.0/mentoring.dll}"
db="$work/bench.db"
# REUSE=1 with KEEP=DIR starts from the store an earlier run left there (people imported, enrolled).
[ -n "${REUSE:-}" ] && [ -f "$db" ] || { REUSE=""; rm -f "$db" "$db-wal" "$db-shm"; }
# Periodic jobs off (the surveys job would send 12,000 survey invitations meanwhile, and its CPU would count
# against the pages); the matching run, the import and the roulette round drawn by hand are started work and run.
settings=(--ConnectionStrings:Mentoring="Data Source=$db" --Demo:Seed=false --Jobs:Enabled=false --Logging:LogLevel:Default=Warning
  --Logging:LogLevel:Mentoring.Features.Matching=Information --Logging:LogLevel:Mentoring.Features.Roulette=Information)

# ---- the roster ----------------------------------------------------------------------------------
# Rows 1–50 lead (level 5), then the mentors (level 4), the mentees (levels 1–2, each reporting to a
# mentor, whom the reporting-line rule then keeps from them), and everyone else (level 3).
if [ -z "$REUSE" ]; then
log "Generating a roster of $((50 + mentors + mentees + others)) people"
python3 - "$work/roster.csv" "$mentors" "$mentees" "$others" <<'PY'
import csv, random, sys
path, mentors, mentees, others = sys.argv[1], *map(int, sys.argv[2:])
random.seed(11)
offices = [("Berlin", "Europe/Berlin"), ("Paris", "Europe/Paris"), ("London", "Europe/London"), ("Lisbon", "Europe/Lisbon"),
           ("New York", "America/New_York"), ("Toronto", "America/Toronto"), ("Chicago", "America/Chicago"),
           ("San Francisco", "America/Los_Angeles"), ("Singapore", "Asia/Singapore"), ("Sydney", "Australia/Sydney")]
departments = ["Engineering", "Sales", "Product", "Design", "Finance", "People", "Marketing", "Support"]
values = ["curiosity", "honesty", "craft", "kindness", "ownership", "courage", "balance", "learning"]
interests = ["chess", "running", "cooking", "music", "climbing", "reading", "gardening", "film", "cycling", "photography"]
skills = ["public speaking", "negotiation", "system design", "data analysis", "writing", "leadership", "product strategy", "hiring"]
pick = lambda xs, n: ";".join(random.sample(xs, n))
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["EmployeeNumber", "Name", "Email", "Department", "JobTitle", "Level", "Office", "TimeZone", "ManagerId", "HireDate",
                "Values", "Interests", "Skills"])
    first_mentor, first_mentee = 51, 51 + mentors
    for i in range(1, 51 + mentors + mentees + others):
        if i < first_mentor: level, manager = 5, ""
        elif i < first_mentee: level, manager = 4, random.randint(1, 50)
        elif i < first_mentee + mentees: level, manager = random.choice([1, 2]), random.randint(first_mentor, first_mentee - 1)
        else: level, manager = 3, random.randint(first_mentor, first_mentee - 1)
        office, zone = offices[i % len(offices)]
        w.writerow([i, f"Person {i:06d}", f"person{i}@example.com", departments[i % len(departments)], f"Role {level}", level,
                    office, zone, manager, f"20{random.randint(15, 26)}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}",
                    pick(values, 2), pick(interests, 3), pick(skills, 2)])
PY

dotnet "$app" users add admin@bench.local --role admin --password bench-password-1 "${settings[@]}" >/dev/null
fi

port=$(free_port)
base="http://127.0.0.1:$port"
jar="$work/cookies"
token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1; }
serve() {
  rm -f "$jar"
  dotnet "$app" serve --urls "$base" "${settings[@]}" >>"$work/serve.log" 2>&1 & server=$!; pids+=($server)
  for _ in $(seq 1 600); do curl -fs "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
  t=$(curl -fs -c "$jar" -b "$jar" "$base/Account/SignIn" | token)
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=admin@bench.local" \
    --data-urlencode "Input.Password=bench-password-1" --data-urlencode "__RequestVerificationToken=$t" "$base/Account/SignIn"
}
# CPU seconds the server has used so far (user + system), to set against wall time on a busy machine.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server/stat"; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }
serve
api() { local method=$1 path=$2; shift 2; curl -fsS -X "$method" -b "$jar" -H 'X-Requested-With: XMLHttpRequest' -H 'Content-Type: application/json' "$@" "$base/api$path"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
sql() { sqlite3 "$db" "$@"; }

if [ -z "$REUSE" ]; then
# The offices first (the importer refuses an office nobody set up), then the roster, through the CLI
# with the server stopped (SQLite has one writer; the import is one transaction).
for office in "Berlin Europe/Berlin" "Paris Europe/Paris" "London Europe/London" "Lisbon Europe/Lisbon" "New_York America/New_York" \
              "Toronto America/Toronto" "Chicago America/Chicago" "San_Francisco America/Los_Angeles" "Singapore Asia/Singapore" "Sydney Australia/Sydney"; do
  set -- $office
  api POST /offices -d "{\"name\":\"${1//_/ }\",\"timeZone\":\"$2\"}" >/dev/null
done
kill "$server"; wait "$server" 2>/dev/null || true
log "Importing the roster"
start=$(now)
dotnet "$app" import people "$work/roster.csv" "${settings[@]}" | tail -n 1
echo "import: $(since "$start") s"
serve

# ---- matching ------------------------------------------------------------------------------------
program=$(api POST /programs -d '{"name":"Bench mentoring","purpose":"Every junior gets a mentor.","kind":"mentoring","status":"active","startDate":"2026-01-01"}' | json "['id']")
start=$(now)
api POST "/programs/$program/enrollments/bulk" -d '{"role":"mentee","levels":[1,2]}' | json ""
api POST "/programs/$program/enrollments/bulk" -d '{"role":"mentor","levels":[4],"capacity":4}' | json ""
echo "enrollment of $mentees mentees and $mentors mentors: $(since "$start") s"
fi
program=$(sql "SELECT \"Id\" FROM \"Programs\" WHERE \"Name\" = 'Bench mentoring'")

if [ -n "${NORUN:-}" ]; then
  run=$(sql "SELECT max(\"Id\") FROM \"MatchRuns\" WHERE \"ProgramId\" = $program AND \"Status\" = 'Proposed'")
  [ -n "$run" ] || { echo "NORUN: no proposal to review" >&2; exit 1; }
  status=proposed; log "Latest proposal: run $run"
else
log "Matching run: $mentees mentees × $mentors mentors"
start=$(now); cpu0=$(cpu)
run=$(api POST "/programs/$program/matching/runs" | json "['id']")
while :; do
  status=$(api GET "/programs/$program/matching/runs" | grep -o '"status":"[a-z]*"' | head -n 1 | cut -d'"' -f4)
  [ "$status" = "running" ] || break
  sleep 0.05
done
match_s=$(since "$start")
echo "matching run $run: $status in $match_s s, server CPU $(minus "$(cpu)" "$cpu0") s ($(api GET "/programs/$program/matching/runs" | json "[0]['matched']") matched)"
[ "$status" = "proposed" ] || { tail -n 30 "$work/serve.log"; exit 1; }
fi
if [ -n "${DUMP:-}" ]; then
  # The proposal as the engine left it, in the order it was written: the same pairs, order and scores compare byte for byte.
  mkdir -p "$DUMP"
  sql "SELECT \"MenteeId\", \"MentorId\", \"Priority\", \"Score\", \"Locked\", \"Reasons\", \"UnmatchedReason\" FROM \"MatchProposals\"
       WHERE \"RunId\" = $run ORDER BY \"Id\"" >"$DUMP/proposal.txt"
  sql "SELECT \"Matched\", \"Unmatched\", \"PrioritySum\", \"ScoreSum\", \"Optimal\" FROM \"MatchRuns\" WHERE \"Id\" = $run" >>"$DUMP/proposal.txt"
  echo "proposal written to $DUMP/proposal.txt ($(wc -l <"$DUMP/proposal.txt") lines, sha1 $(sha1sum <"$DUMP/proposal.txt" | cut -c1-12))"
fi
sql_start=$(now)
/usr/bin/time -f '%U %S' -o "$work/sqltime" sqlite3 "$db" "SELECT e.\"PersonId\", e.\"Role\", e.\"Capacity\", p.\"Level\", p.\"Department\", p.\"OfficeId\", p.\"Values\", p.\"Interests\", p.\"Skills\", o.\"TimeZone\"
     FROM \"Enrollments\" e JOIN \"People\" p ON p.\"Id\" = e.\"PersonId\" LEFT JOIN \"Offices\" o ON o.\"Id\" = p.\"OfficeId\" WHERE e.\"ProgramId\" = $program;" >/dev/null
echo "sqlite3 reading the same enrollments and profiles: $(since "$sql_start") s, CPU $(awk '{ printf "%.2f", $1 + $2 }' "$work/sqltime") s"

# ---- the proposal page ---------------------------------------------------------------------------
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk 'NF >= 7 && $1 !~ /^#/ { print $6 "=" $7 }' | paste -sd ';' -)
office=$(sql "SELECT \"Id\" FROM \"Offices\" WHERE \"Name\" = 'Berlin'")
last=$(( (mentees + 49) / 50 ))
printf '%-52s %9s %9s %9s %9s %12s\n' "page" "KB" "p50 ms" "p95 ms" "max ms" "CPU ms/req"
for path in "/Programs/$program/Matching" "/Programs/$program/Matching?sort=fit" "/Programs/$program/Matching?flag=unmatched" \
            "/Programs/$program/Matching?office=$office&fit=weak" "/Programs/$program/Matching?p=$((last / 2))" \
            "/api/matching/runs/$run?page=2&pageSize=50"; do
  curl -fs -o /dev/null -b "$jar" -H 'X-Requested-With: XMLHttpRequest' "$base$path"   # warm
  size=$(curl -fs -o /dev/null -w '%{size_download}' -b "$jar" -H 'X-Requested-With: XMLHttpRequest' "$base$path")
  if [ -n "${DUMP:-}" ]; then
    # Run and line ids and tokens differ from run to run; the rest of the page must not.
    curl -fs -b "$jar" -H 'X-Requested-With: XMLHttpRequest' "$base$path" \
      | sed -E 's/(__RequestVerificationToken" type="hidden" value=")[^"]*/\1/g' >"$DUMP/page-$(printf '%s' "$path" | tr -c 'A-Za-z0-9=' '_').html"
  fi
  cpu0=$(cpu)
  ab -q -n "$requests" -c 1 -C "$cookie" -H 'X-Requested-With: XMLHttpRequest' "$base$path" >"$work/ab.txt" 2>&1 || { cat "$work/ab.txt"; exit 1; }
  per=$(awk -v a="$(cpu)" -v b="$cpu0" -v n="$requests" 'BEGIN { printf "%.0f", (a - b) * 1000 / n }')
  awk -v path="$path" -v kb="$((size / 1024))" -v per="$per" '/^Non-2xx responses/ { bad = $3 } /^  50%/ { p50 = $2 } /^  95%/ { p95 = $2 } /^ 100%/ { max = $2 }
    END { printf "%-52s %9s %9s %9s %9s %12s%s\n", path, kb, p50, p95, max, per, bad ? "  non-2xx " bad : "" }' "$work/ab.txt"
done
page_sql="SELECT m.\"Id\", m.\"Score\", m.\"Priority\", m.\"Locked\", m.\"Reasons\", e.\"Name\", e.\"Department\", r.\"Name\", r.\"Department\"
  FROM \"MatchProposals\" m JOIN \"People\" e ON e.\"Id\" = m.\"MenteeId\" LEFT JOIN \"People\" r ON r.\"Id\" = m.\"MentorId\"
  WHERE m.\"RunId\" = $run ORDER BY m.\"MentorId\" IS NULL, m.\"Priority\" DESC, e.\"Name\" LIMIT 50 OFFSET 50;
  SELECT count(*), sum(\"MentorId\" IS NULL), sum(\"Locked\") FROM \"MatchProposals\" WHERE \"RunId\" = $run;"
/usr/bin/time -f '%e %U %S' -o "$work/sqltime" sqlite3 "$db" "$(for _ in $(seq 1 20); do echo "$page_sql"; done)" >/dev/null
echo "sqlite3 reading one page of 50 lines and the counts, 20 times in one process: $(awk '{ printf "%.0f ms wall, %.0f ms CPU", $1 * 50, ($2 + $3) * 50 }' "$work/sqltime") per page"

# ---- roulette ------------------------------------------------------------------------------------
if [ -n "${SKIP_ROULETTE:-}" ]; then
  echo "in the app's log:"; grep -A1 -E 'Matching run [0-9]+:' "$work/serve.log" | grep -v -E '^(--|info)' | tail -n 1 | sed 's/^ */  /'
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"; exit 0
fi
everyone=$((50 + mentors + mentees + others))
log "Roulette round: $everyone participants"
# A draft, so the scheduler does not draw the period's round before the people are in; drawn by hand.
roulette=$(sql "SELECT \"Id\" FROM \"Programs\" WHERE \"Name\" = 'Bench coffee'")
if [ -z "$roulette" ]; then
  roulette=$(api POST /programs -d '{"name":"Bench coffee","purpose":"Meet someone new every week.","kind":"coffee-roulette","status":"draft","startDate":"2026-01-01"}' | json "['id']")
  api POST "/programs/$roulette/enrollments/bulk" -d '{"role":"participant"}' | json ""
fi
sql "DELETE FROM \"RouletteRounds\" WHERE \"ProgramId\" = $roulette"
before=$(sql "SELECT count(*) FROM \"Notifications\"")
start=$(now); cpu0=$(cpu)
api POST "/programs/$roulette/roulette/rounds" | json "" | cut -c1-200
round_s=$(since "$start"); round_cpu=$(minus "$(cpu)" "$cpu0")
pairings=$(sql "SELECT count(*) FROM \"RoulettePairings\"")
outbox=$(( $(sql "SELECT count(*) FROM \"Notifications\"") - before ))
echo "roulette round: $pairings pairings, $outbox introductions in the outbox, in $round_s s, server CPU $round_cpu s"
sql_start=$(now)
/usr/bin/time -f '%U %S' -o "$work/sqltime" sqlite3 "$db" "SELECT e.\"PersonId\", p.\"Name\", p.\"Email\", p.\"Department\", o.\"TimeZone\" FROM \"Enrollments\" e JOIN \"People\" p ON p.\"Id\" = e.\"PersonId\"
     LEFT JOIN \"Offices\" o ON o.\"Id\" = p.\"OfficeId\" WHERE e.\"ProgramId\" = $roulette;
     SELECT \"Id\", \"PersonAId\", \"PersonBId\", \"Introduction\" FROM \"RoulettePairings\"; SELECT \"Id\", \"Recipient\", \"Body\" FROM \"Notifications\";" >/dev/null
echo "sqlite3 reading the participants, pairings and outbox rows: $(since "$sql_start") s, CPU $(awk '{ printf "%.2f", $1 + $2 }' "$work/sqltime") s"
echo "in the app's log:"
grep -A1 -E 'Matching run [0-9]+:|Roulette round ' "$work/serve.log" | grep -v -E '^(--|info)' | sed 's/^ */  /'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
