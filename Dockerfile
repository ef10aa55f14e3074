# The mentoring app as a container image (docs/deploy.md). Two stages: the SDK builds and publishes,
# the ASP.NET Core runtime image runs the result as the image's unprivileged user.
#
#   docker build -t mentoring .
#   docker run -p 8080:8080 -v mentoring-data:/data mentoring                     # SQLite in the volume
#   docker run -p 8080:8080 -e ConnectionStrings__Mentoring="Host=db;Database=mentoring;Username=mentoring;Password=…" mentoring

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# The project files first, so the restore layer is reused while only code changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Mentoring.Engine/Mentoring.Engine.csproj src/Mentoring.Engine/
COPY src/Mentoring/Mentoring.csproj src/Mentoring/
RUN dotnet restore src/Mentoring/Mentoring.csproj -r linux-x64
COPY src/ src/
RUN dotnet publish src/Mentoring/Mentoring.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
COPY --from=build /app /app
# The working folder holds mentoring.db when no other store is configured: mount a volume there.
RUN mkdir /data && chown "$APP_UID" /data
WORKDIR /data
USER $APP_UID
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Logging__Console__FormatterName=json \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
# Probes: GET /health/live (the process) and GET /health/ready (database reachable, migrations applied).
ENTRYPOINT ["/app/mentoring"]
CMD ["serve"]
