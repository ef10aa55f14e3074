using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests.People;

/// <summary>
/// A page read takes one database connection for its handler and its rendering (PageConnectionFilter), not one
/// for each of its queries: counted from EF's own connection events for this app's store, per request.
/// </summary>
public abstract class PageConnectionTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    [Theory]
    [InlineData(Roles.Admin, "/")]
    [InlineData(Roles.Admin, "/People")]
    [InlineData(Roles.Admin, "/People?q=an")]
    [InlineData(Roles.Mentor, "/Me")]
    [InlineData(Roles.Mentee, "/Sessions")]
    public async Task A_page_read_opens_one_connection_for_all_its_queries(string role, string path)
    {
        string store;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            store = ConnectionCounter.StoreOf(scope.ServiceProvider.GetRequiredService<MentoringDbContext>().Database.GetDbConnection());
        }
        using var client = app.As(role);
        // Once, so that what a first request alone does (the cookie's first check, the dashboard's figures) is done.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);

        using var counter = new ConnectionCounter(store);
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // One for the page; the sign-in cookie's check of the account may take its own before the page starts.
        Assert.True(counter.Opened is >= 1 and <= 2, $"{path}: {counter.Opened} connections opened, {counter.Commands} commands run");
        Assert.True(counter.Commands > counter.Opened, $"{path}: {counter.Commands} commands on {counter.Opened} connections");
    }

    /// <summary>EF's connection-opened and command events for one store, while it lives.</summary>
    private sealed class ConnectionCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string store;
        private readonly List<IDisposable> subscriptions = [];
        private int opened;
        private int commands;

        public ConnectionCounter(string store)
        {
            this.store = store;
            subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        /// <summary>Which store a connection is to: its file for SQLite, its database for PostgreSQL (each test fixture has its own).</summary>
        public static string StoreOf(DbConnection connection) => $"{connection.DataSource}/{connection.Database}";

        public int Opened => Volatile.Read(ref opened);

        public int Commands => Volatile.Read(ref commands);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (subscriptions)
                {
                    subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.ConnectionOpened.Name && value.Value is ConnectionEndEventData open
                && StoreOf(open.Connection) == store)
            {
                Interlocked.Increment(ref opened);
            }
            else if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData command
                && command.Connection is { } c && StoreOf(c) == store)
            {
                Interlocked.Increment(ref commands);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (subscriptions)
            {
                subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}

public sealed class SqlitePageConnectionTests(SqliteAppFixture app) : PageConnectionTests<SqliteAppFixture>(app);

public sealed class PostgresPageConnectionTests(PostgresAppFixture app) : PageConnectionTests<PostgresAppFixture>(app);
