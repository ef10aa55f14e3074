using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mentoring.Data;

/// <summary>The two stores the product runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Picks the store from configuration: <c>ConnectionStrings:Mentoring</c> and, optionally,
/// <c>Database:Provider</c> (<c>sqlite</c> or <c>postgres</c>). Without a provider, a connection
/// string in PostgreSQL's <c>Host=…</c> form picks PostgreSQL; anything else is an SQLite file.
/// </summary>
public static class DatabaseSetup
{
    public const string DefaultConnectionString = "Data Source=mentoring.db";

    public static (DatabaseProvider Provider, string ConnectionString) Resolve(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Mentoring");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = DefaultConnectionString;
        }
        var provider = configuration["Database:Provider"]?.Trim().ToLowerInvariant() switch
        {
            null or "" => LooksLikePostgres(connectionString) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite,
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException(
                $"Database:Provider: \"{other}\" is not a provider; use sqlite or postgres."),
        };
        return (provider, connectionString);
    }

    private static bool LooksLikePostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddMentoringDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var (provider, connectionString) = Resolve(configuration);
        // The audit trail: one interceptor per scope, naming the scope's caller (Infrastructure/Audit).
        services.AddHttpContextAccessor();
        services.AddScoped<Infrastructure.Audit.AuditContext>();
        services.AddScoped<Infrastructure.Audit.AuditInterceptor>();
        services.AddScoped<Infrastructure.Audit.LeaverInterceptor>();
        // Tells the dashboard's kept figures when people, enrollments, programs or offices change (Features/Dashboard).
        services.TryAddSingleton<Features.Dashboard.OrganisationChanges>();
        if (provider == DatabaseProvider.Postgres)
        {
            // Once, not in the options callback below, which runs for every request's context.
            var postgres = WithPostgresDefaults(connectionString);
            services.AddDbContext<MentoringDbContext, PostgresMentoringDbContext>((sp, options) =>
                UsePostgres(options, postgres).AddInterceptors(
                    sp.GetRequiredService<Infrastructure.Audit.LeaverInterceptor>(), sp.GetRequiredService<Infrastructure.Audit.AuditInterceptor>())
                    .AddInterceptors(sp.GetRequiredService<Features.Dashboard.OrganisationChanges>()));
        }
        else
        {
            services.AddDbContext<MentoringDbContext, SqliteMentoringDbContext>((sp, options) =>
                ConfigureSqlite(options, connectionString).AddInterceptors(
                    sp.GetRequiredService<Infrastructure.Audit.LeaverInterceptor>(), sp.GetRequiredService<Infrastructure.Audit.AuditInterceptor>())
                    .AddInterceptors(sp.GetRequiredService<Features.Dashboard.OrganisationChanges>()));
        }
        return services;
    }

    internal static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__migrations"))
            .AddInterceptors(Domain.FieldRulesInterceptor.Instance)
            // SQLite adds a foreign key by rebuilding the table, which EF does with foreign keys off, a step
            // that cannot run inside a transaction; that is SQLite's way, not a fault to warn every start about.
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));

    internal static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        UsePostgres(options, WithPostgresDefaults(connectionString));

    private static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__migrations"))
            .AddInterceptors(Domain.FieldRulesInterceptor.Instance);

    /// <summary>
    /// Npgsql's settings the app runs best with, each added only when the operator's connection string does not set
    /// it (docs/deploy.md): the server parses and plans each of the app's statements once per connection instead of
    /// on every query, and a connection going back to the pool after each query is not reset (the app keeps no
    /// session state: no SET, temporary table, LISTEN or advisory lock; an open transaction is still rolled back).
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        HashSet<string> given;
        try
        {
            var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            given = builder.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal))
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            // Not in keyword form: Npgsql says what is wrong with it when it connects.
            return connectionString;
        }
        var added = PostgresDefaults.Where(d => !given.Contains(d.Key.Replace(" ", "", StringComparison.Ordinal)))
            .Select(d => $"{d.Key}={d.Value}").ToList();
        return added.Count == 0 ? connectionString : string.Join(';', [connectionString.TrimEnd(' ', ';'), .. added]);
    }

    /// <summary>The defaults of <see cref="WithPostgresDefaults"/>, by Npgsql's keyword.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> PostgresDefaults =
    [
        // A statement run twice on a connection is prepared on it, up to this many per connection (the least recently
        // used goes first): a page sends a handful, so the busy pages' statements stay prepared.
        new("Max Auto Prepare", "64"),
        new("Auto Prepare Min Usages", "2"),
        // A returned connection would otherwise send a reset (DISCARD ALL, or five statements keeping the prepared
        // ones) before its next query, and the app returns one after each query.
        new("No Reset On Close", "true"),
    ];

    /// <summary>Creates or migrates the database; SQLite files switch to write-ahead logging.</summary>
    public static async Task MigrateAsync(MentoringDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync(cancellationToken);
            // WAL lets readers (the web pages) carry on while an import writes; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        else
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}

/// <summary>For <c>dotnet ef migrations add … --context SqliteMentoringDbContext</c>.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMentoringDbContext>
{
    public SqliteMentoringDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteMentoringDbContext>();
        DatabaseSetup.ConfigureSqlite(options, DatabaseSetup.DefaultConnectionString);
        return new SqliteMentoringDbContext(options.Options);
    }
}

/// <summary>For <c>dotnet ef migrations add … --context PostgresMentoringDbContext</c>.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMentoringDbContext>
{
    public PostgresMentoringDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresMentoringDbContext>();
        DatabaseSetup.ConfigurePostgres(options, "Host=localhost;Database=mentoring_design");
        return new PostgresMentoringDbContext(options.Options);
    }
}
