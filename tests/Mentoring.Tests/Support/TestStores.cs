using Mentoring.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mentoring.Tests.Support;

/// <summary>A fresh, empty store for one test class: an SQLite file, or a new PostgreSQL database.</summary>
public abstract class TestStore : IAsyncDisposable
{
    public abstract string ConnectionString { get; }

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The settings that point the app at this store.</summary>
    public string[] Settings => ["--ConnectionStrings:Mentoring=" + ConnectionString, "--Database:Provider=" + Provider.ToString().ToLowerInvariant()];

    public MentoringDbContext OpenContext()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresMentoringDbContext>();
            DatabaseSetup.ConfigurePostgres(options, ConnectionString);
            return new PostgresMentoringDbContext(options.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteMentoringDbContext>();
        DatabaseSetup.ConfigureSqlite(sqlite, ConnectionString);
        return new SqliteMentoringDbContext(sqlite.Options);
    }

    public abstract ValueTask DisposeAsync();

    public static TestStore Create(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? PostgresStore.Create() : new SqliteStore();
}

public sealed class SqliteStore : TestStore
{
    private readonly string folder = Directory.CreateTempSubdirectory("mentoring-sqlite-").FullName;

    public string FilePath => Path.Combine(folder, "mentoring.db");

    public override string ConnectionString => $"Data Source={FilePath}";

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file is harmless.
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A database on the PostgreSQL server that ./test.sh starts (its connection string is in
/// MENTORING_TEST_POSTGRES). Without that server the PostgreSQL tests fail, loudly: CI must run them.
/// </summary>
public sealed class PostgresStore : TestStore
{
    private readonly string adminConnectionString;
    private readonly string database;

    private PostgresStore(string adminConnectionString, string database)
    {
        this.adminConnectionString = adminConnectionString;
        this.database = database;
    }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("MENTORING_TEST_POSTGRES")
        ?? throw new InvalidOperationException("MENTORING_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL.");

    public static PostgresStore Create()
    {
        var admin = ServerConnectionString;
        var database = "mentoring_test_" + Guid.NewGuid().ToString("N")[..12];
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        command.ExecuteNonQuery();
        return new PostgresStore(admin, database);
    }

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ConnectionString;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
