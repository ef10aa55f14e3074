using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Accounts;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;

namespace Mentoring.Tests.Support;

/// <summary>
/// The real app (Kestrel, the whole middleware pipeline) on a free loopback port, over a fresh
/// store with the demo organisation, and an API token for each demo role.
/// </summary>
public abstract class AppFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string> tokens = [];
    private readonly Dictionary<string, CookieContainer> cookies = [];

    /// <param name="clock">When given, the app's clock: a test moves time with it (<see cref="Clock"/>).</param>
    protected AppFixture(DatabaseProvider provider, FakeClock? clock = null)
    {
        Provider = provider;
        Clock = clock;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The app's clock when the fixture was made with a <see cref="FakeClock"/>; null when the app runs on real time.</summary>
    public FakeClock? Clock { get; }

    public TestStore Store { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public const string Password = "mentoring-demo";

    public static readonly IReadOnlyDictionary<string, string> EmailOfRole = new Dictionary<string, string>
    {
        [Roles.Admin] = "admin@demo.local",
        [Roles.Mentor] = "mentor@demo.local",
        [Roles.Mentee] = "mentee@demo.local",
        [Roles.Sponsor] = "sponsor@demo.local",
    };

    /// <summary>Further settings for the app under test; a fixture may start what they point at first.</summary>
    protected virtual Task<string[]> ExtraSettingsAsync() => Task.FromResult<string[]>([]);

    public async Task InitializeAsync()
    {
        Store = TestStore.Create(Provider);
        App = MentoringWebApp.Create(
        [
            "--urls", "http://127.0.0.1:0", "--Demo:Seed=true", "--Logging:LogLevel:Default=Warning", "--Jobs:Enabled=false",
            "--Reports:WarmUp=false", .. Store.Settings,
            .. await ExtraSettingsAsync(),
        ], Clock is null ? null : services => services.AddSingleton<IClock>(Clock));
        await Startup.InitializeAsync(App.Services);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);

        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var service = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
        foreach (var (role, email) in EmailOfRole)
        {
            var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"demo account {email} missing");
            tokens[role] = (await service.CreateAsync(user.Id, "tests", CancellationToken.None)).Secret;
            // Pages take the sign-in cookie only (an API token opens the API, not the site).
            cookies[role] = await SignInAsync(email);
        }
    }

    public virtual async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Store.DisposeAsync();
    }

    /// <summary>A client with no credentials, that does not follow redirects (so 302s can be seen).</summary>
    public HttpClient Anonymous() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    /// <summary>
    /// A client that calls as the demo account of <paramref name="role"/>: the API with its API token,
    /// pages with its sign-in cookie.
    /// </summary>
    public HttpClient As(string role)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies[role] })
        {
            BaseAddress = BaseAddress,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[role]);
        return client;
    }

    /// <summary>A client with the API token of <paramref name="role"/> and no cookie.</summary>
    public HttpClient WithTokenOnly(string role)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[role]);
        return client;
    }

    /// <summary>A client with only the sign-in cookie of <paramref name="role"/> (shared with <see cref="As"/>: do not sign it out).</summary>
    public HttpClient WithCookieOnly(string role) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies[role] }) { BaseAddress = BaseAddress };

    /// <summary>Signs in through the sign-in page, as a browser does, and gives the cookies it got.</summary>
    public async Task<CookieContainer> SignInAsync(string email, string password = Password)
    {
        var container = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = container })
        {
            BaseAddress = BaseAddress,
        };
        var page = await client.GetStringAsync("/Account/SignIn");
        using var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"signing in as {email} answered {(int)response.StatusCode}");
        }
        return container;
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string AntiforgeryToken(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    public MentoringDbContext OpenContext() => Store.OpenContext();

    public async Task<int> AnyPersonIdAsync()
    {
        await using var db = OpenContext();
        return await db.People.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
    }
}

public sealed class SqliteAppFixture() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresAppFixture() : AppFixture(DatabaseProvider.Postgres);

/// <summary>The app on SQLite with a clock the test moves: it starts on Monday 2027-06-07 at 02:30 UTC.</summary>
public sealed class FakeClockAppFixture() : AppFixture(DatabaseProvider.Sqlite, new FakeClock(Instant.FromUtc(2027, 6, 7, 2, 30)));

public static class HttpExtensions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, JsonOptions)!;
    }

    public static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower) },
    };

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PostAsJsonAsync(url, body, JsonOptions);

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PutAsJsonAsync(url, body, JsonOptions);
}
