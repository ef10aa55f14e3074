#!/usr/bin/env bash
# Builds the repository's Dockerfile with podman, runs the image and probes it, then cleans up
# (docs/deploy.md, "A container image").
#
#   bench/container.sh                 # bases, build, SQLite run, `users add`, PostgreSQL run
#   POSTGRES=0 bench/container.sh      # skip the PostgreSQL run
#   KEEP_IMAGE=0 bench/container.sh    # also remove the mentoring image at the end
#
# The Dockerfile builds on mcr.microsoft.com/dotnet/sdk:10.0 and mcr.microsoft.com/dotnet/aspnet:10.0.
# When they are neither in local storage nor pullable (a machine with no registry in reach), the
# script makes stand-ins under those names, offline but for a Debian mirror: a Debian bookworm
# minbase root file system (debootstrap) with the libraries the official images install, the user
# `app` (uid 1654) and the environment they set, and this machine's own .NET 10 install (the ASP.NET
# Core runtime for aspnet, the whole SDK for sdk). They are not the official images: those are
# Ubuntu 24.04 for 10.0 and carry curl, git and PowerShell in the SDK.
#
# Settings (environment): IMAGE (mentoring), BASES (where the stand-in root file system is made,
# ${TMPDIR:-/tmp}/mentoring-bases, removed at the end unless KEEP_ROOTFS=1), DEBIAN_MIRROR (from
# /etc/apt/sources.list*), DOTNET_ROOT (the install copied into the stand-ins), NUGET_CONFIG and
# CA_BUNDLE (passed to the build as secrets, see the Dockerfile), POSTGRES (1).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
image="${IMAGE:-mentoring}"
bases="${BASES:-${TMPDIR:-/tmp}/mentoring-bases}"
keep_image="${KEEP_IMAGE:-1}"
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

need=()
command -v podman >/dev/null 2>&1 || need+=(podman)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v runc >/dev/null 2>&1 || need+=(runc)
if [ "${POSTGRES:-1}" = 1 ]; then
  command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
fi
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#need[@]} -gt 0 ]; then
  log "Installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/mentoring-container.XXXXXX")
chmod 755 "$work"
containers=()
pg_bin=""
cleanup() {
  for c in "${containers[@]}"; do podman rm -f "$c" >/dev/null 2>&1 || true; done
  podman volume rm -f mentoring-bench-data >/dev/null 2>&1 || true
  [ -n "$pg_bin" ] && as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
  [ "$keep_image" = 1 ] || podman rmi -f "$image" >/dev/null 2>&1 || true
  [ "${KEEP_ROOTFS:-0}" = 1 ] || $sudo rm -rf "$bases/rootfs"
  rm -rf "$work"
}
trap cleanup EXIT

# ---- podman that runs here ---------------------------------------------------------------------------
# Some machines (a VM with cgroups v1 in hybrid mode, a sandbox that refuses raising rlimits) cannot
# start containers with podman's defaults: then use runc with cgroupfs and the limits we already have.
sandbox_conf() {
  cat >"$work/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=4096:4096"]
[engine]
cgroup_manager = "cgroupfs"
runtime = "runc"
EOF
  export CONTAINERS_CONF="$work/containers.conf"
}
choose_podman() {  # $1: an image in local storage to try
  if [ -z "${CONTAINERS_CONF:-}" ] && ! podman run --rm --pull=never "$1" true >/dev/null 2>"$work/try.log"; then
    sandbox_conf
    podman run --rm --pull=never "$1" true >/dev/null 2>>"$work/try.log" || { cat "$work/try.log"; exit 1; }
    log "podman: default runtime failed here ($(head -n 1 "$work/try.log")); using runc, cgroupfs and the host's limits"
  fi
}

