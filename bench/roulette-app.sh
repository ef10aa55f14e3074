#!/usr/bin/env bash
# A coffee-roulette round in the app at scale (see bench/README.md, "Roulette round in the app"):
# whole process, Release build, on SQLite and on a throwaway PostgreSQL.
#
#   bench/roulette-app.sh                     # 20,050 people, both stores
#   STORES=sqlite PEOPLE=2000 bench/roulette-app.sh
#   DUMP=/tmp/rows bench/roulette-app.sh      # also write the round's rows, random tokens masked, to /tmp/rows.<store>
#   KEEP=/tmp/store REUSE=1 bench/roulette-app.sh   # keep the stores; draw again on what an earlier run left
#
# It uses the product only: `mentoring import people` on a generated roster (10 offices in five
# zones), `mentoring users add` for an admin, then the app's API signed in as that admin: a coffee
# roulette (a draft, so the scheduler does not draw it first) enrolling everyone, and its round drawn
# with `POST /api/programs/{id}/roulette/rounds`. It prints wall and server CPU time of the draw, the
# pairings and outbox rows written, and sqlite3 or psql reading the same rows in the same minute.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
people="${PEOPLE:-20050}"
stores="${STORES:-sqlite postgres}"
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
for tool in sqlite3 curl python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install sqlite3 curl python3)" >&2; exit 1; }
done
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || command -v psql)")

work="${KEEP:-$(mktemp -d /tmp/mentoring-roulette-app.XXXXXX)}"
mkdir -p "$work"; chmod 755 "$work"
server=""; pg_dir=""
cleanup() {
  [ -z "$server" ] || { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
  [ -z "$pg_dir" ] || "$root/bench/postgres.sh" stop "$pg_dir"
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }
# CPU seconds a process has used so far (user + system).
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

log "Building"
[ -n "${SKIP_BUILD:-}${APP:-}" ] || dotnet build -c Release -v q -nologo "$root/src/Mentoring/Mentoring.csproj" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
# APP=path/to/mentoring.dll runs another build (an earlier commit) on the same stores, to compare.
app="${APP:-$root/src/Mentoring/bin/Release/net10.0/mentoring.dll}"

# ---- the roster: 50 leads, then everyone else reporting to one of them ---------------------------
if [ ! -f "$work/roster.csv" ]; then
python3 - "$work/roster.csv" "$people" <<'PY'
import csv, random, sys
path, people = sys.argv[1], int(sys.argv[2])
random.seed(11)
offices = [("Berlin", "Europe/Berlin"), ("Paris", "Europe/Paris"), ("London", "Europe/London"), ("Lisbon", "Europe/Lisbon"),
           ("New York", "America/New_York"), ("Toronto", "America/Toronto"), ("Chicago", "America/Chicago"),
           ("San Francisco", "America/Los_Angeles"), ("Singapore", "Asia/Singapore"), ("Sydney", "Australia/Sydney")]
departments = ["Engineering", "Sales", "Product", "Design", "Finance", "People", "Marketing", "Support"]
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["EmployeeNumber", "Name", "Email", "Department", "JobTitle", "Level", "Office", "TimeZone", "ManagerId", "HireDate"])
    for i in range(1, people + 1):
        level = 5 if i <= 50 else random.choice([1, 2, 3, 4])
        office, zone = offices[i % len(offices)]
        w.writerow([i, f"Person {i:06d}", f"person{i}@example.com", departments[i % len(departments)], f"Role {level}", level,
                    office, zone, "" if i <= 50 else random.randint(1, 50), f"20{random.randint(15, 26)}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}"])
PY
fi

