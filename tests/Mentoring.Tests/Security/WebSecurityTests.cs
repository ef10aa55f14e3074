using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Security;

/// <summary>Cross-site requests, response headers, sessions and sign-in answers, through the real pipeline.</summary>
public abstract partial class WebSecurityTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    [Fact]
    public async Task Every_state_changing_endpoint_refuses_a_cross_site_request_made_with_the_admins_cookie()
    {
        var endpoints = ((IEndpointRouteBuilder)app.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Pattern: "/" + e.RoutePattern.RawText?.TrimStart('/'))))
            .Where(e => e.Method is "POST" or "PUT" or "PATCH" or "DELETE")
            .Distinct().ToList();
        Assert.True(endpoints.Count > 30, $"only {endpoints.Count} state-changing endpoints found");
        var personId = await app.AnyPersonIdAsync();
        var programId = await FirstAsync(db => db.Programs.Select(p => p.Id));
        var before = await FingerprintAsync();

        using var admin = app.WithCookieOnly(Roles.Admin);
        var failures = new List<string>();
        foreach (var (method, pattern) in endpoints)
        {
            // Real ids where the route has them, so that an unguarded endpoint would really change something.
            var url = RouteParameter().Replace(pattern, m => m.Value.Contains("programId", StringComparison.Ordinal) ? programId.ToString()
                : m.Value.Contains("guid", StringComparison.Ordinal) ? Guid.Empty.ToString() : personId.ToString());
            foreach (var content in Bodies())
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
                request.Headers.Add("Origin", "http://evil.example");
                request.Headers.Add("Sec-Fetch-Site", "cross-site");
                using var response = await admin.SendAsync(request);
                // 401: the cookie does not open that endpoint at all (SCIM takes only its own token).
                if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized))
                {
                    failures.Add($"{method} {url} ({content.Headers.ContentType}): {(int)response.StatusCode}");
                }
            }
            // Without the browser's cross-site marks (an old browser), still refused: no token, no header.
            using var bare = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
            using var bareResponse = await admin.SendAsync(bare);
            if (bareResponse.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized))
            {
                failures.Add($"{method} {url} (no Origin): {(int)bareResponse.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, "Accepted cross-site:\n" + string.Join("\n", failures));
        Assert.Equal(before, await FingerprintAsync());

        // The admin's session is still alive: the sign-out above was refused too.
        using var me = await admin.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    private static IEnumerable<HttpContent> Bodies()
    {
        yield return new StringContent("{}", Encoding.UTF8, "text/plain");
        yield return new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "x" });
        var multipart = new MultipartFormDataContent { { new StringContent("ExternalId,Name\nX1,Injected\n"), "file", "roster.csv" } };
        yield return multipart;
    }

    [Fact]
    public async Task A_same_site_script_with_the_cookie_and_the_header_is_served_and_bearer_callers_are_unaffected()
    {
        using var admin = app.WithCookieOnly(Roles.Admin);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/me/presence") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Requested-With", "fetch");
        request.Headers.Add("Origin", app.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var response = await admin.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);

        using var token = app.WithTokenOnly(Roles.Admin);
        using var created = await token.PostAsync("/api/offices", new StringContent("""{"name":"Lisbon","timeZone":"Europe/Lisbon"}""", Encoding.UTF8, "application/json"));
        Assert.True(created.IsSuccessStatusCode || created.StatusCode == HttpStatusCode.BadRequest, $"{(int)created.StatusCode}");
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_https_gets_hsts_and_secure_cookies()
    {
        using var admin = app.As(Roles.Admin);
        foreach (var url in new[] { "/", "/People", "/Account/SignIn", "/api/people", "/api/reference", "/css/site.css", "/health", "/nowhere" })
        {
            using var response = await admin.GetAsync(url);
            var csp = Header(response, "Content-Security-Policy");
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            if (!url.StartsWith("/api/reference", StringComparison.Ordinal))
            {
                Assert.DoesNotContain("unsafe-inline", csp.Replace("style-src-attr 'unsafe-inline'", "", StringComparison.Ordinal), StringComparison.Ordinal);
            }
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.NotEmpty(Header(response, "Referrer-Policy"));
            Assert.Empty(Header(response, "Strict-Transport-Security"));
        }
        // The pages use no inline script: every <script> has a src.
        var home = await admin.GetStringAsync("/");
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", home);
    }

    [Fact]
    public async Task Sign_out_ends_the_session_even_for_a_copy_of_the_cookie()
    {
        var email = await NewAccountAsync();
        var cookies = await app.SignInAsync(email, "a long test password");
        var copy = new CookieContainer();
        copy.Add(cookies.GetAllCookies());
        using var client = Client(cookies);
        using var stolen = Client(copy);
        Assert.Equal(HttpStatusCode.OK, (await stolen.GetAsync("/api/me")).StatusCode);

        var page = await client.GetStringAsync("/Account/Tokens");
        using var signOut = await client.PostAsync("/Account/SignOut", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFixture.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_locked_out_accounts_cookie_stops_working()
    {
        var email = await NewAccountAsync();
        using var client = Client(await app.SignInAsync(email, "a long test password"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(email))!, DateTimeOffset.UtcNow.AddYears(1));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task An_api_token_makes_no_tokens_and_opens_no_pages()
    {
        using var token = app.WithTokenOnly(Roles.Admin);
        using var create = await token.PostAsync("/api/tokens", new StringContent("""{"name":"more"}""", Encoding.UTF8, "application/json"));
        Assert.True(create.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{(int)create.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/tokens")).StatusCode);
        foreach (var page in new[] { "/", "/People", "/Account/Tokens", "/Sessions" })
        {
            using var response = await token.GetAsync(page);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{page}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Unknown_and_real_accounts_get_the_same_answer_in_similar_time_even_when_locked()
    {
        var email = await NewAccountAsync();
        using var client = app.Anonymous();
        async Task<(string Message, TimeSpan Took)> TryAsync(string who)
        {
            var page = await client.GetStringAsync("/Account/SignIn");
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = who, ["Input.Password"] = "wrong password!", ["__RequestVerificationToken"] = AppFixture.AntiforgeryToken(page),
            }));
            watch.Stop();
            var html = await response.Content.ReadAsStringAsync();
            return (Regex.Match(html, "<li>([^<]*)</li>").Groups[1].Value, watch.Elapsed);
        }
        // Warm up both paths, then lock the real account with wrong passwords.
        await TryAsync("nobody@example.com");
        for (var i = 0; i < 11; i++)
        {
            await TryAsync(email);
        }
        var real = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        string? realMessage = null, unknownMessage = null;
        for (var i = 0; i < 5; i++)
        {
            var r = await TryAsync(email);
            var u = await TryAsync($"nobody{i}@example.com");
            (realMessage, unknownMessage) = (r.Message, u.Message);
            real.Add(r.Took);
            unknown.Add(u.Took);
        }
        Assert.False(string.IsNullOrEmpty(realMessage));
        Assert.Equal(WebUtility.HtmlDecode(realMessage), WebUtility.HtmlDecode(unknownMessage));
        var (realMedian, unknownMedian) = (real.Order().ElementAt(2).TotalMilliseconds, unknown.Order().ElementAt(2).TotalMilliseconds);
        Assert.True(unknownMedian > realMedian / 3 && realMedian > unknownMedian / 3, $"real {realMedian} ms, unknown {unknownMedian} ms");
    }

    private HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = app.BaseAddress };

    private async Task<string> NewAccountAsync()
    {
        var email = $"session-{Guid.NewGuid():N}@example.com";
        await using var scope = app.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var result = await users.CreateAsync(new UserAccount { UserName = email, Email = email, DisplayName = "Test" }, "a long test password");
        Assert.True(result.Succeeded);
        return email;
    }

    private async Task<T> FirstAsync<T>(Func<Data.MentoringDbContext, IQueryable<T>> query)
    {
        await using var db = app.OpenContext();
        return await query(db).FirstAsync();
    }

    /// <summary>What a forged request could change: counts and states across the store.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var db = app.OpenContext();
        return string.Join(",",
            await db.People.CountAsync(), await db.People.CountAsync(p => p.Active), await db.People.CountAsync(p => p.CalendarToken != null),
            await db.Offices.CountAsync(), await db.Programs.CountAsync(), await db.Enrollments.CountAsync(),
            await db.ApiTokens.CountAsync(t => t.RevokedAt == null), await db.Users.Select(u => u.SecurityStamp).OrderBy(s => s).FirstAsync());
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : "";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}

public sealed class SqliteWebSecurityTests(SqliteAppFixture app) : WebSecurityTests<SqliteAppFixture>(app);

public sealed class PostgresWebSecurityTests(PostgresAppFixture app) : WebSecurityTests<PostgresAppFixture>(app);