# ---- the base images ---------------------------------------------------------------------------------
sdk_ref=mcr.microsoft.com/dotnet/sdk:10.0
aspnet_ref=mcr.microsoft.com/dotnet/aspnet:10.0
stand_in_bases() {
  local mirror dotnet_root fs t0 runtime_version aspnet_version sdk_version
  mirror="${DEBIAN_MIRROR:-$(grep -hoE '^(URIs:|deb) *https?://[^ ]+/debian' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
    | grep -oE 'https?://[^ ]+' | head -n 1 || true)}"
  mirror="${mirror:-http://deb.debian.org/debian}"
  dotnet_root="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
  runtime_version=$(ls "$dotnet_root/shared/Microsoft.NETCore.App" | sort -V | tail -n 1)
  aspnet_version=$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | tail -n 1)
  sdk_version=$(ls "$dotnet_root/sdk" | sort -V | tail -n 1)
  fs="$bases/rootfs"
  mkdir -p "$bases"
  if ! podman image exists localhost/mentoring-stand-in/debian:bookworm; then
    t0=$(now)
    log "Making a Debian bookworm minbase root file system from $mirror (debootstrap)"
    $sudo rm -rf "$fs"
    # The packages the official runtime-deps image installs (on bookworm: libicu72, libssl3).
    $sudo debootstrap --variant=minbase \
      --include=ca-certificates,libc6,libgcc-s1,libicu72,libssl3,libstdc++6,tzdata,zlib1g \
      bookworm "$fs" "$mirror" >"$work/debootstrap.log" 2>&1 || { tail -n 20 "$work/debootstrap.log"; exit 1; }
    # Slim as debian:bookworm-slim is: no package cache, lists, documentation or translations.
    $sudo rm -rf "$fs"/var/cache/apt/archives/*.deb "$fs"/var/lib/apt/lists/* "$fs"/usr/share/doc/* \
      "$fs"/usr/share/man/* "$fs"/usr/share/info/* "$fs"/tmp/* "$fs"/var/log/*.log
    $sudo find "$fs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
    $sudo tar -C "$fs" --numeric-owner -c . | podman import --change 'CMD ["bash"]' - localhost/mentoring-stand-in/debian:bookworm >/dev/null
    $sudo rm -rf "$fs"
    log "Debian root file system imported ($(since "$t0"))"
  fi
  choose_podman localhost/mentoring-stand-in/debian:bookworm

  t0=$(now)
  log "Building stand-ins of runtime-deps, runtime, aspnet and sdk 10.0 from $dotnet_root (runtime $runtime_version, SDK $sdk_version)"
  # runtime-deps: the environment and the non-root user of the official image.
  cat >"$work/runtime-deps.Containerfile" <<'EOF'
FROM localhost/mentoring-stand-in/debian:bookworm
ENV APP_UID=1654 \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
RUN groupadd --gid=$APP_UID app \
    && useradd -l --uid=$APP_UID --gid=$APP_UID --create-home app
EOF
  # runtime and aspnet: the shared frameworks in /usr/share/dotnet, as the official images lay them out.
  cat >"$work/runtime.Containerfile" <<EOF
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
ENV DOTNET_VERSION=$runtime_version
COPY dotnet LICENSE.txt ThirdPartyNotices.txt /usr/share/dotnet/
COPY host /usr/share/dotnet/host/
COPY shared/Microsoft.NETCore.App/$runtime_version /usr/share/dotnet/shared/Microsoft.NETCore.App/$runtime_version/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
EOF
  cat >"$work/aspnet.Containerfile" <<EOF
FROM mcr.microsoft.com/dotnet/runtime:10.0
ENV ASPNET_VERSION=$aspnet_version
COPY shared/Microsoft.AspNetCore.App/$aspnet_version /usr/share/dotnet/shared/Microsoft.AspNetCore.App/$aspnet_version/
EOF
  # sdk: the SDK, its packs, manifests and templates, and the SDK image's environment.
  cat >"$work/sdk.Containerfile" <<EOF
FROM mcr.microsoft.com/dotnet/aspnet:10.0
ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false \\
    DOTNET_NOLOGO=true \\
    DOTNET_SDK_VERSION=$sdk_version \\
    DOTNET_USE_POLLING_FILE_WATCHER=true \\
    NUGET_XMLDOC_MODE=skip
COPY sdk /usr/share/dotnet/sdk/
COPY packs /usr/share/dotnet/packs/
COPY sdk-manifests /usr/share/dotnet/sdk-manifests/
COPY templates /usr/share/dotnet/templates/
RUN dotnet help >/dev/null
EOF
  podman build --pull=never -q -t mcr.microsoft.com/dotnet/runtime-deps:10.0 -f "$work/runtime-deps.Containerfile" "$work" >/dev/null
  podman build --pull=never -q -t mcr.microsoft.com/dotnet/runtime:10.0 -f "$work/runtime.Containerfile" "$dotnet_root" >/dev/null
  podman build --pull=never -q -t "$aspnet_ref" -f "$work/aspnet.Containerfile" "$dotnet_root" >/dev/null
  podman build --pull=never -q -t "$sdk_ref" -f "$work/sdk.Containerfile" "$dotnet_root" >/dev/null
  log "Stand-in bases built ($(since "$t0"))"
}

if podman image exists "$sdk_ref" && podman image exists "$aspnet_ref"; then
  log "Using $sdk_ref and $aspnet_ref from local storage"
elif [ "${STAND_IN:-0}" != 1 ] && timeout 120 podman pull -q "$sdk_ref" >/dev/null 2>&1 && timeout 120 podman pull -q "$aspnet_ref" >/dev/null 2>&1; then
  log "Pulled $sdk_ref and $aspnet_ref"
else
  log "$sdk_ref and $aspnet_ref cannot be pulled here: making local stand-ins"
  stand_in_bases
fi
choose_podman "$aspnet_ref"
podman image inspect --format '{{.Id}}' "$aspnet_ref" >/dev/null

# ---- the image -----------------------------------------------------------------------------------------
# The restore inside the build reads the NuGet settings and trusted certificates given as secrets;
# by default this machine's own (a NuGet.Config naming its feeds, the system's CA bundle, which holds
# any proxy's certificate this machine trusts).
secrets=()
nuget_config="${NUGET_CONFIG:-$HOME/.nuget/NuGet/NuGet.Config}"
[ -f "$nuget_config" ] && secrets+=(--secret "id=nuget_config,src=$nuget_config")
ca_bundle="${CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"
[ -f "$ca_bundle" ] && secrets+=(--secret "id=ca_bundle,src=$ca_bundle")
t0=$(now)
log "Building $image from $root/Dockerfile (podman build --pull=never${secrets:+ with secrets nuget_config, ca_bundle})"
podman build --pull=never "${secrets[@]}" -t "$image" "$root" >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; exit 1; }
log "Built in $(since "$t0")"
podman image inspect --format 'image {{.Id}}: {{.Size}} bytes, user {{.Config.User}}, entrypoint {{.Config.Entrypoint}} {{.Config.Cmd}}' "$image"
podman image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E "(^|/)$image:|dotnet/(aspnet|sdk):10.0" || true

# ---- probes ----------------------------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() {  # $1 base url, $2 container
  for _ in $(seq 1 300); do
    curl -fs "$1/health/ready" >/dev/null 2>&1 && return 0
    [ "$(podman inspect --format '{{.State.Running}}' "$2" 2>/dev/null)" = true ] || break
    sleep 0.5
  done
  echo "$2 never became ready:" >&2; podman logs "$2" 2>&1 | tail -n 30 >&2; exit 1
}
probe() {  # $1 base url: health, the sign-in page and its words, a static file
  local url="$1" code
  printf '  GET /health/live   -> %s\n' "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/live")"
  printf '  GET /health/ready  -> %s %s\n' "$(curl -s -o "$work/ready" -w '%{http_code}' "$url/health/ready")" "$(head -c 80 "$work/ready")"
  code=$(curl -s -o "$work/signin.html" -w '%{http_code} %{size_download} bytes' "$url/Account/SignIn")
  printf '  GET /Account/SignIn -> %s, title "%s"\n' "$code" "$(grep -o '<title>[^<]*' "$work/signin.html" | head -n 1 | sed 's/<title>//')"
  grep -q 'name="__RequestVerificationToken"' "$work/signin.html" || { echo "the sign-in page has no form" >&2; exit 1; }
  printf '  GET /css/site.css  -> %s\n' "$(curl -s -o /dev/null -w '%{http_code} %{size_download} bytes' "$url/css/site.css")"
}
sign_in() {  # $1 base url, $2 e-mail, $3 password: prints the statuses of the sign-in and of the page behind it
  local jar="$work/cookies" token
  rm -f "$jar"
  token=$(curl -s -c "$jar" "$1/Account/SignIn" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*' | sed 's/.*value="//')
  curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code} -> ' \
    --data-urlencode "Input.Email=$2" --data-urlencode "Input.Password=$3" --data-urlencode "__RequestVerificationToken=$token" \
    "$1/Account/SignIn"
  curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$1/"
}

# SQLite in a volume: the image's working folder /data.
port=$(free_port)
name=mentoring-bench-sqlite
podman volume rm -f mentoring-bench-data >/dev/null 2>&1 || true
podman volume create mentoring-bench-data >/dev/null
log "SQLite: podman run -d -v mentoring-bench-data:/data -p 127.0.0.1:$port:8080 $image"
containers+=("$name")
t0=$(now)
podman run -d --name "$name" -v mentoring-bench-data:/data -p "127.0.0.1:$port:8080" "$image" >/dev/null
wait_ready "http://127.0.0.1:$port" "$name"
log "Ready in $(since "$t0") (migrations applied on first start)"
probe "http://127.0.0.1:$port"
echo "  log (JSON): $(podman logs "$name" 2>&1 | grep -m 1 '"Now listening on' | head -c 160)"
echo "  runs as: $(podman exec "$name" id)"
echo "  /data: $(podman exec "$name" ls -l /data | tail -n +2 | awk '{print $3, $NF}' | tr '\n' ' ')"
# The image starts empty: no demo organisation, so its public admin password opens nothing.
printf '  sign in as the demo admin -> %s (the form again: refused)\n' "$(sign_in "http://127.0.0.1:$port" admin@demo.local mentoring-demo | cut -d' ' -f1)"
log "users add through the image, on the same volume"
podman run --rm -v mentoring-bench-data:/data "$image" users add hr@example.com --role admin --password container-bench-1 2>&1 | sed 's/^/  /'
printf '  sign in as hr@example.com -> %s\n' "$(sign_in "http://127.0.0.1:$port" hr@example.com container-bench-1)"
podman rm -f "$name" >/dev/null
# The same volume in a new container: the data and the data-protection keys persist, so the sign-in
# cookie the first container issued still opens the dashboard.
log "A new container on the same volume"
podman run -d --name "$name" -v mentoring-bench-data:/data -p "127.0.0.1:$port:8080" "$image" >/dev/null
wait_ready "http://127.0.0.1:$port" "$name"
printf '  GET / with the first container'"'"'s cookie -> %s\n' "$(curl -s -b "$work/cookies" -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")"
podman rm -f "$name" >/dev/null

# PostgreSQL on loopback (as test.sh starts it), the container on the host's network.
if [ "${POSTGRES:-1}" = 1 ]; then
  pg_bin=$(dirname "$(command -v pg_ctl 2>/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
  as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  pg_port=$(free_port)
  mkdir -p "$work/pg"; [ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
  log "PostgreSQL on 127.0.0.1:$pg_port"
  as_pg "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
  "$(dirname "$(ls /usr/lib/postgresql/*/bin/psql | sort -V | tail -n 1)")/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres mentoring
  # No GSS (Kerberos) encryption: Npgsql 10 tries it first, and the .NET images have no libgssapi_krb5.
  cs="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=mentoring;GSS Encryption Mode=Disable"
  port=$(free_port)
  name=mentoring-bench-postgres
  containers+=("$name")
  log "PostgreSQL: podman run -d --network host -e ConnectionStrings__Mentoring=… -e ASPNETCORE_URLS=http://127.0.0.1:$port $image"
  t0=$(now)
  podman run -d --name "$name" --network host -e ConnectionStrings__Mentoring="$cs" -e ASPNETCORE_URLS="http://127.0.0.1:$port" "$image" >/dev/null
  wait_ready "http://127.0.0.1:$port" "$name"
  log "Ready in $(since "$t0")"
  probe "http://127.0.0.1:$port"
  podman run --rm --network host -e ConnectionStrings__Mentoring="$cs" "$image" users add hr@example.com --role admin --password container-bench-1 2>&1 | sed 's/^/  /'
  printf '  sign in as hr@example.com -> %s\n' "$(sign_in "http://127.0.0.1:$port" hr@example.com container-bench-1)"
  psql_bin=$( [ -x "$pg_bin/psql" ] && echo "$pg_bin/psql" || command -v psql || ls /usr/lib/postgresql/*/bin/psql | sort -V | tail -n 1)
  pg_count() { "$psql_bin" -h 127.0.0.1 -p "$pg_port" -U postgres -d mentoring -At -c "$1"; }
  echo "  tables: $(pg_count "select count(*) from information_schema.tables where table_schema = 'public'"), migrations applied: $(pg_count 'select count(*) from "__EFMigrationsHistory"')"
  podman rm -f "$name" >/dev/null
fi
log "Done"
