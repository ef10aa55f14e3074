using Mentoring.Data;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Mentoring.Tests.ScaleOut;

/// <summary>
/// The app's PostgreSQL connections (DatabaseSetup.WithPostgresDefaults): statements prepared per connection and no
/// reset when a connection goes back to the pool, unless the operator's connection string says otherwise.
/// </summary>
public sealed class PostgresConnectionTests
{
    [Fact]
    public void Defaults_are_added_where_the_connection_string_leaves_them_out()
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;Database=mentoring;Username=app;"));

        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal("db", settings.Host);
        Assert.Equal("mentoring", settings.Database);
    }

    [Fact]
    public void The_operators_settings_are_kept_in_any_spelling()
    {
        const string given = "Host=db;Database=mentoring;max auto prepare=0;AutoPrepareMinUsages=7;NoResetOnClose=false";

        Assert.Equal(given, DatabaseSetup.WithPostgresDefaults(given));
        var settings = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithPostgresDefaults("Host=db;Max Auto Prepare=10"));
        Assert.Equal(10, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);
        Assert.True(settings.NoResetOnClose);
    }

    [Fact]
    public async Task A_statement_run_twice_on_a_connection_is_prepared_there()
    {
        await using var store = PostgresStore.Create();
        await using var db = Context(store);
        await db.Database.OpenConnectionAsync();

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(42, await db.Database.SqlQueryRaw<int>("SELECT 42 AS \"Value\" -- prepared-probe").SingleAsync());
        }

        var prepared = await db.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*)::int AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%-- prepared-probe%' AND statement NOT LIKE '%pg_prepared_statements%'").SingleAsync();
        Assert.Equal(1, prepared);
    }

    [Fact]
    public async Task A_connection_back_in_the_pool_is_not_reset_before_its_next_query()
    {
        await using var store = PostgresStore.Create();
        // One connection in the pool, so the second query gets the connection the first one returned.
        await using (var db = Context(store, ";Maximum Pool Size=1"))
        {
            await db.Database.ExecuteSqlRawAsync("SET application_name = 'kept-probe'");
        }
        await using (var db = Context(store, ";Maximum Pool Size=1"))
        {
            Assert.Equal("kept-probe", await db.Database.SqlQueryRaw<string>("SELECT current_setting('application_name') AS \"Value\"").SingleAsync());
        }
    }

    private static PostgresMentoringDbContext Context(PostgresStore store, string extra = "")
    {
        var options = new DbContextOptionsBuilder<PostgresMentoringDbContext>();
        DatabaseSetup.ConfigurePostgres(options, store.ConnectionString + extra);
        return new PostgresMentoringDbContext(options.Options);
    }
}
