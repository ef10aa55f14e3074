# The mentoring app as a container image (docs/deploy.md). Two stages: the SDK builds and publishes,
# the ASP.NET Core runtime image runs the result as the image's unprivileged user (uid 1654).
#
#   docker build -t mentoring .         # behind a proxy or a private feed: add the two --secret below
#   docker run -p 8080:8080 -v mentoring-data:/data mentoring                     # SQLite in the volume
#   docker run -p 8080:8080 -e ConnectionStrings__Mentoring="Host=db;Database=mentoring;Username=mentoring;Password=…" mentoring
#   docker run --rm -v mentoring-data:/data mentoring users add hr@example.com --role admin
#
# bench/container.sh builds and runs it with podman, and checks it answers.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The CLI's telemetry is sent while building, so the opt-out belongs here.
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1
WORKDIR /src
# The project files first, so the restore layer is reused while only code changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Mentoring.Engine/Mentoring.Engine.csproj src/Mentoring.Engine/
COPY src/Mentoring/Mentoring.csproj src/Mentoring/
# The restore reads the package feeds of a NuGet.Config and trusts extra CA certificates (a proxy's)
# when they come in as build secrets, which stay out of every layer (docs/deploy.md):
#   --secret id=nuget_config,src=$HOME/.nuget/NuGet/NuGet.Config --secret id=ca_bundle,src=/etc/ssl/certs/ca-certificates.crt
RUN --mount=type=secret,id=nuget_config --mount=type=secret,id=ca_bundle \
    if [ -s /run/secrets/ca_bundle ]; then export SSL_CERT_FILE=/run/secrets/ca_bundle; fi; \
    if [ -s /run/secrets/nuget_config ]; then set -- --configfile /run/secrets/nuget_config; fi; \
    dotnet restore src/Mentoring/Mentoring.csproj -r linux-x64 -p:PublishReadyToRun=true "$@"
COPY src/ src/
# No compiler server is left running (its sockets would end up in the layer). ReadyToRun: the app's
# assemblies and its packages' (EF Core, Npgsql, …) ship compiled, so a fresh process does not spend
# its first requests and reports in the JIT (bench/README.md "Program report").
RUN dotnet publish src/Mentoring/Mentoring.csproj -c Release -r linux-x64 --self-contained false --no-restore \
    -p:PublishReadyToRun=true --disable-build-servers -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
COPY --from=build /app /app
# The working folder holds mentoring.db when no other store is configured: mount a volume there.
RUN mkdir /data && chown "$APP_UID" /data
WORKDIR /data
USER $APP_UID
# The app listens on ASPNETCORE_URLS (on loopback port 5080 when it is unset): every interface, IPv4
# and IPv6, port 8080. The base image's ASPNETCORE_HTTP_PORTS is cleared, or every start warns that
# the URLs override it. A real deployment starts empty: the demo organisation, whose admin password
# is public, is seeded only with -e Demo__Seed=true (to try the app).
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    Demo__Seed=false \
    Logging__Console__FormatterName=json
EXPOSE 8080
# Probes: GET /health/live (the process) and GET /health/ready (database reachable, migrations applied).
ENTRYPOINT ["/app/mentoring"]
CMD ["serve"]
