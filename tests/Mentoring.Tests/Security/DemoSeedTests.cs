using Mentoring.Features.Demo;
using Mentoring.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Mentoring.Tests.Security;

/// <summary>The demo organisation (and its published password) only where it is asked for.</summary>
public sealed class DemoSeedTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData(null, null, true)]
    [InlineData("Data Source=mentoring.db", null, true)]
    [InlineData("Data Source=mentoring.db", "false", false)]
    [InlineData("Data Source=/var/lib/mentoring/real.db", null, false)]
    [InlineData("Host=db;Database=mentoring;Username=m;Password=p", null, false)]
    [InlineData("Host=db;Database=mentoring;Username=m;Password=p", "true", true)]
    public void Only_the_built_in_store_or_an_explicit_setting_gets_the_demo(string? connectionString, string? seed, bool expected)
    {
        var settings = new Dictionary<string, string?>();
        if (connectionString is not null)
        {
            settings["ConnectionStrings:Mentoring"] = connectionString;
        }
        if (seed is not null)
        {
            settings["Demo:Seed"] = seed;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddDemoFeature(configuration).BuildServiceProvider();
        Assert.Equal(expected, services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled);
    }

    [Fact]
    public async Task A_demo_store_shows_its_sign_in_on_the_sign_in_page()
    {
        using var client = app.Anonymous();
        var page = await client.GetStringAsync("/Account/SignIn");
        Assert.Contains("admin@demo.local", page, StringComparison.Ordinal);
        Assert.Contains(AppFixture.Password, page, StringComparison.Ordinal);
    }
}

/// <summary>A PostgreSQL store started without --Demo:Seed stays empty: no demo account, nothing on the sign-in page.</summary>
public sealed class NoDemoOnPostgresTests
{
    [Fact]
    public async Task A_fresh_postgres_store_has_no_demo_account()
    {
        await using var store = TestStore.Create(Data.DatabaseProvider.Postgres);
        var web = MentoringWebApp.Create(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Jobs:Enabled=false", .. store.Settings]);
        await Infrastructure.Startup.InitializeAsync(web.Services);
        await web.StartAsync();
        try
        {
            await using (var db = store.OpenContext())
            {
                Assert.False(db.Users.Any());
                Assert.False(db.People.Any());
            }
            var address = web.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            var page = await client.GetStringAsync("/Account/SignIn");
            Assert.DoesNotContain("demo.local", page, StringComparison.Ordinal);
        }
        finally
        {
            await web.StopAsync();
            await web.DisposeAsync();
        }
    }
}