bench_store() {
  local store=$1 settings sql base jar port
  if [ "$store" = sqlite ]; then
    local db="$work/bench.db"
    [ -n "${REUSE:-}" ] && [ -f "$db" ] || { rm -f "$db" "$db-wal" "$db-shm"; fresh=1; }
    settings=(--ConnectionStrings:Mentoring="Data Source=$db")
    # The server's jobs write too: wait for the lock rather than fail.
    sql() { sqlite3 -cmd ".timeout 30000" "$db" "$@"; }
    reader=(sqlite3 "$db")
  else
    [ -x "$pg_bin/psql" ] || { echo "needs postgresql (apt-get install postgresql) for STORES=postgres" >&2; return 1; }
    local conn; read -r pg_dir conn < <("$root/bench/postgres.sh")
    fresh=1
    settings=(--ConnectionStrings:Mentoring="$conn" --Database:Provider=postgres)
    local port_=${conn#*Port=}; port_=${port_%%;*}
    sql() { "$pg_bin/psql" -h 127.0.0.1 -p "$port_" -U postgres -d postgres -At -c "$1"; }
    reader=("$pg_bin/psql" -h 127.0.0.1 -p "$port_" -U postgres -d postgres -At -c)
  fi
  settings+=(--Demo:Seed=false --Logging:LogLevel:Default=Warning --Logging:LogLevel:Mentoring.Features.Roulette=Information)
  # Rows to compare are drawn at one moment (quiet hours and audit times depend on it): the clock starts there.
  [ -z "${DUMP:-}" ] || settings+=(--Clock:Now="${CLOCK_NOW:-2026-12-01T12:00:00Z}")
  port=$(free_port); base="http://127.0.0.1:$port"; jar="$work/cookies"
  token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1; }
  serve() {
    rm -f "$jar"
    dotnet "$app" serve --urls "$base" "${settings[@]}" >>"$work/serve-$store.log" 2>&1 & server=$!
    for _ in $(seq 1 600); do curl -fs "$base/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
    local t; t=$(curl -fs -c "$jar" -b "$jar" "$base/Account/SignIn" | token)
    curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=admin@bench.local" \
      --data-urlencode "Input.Password=bench-password-1" --data-urlencode "__RequestVerificationToken=$t" "$base/Account/SignIn"
  }
  stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
  api() { local method=$1 path=$2; shift 2; curl -fsS -X "$method" -b "$jar" -H 'X-Requested-With: XMLHttpRequest' -H 'Content-Type: application/json' "$@" "$base/api$path"; }

  log "$store: store with $people people"
  if [ -n "${fresh:-}" ]; then
    dotnet "$app" users add admin@bench.local --role admin --password bench-password-1 "${settings[@]}" >/dev/null
    serve
    for office in "Berlin Europe/Berlin" "Paris Europe/Paris" "London Europe/London" "Lisbon Europe/Lisbon" "New_York America/New_York" \
                  "Toronto America/Toronto" "Chicago America/Chicago" "San_Francisco America/Los_Angeles" "Singapore Asia/Singapore" "Sydney Australia/Sydney"; do
      set -- $office
      api POST /offices -d "{\"name\":\"${1//_/ }\",\"timeZone\":\"$2\"}" >/dev/null
    done
    stop
    dotnet "$app" import people "$work/roster.csv" "${settings[@]}" | tail -n 1
  fi
  unset fresh
  serve
  local roulette; roulette=$(sql "SELECT \"Id\" FROM \"Programs\" WHERE \"Name\" = 'Bench coffee'")
  if [ -z "$roulette" ]; then
    roulette=$(api POST /programs -d '{"name":"Bench coffee","purpose":"Meet someone new every week.","kind":"coffee-roulette","status":"draft","startDate":"2026-01-01"}' | json "['id']")
    api POST "/programs/$roulette/enrollments/bulk" -d '{"role":"participant"}' | json "" >/dev/null
  fi
  # Each run draws the same period afresh: the earlier round and its messages go.
  sql "DELETE FROM \"Notifications\" WHERE \"ProgramId\" = $roulette" >/dev/null
  sql "DELETE FROM \"RoulettePairings\" WHERE \"RoundId\" IN (SELECT \"Id\" FROM \"RouletteRounds\" WHERE \"ProgramId\" = $roulette)" >/dev/null
  sql "DELETE FROM \"RouletteRounds\" WHERE \"ProgramId\" = $roulette" >/dev/null
  local audit_from; audit_from=$(sql "SELECT coalesce(max(\"Id\"), 0) FROM \"AuditRecords\"")

  log "$store: roulette round of $(sql "SELECT count(*) FROM \"Enrollments\" WHERE \"ProgramId\" = $roulette") participants"
  local start cpu0 wall cpu
  start=$(now); cpu0=$(cpu_of "$server")
  api POST "/programs/$roulette/roulette/rounds" >"$work/round.json"
  wall=$(since "$start"); cpu=$(minus "$(cpu_of "$server")" "$cpu0")
  local pairings outbox audits
  pairings=$(sql "SELECT count(*) FROM \"RoulettePairings\"")
  outbox=$(sql "SELECT count(*) FROM \"Notifications\" WHERE \"ProgramId\" = $roulette")
  audits=$(sql "SELECT count(*) FROM \"AuditRecords\" WHERE \"Id\" > $audit_from")
  printf '%-9s round: %6s pairings, %6s outbox rows, %6s audit records: %6s s wall, %6s s server CPU\n' "$store" "$pairings" "$outbox" "$audits" "$wall" "$cpu"
  grep -E 'Roulette round ' "$work/serve-$store.log" | tail -n 1 | sed 's/^ */  app log: /'
  stop

  # The same rows read back by the store's own client, in the same minute.
  local q="SELECT e.\"PersonId\", p.\"Name\", p.\"Email\", p.\"Department\", p.\"Level\", o.\"Name\", o.\"TimeZone\" FROM \"Enrollments\" e JOIN \"People\" p ON p.\"Id\" = e.\"PersonId\"
     LEFT JOIN \"Offices\" o ON o.\"Id\" = p.\"OfficeId\" WHERE e.\"ProgramId\" = $roulette;
     SELECT * FROM \"RoulettePairings\"; SELECT * FROM \"Notifications\" WHERE \"ProgramId\" = $roulette; SELECT * FROM \"AuditRecords\" WHERE \"Id\" > $audit_from;"
  start=$(now)
  /usr/bin/time -f '%U %S' -o "$work/sqltime" "${reader[@]}" "$q" >/dev/null
  local sql_wall; sql_wall=$(since "$start")
  printf '%-9s %s reading the participants, pairings, outbox rows and audit records: %s s wall, %s s CPU; the round took %sx its wall time\n' \
    "$store" "$([ "$store" = sqlite ] && echo sqlite3 || echo psql)" "$sql_wall" "$(awk '{ printf "%.2f", $1 + $2 }' "$work/sqltime")" "$(awk -v a="$wall" -v b="$sql_wall" 'BEGIN { printf "%.0f", a / b }')"

  if [ -n "${DUMP:-}" ]; then
    # Pairings and messages in the order written, ids relative to the round's first; the call-room
    # and unsubscribe tokens are random on every draw, so they are masked.
    { sql "SELECT \"PersonAId\", \"PersonBId\", coalesce(\"PersonCId\", 0), \"Starter\", \"VideoLink\", \"Introduction\" FROM \"RoulettePairings\" WHERE \"RoundId\" IN (SELECT \"Id\" FROM \"RouletteRounds\" WHERE \"ProgramId\" = $roulette) ORDER BY \"Id\""
      sql "SELECT \"PersonId\", \"Channel\", \"Recipient\", \"Subject\", \"Body\", coalesce(\"HtmlBody\", ''), coalesce(\"Blocks\", ''), \"Status\", coalesce(\"LastError\", ''),
             coalesce(CAST(\"DueAt\" AS TEXT), ''), \"Category\", \"TemplateKey\", coalesce(\"DedupKey\", ''), \"ProgramId\", coalesce(\"Attachment\", '') FROM \"Notifications\" WHERE \"ProgramId\" = $roulette ORDER BY \"Id\""
      sql "SELECT \"EntityType\", \"Action\", \"ActorKind\", coalesce(\"ActorName\", ''), coalesce(\"SubjectPersonId\", 0), coalesce(\"Changes\", '') FROM \"AuditRecords\" WHERE \"Id\" > $audit_from ORDER BY \"Id\""
    } | sed -E 's/-[0-9a-f]{32}/-TOKEN/g; s/token=[A-Za-z0-9%_-]+/token=TOKEN/g; s#127\.0\.0\.1:[0-9]+#SITE#g; s/"(id|roundId)":\{"new":-?[0-9]+\}/"\1":{"new":ID}/g' >"$DUMP.$store"
    echo "$store: rows written to $DUMP.$store ($(wc -l <"$DUMP.$store") lines, sha256 $(sha256sum "$DUMP.$store" | cut -c1-16))"
  fi
  if [ "$store" = postgres ]; then "$root/bench/postgres.sh" stop "$pg_dir"; pg_dir=""; fi
}

for store in $stores; do bench_store "$store"; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
