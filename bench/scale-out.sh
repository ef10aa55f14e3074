#!/usr/bin/env bash
# Two mentoring instances on one PostgreSQL behind Debian's nginx, on loopback (see docs/deploy.md and
# bench/README.md, "Scale-out"). Signs in through one instance and posts a form through the other,
# lets both draw the demo coffee roulette and send its introductions to a local SMTP server, checks
# that the round was drawn once and every introduction sent once, then puts a bounded load through
# nginx (ApacheBench: REQUESTS requests, CONCURRENCY at a time) on a signed-in page and on /health/ready.
#
#   bench/scale-out.sh
#   REQUESTS=5000 CONCURRENCY=20 PAGE=/People bench/scale-out.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
requests="${REQUESTS:-2000}"
concurrency="${CONCURRENCY:-20}"
page="${PAGE:-/Me}"
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

need=()
command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v ab >/dev/null 2>&1 || need+=(apache2-utils)
command -v curl >/dev/null 2>&1 || need+=(curl)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
if [ ${#need[@]} -gt 0 ]; then
  log "Installing ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d /tmp/mentoring-scale-out.XXXXXX)
chmod 755 "$work"   # PostgreSQL runs as its own user when we are root
pids=()
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# ---- PostgreSQL, as test.sh starts it ----------------------------------------------------------------
pg_bin=$(dirname "$(command -v pg_ctl 2>/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
pg_port=$(free_port)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$work/pg"; [ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
log "Starting PostgreSQL on 127.0.0.1:$pg_port"
as_pg "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
pgtool() { [ -x "$pg_bin/$1" ] && echo "$pg_bin/$1" || command -v "$1" || ls /usr/lib/postgresql/*/bin/"$1" | sort -V | tail -n 1; }
psql() { "$(pgtool psql)" -h 127.0.0.1 -p "$pg_port" -U postgres -d mentoring -At "$@"; }
"$(pgtool createdb)" -h 127.0.0.1 -p "$pg_port" -U postgres mentoring

# ---- SMTP and the app ------------------------------------------------------------------------------
smtp_port=$(free_port)
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$work/mail" & pids+=($!)
log "Building"
dotnet build -c Release -v q -nologo "$root/src/Mentoring/Mentoring.csproj" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
app="$root/src/Mentoring/bin/Release/net10.0/mentoring.dll"
settings=(--ConnectionStrings:Mentoring="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=mentoring"
  --Demo:Seed=true --Jobs:IntervalSeconds=1 --Smtp:Host=127.0.0.1 --Smtp:Port="$smtp_port" --Smtp:Security=None
  --ForwardedHeaders:Enabled=true --Metrics:Enabled=true --Logging:LogLevel:Default=Warning)
wait_ready() { for _ in $(seq 1 600); do curl -fs "$1/health/ready" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "$1 not ready" >&2; exit 1; }

# The first instance seeds the demo organisation with its jobs off; the roulette waits in draft
# until both instances run.
port_a=$(free_port); port_b=$(free_port)
dotnet "$app" serve --urls "http://127.0.0.1:$port_a" "${settings[@]}" --Jobs:Enabled=false >"$work/seed.log" 2>&1 & seed=$!
wait_ready "http://127.0.0.1:$port_a"
kill "$seed"; wait "$seed" 2>/dev/null || true
psql -c "UPDATE \"Programs\" SET \"Status\" = 'Draft' WHERE \"Kind\" = 'CoffeeRoulette'" >/dev/null
dotnet "$app" serve --urls "http://127.0.0.1:$port_a" "${settings[@]}" >"$work/a.log" 2>&1 & pids+=($!)
dotnet "$app" serve --urls "http://127.0.0.1:$port_b" "${settings[@]}" >"$work/b.log" 2>&1 & pids+=($!)
a="http://127.0.0.1:$port_a"; b="http://127.0.0.1:$port_b"
wait_ready "$a"; wait_ready "$b"

proxy_port=$(free_port)
user=""; [ "$(id -u)" -eq 0 ] && user="user root;"
cat >"$work/nginx.conf" <<CONF
$user
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  upstream mentoring { server 127.0.0.1:$port_a; server 127.0.0.1:$port_b; keepalive 32; }
  server {
    listen 127.0.0.1:$proxy_port;
    location / {
      proxy_pass http://mentoring;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host:\$server_port;
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
CONF
"$nginx_bin" -p "$work" -e "$work/nginx-error.log" -c "$work/nginx.conf" -g 'daemon off;' & pids+=($!)
proxy="http://127.0.0.1:$proxy_port"
wait_ready "$proxy"
log "Instances $a and $b behind nginx at $proxy"

# ---- a sign-in through A, a form through B ---------------------------------------------------------
jar="$work/cookies"
token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1; }
t=$(curl -fs -c "$jar" -b "$jar" "$a/Account/SignIn" | token)
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "Input.Email=admin@demo.local" \
  --data-urlencode "Input.Password=mentoring-demo" --data-urlencode "__RequestVerificationToken=$t" "$b/Account/SignIn")
echo "sign-in page from A, posted to B: $code (302 = signed in)"
t=$(curl -fs -b "$jar" "$a/Offices/Edit" | token)
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" --data-urlencode "Input.Name=Scale-out bench office" \
  --data-urlencode "Input.TimeZone=Europe/Berlin" --data-urlencode "__RequestVerificationToken=$t" "$b/Offices/Edit")
echo "form from A with A's token, posted to B with B's cookie: $code (302 = saved)"

# ---- one round, one introduction each ---------------------------------------------------------------
psql -c "UPDATE \"Programs\" SET \"Status\" = 'Active' WHERE \"Kind\" = 'CoffeeRoulette'" >/dev/null
for _ in $(seq 1 300); do
  pending=$(psql -c "SELECT count(*) FROM \"Notifications\" WHERE \"Subject\" LIKE 'Your virtual coffee%' AND \"SentAt\" IS NULL")
  queued=$(psql -c "SELECT count(*) FROM \"Notifications\" WHERE \"Subject\" LIKE 'Your virtual coffee%'")
  [ "$queued" -gt 0 ] && [ "$pending" -eq 0 ] && break
  sleep 0.2
done
sleep 4   # several more passes of both instances
rounds=$(psql -c "SELECT count(*) FROM \"RouletteRounds\"")
sent=$(grep -l '^Subject: Your virtual coffee' "$work"/mail/new/* 2>/dev/null | wc -l)
distinct=$(grep -h '^To: ' $(grep -l '^Subject: Your virtual coffee' "$work"/mail/new/*) | sort -u | wc -l)
echo "roulette rounds drawn: $rounds (1 expected); introductions queued $queued, sent $sent, to $distinct distinct people"
[ "$rounds" -eq 1 ] && [ "$sent" -eq "$queued" ] && [ "$distinct" -eq "$sent" ] || { echo "something was done twice" >&2; exit 1; }

# ---- a bounded load through nginx ---------------------------------------------------------------------
# Every cookie in curl's jar (HttpOnly ones are written with a "#HttpOnly_" prefix).
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk 'NF >= 7 && $1 !~ /^#/ { print $6 "=" $7 }' | paste -sd ';' -)
for path in "$page" /health/ready; do
  log "ab -n $requests -c $concurrency $proxy$path"
  ab -q -n "$requests" -c "$concurrency" -k -C "$cookie" "$proxy$path" >"$work/ab.txt" 2>&1 || { cat "$work/ab.txt"; exit 1; }
  awk -v path="$path" '/^Non-2xx responses/ { bad = $3 } /Requests per second/ { rps = $4 } /^  50%/ { p50 = $2 } /^  95%/ { p95 = $2 } /^  99%/ { p99 = $2 }
    END { printf "%-16s %8s req/s  p50 %4s ms  p95 %4s ms  p99 %4s ms  non-2xx %s\n", path, rps, p50, p95, p99, bad + 0 }' "$work/ab.txt"
done
echo "both instances served: $(curl -s -D - -o /dev/null -b "$jar" "$proxy/Me" | grep -i x-upstream) and $(curl -s -D - -o /dev/null -b "$jar" "$proxy/Me" | grep -i x-upstream)" | tr -d '\r'
