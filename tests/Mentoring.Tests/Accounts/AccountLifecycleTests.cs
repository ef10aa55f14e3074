using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Accounts;

/// <summary>
/// An account for everyone on the roster, against a real SMTP server: invitations, their links
/// (single use, expiring on the app's clock), password resets, lockout, disabling.
/// </summary>
public sealed partial class AccountLifecycleTests(SmtpAppFixture app) : IClassFixture<SmtpAppFixture>
{
    private const string NewPassword = "a brand new long password";

    [Fact]
    public async Task An_invited_person_follows_the_emailed_link_sets_a_password_and_signs_in_once()
    {
        var (personId, email) = await PersonWithoutAccountAsync();
        using var admin = app.As(Roles.Admin);
        var before = app.Clock!.GetCurrentInstant();
        using var response = await admin.PostAsync($"/api/people/{personId}/invitation", Json("{}"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(body);
        Assert.Equal(["expiresAt"], answer.RootElement.EnumerateObject().Select(p => p.Name));
        var expiresAt = DateTimeOffset.Parse(answer.RootElement.GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((before + Duration.FromDays(7)).ToDateTimeOffset(), expiresAt);

        var mail = await app.Smtp.WaitForAsync(email, "invited");
        var link = Link(mail.TextBody);
        Assert.DoesNotContain(new Uri(link).Query, body, StringComparison.Ordinal);

        using var browser = app.Anonymous();
        var form = await browser.GetStringAsync(link);
        Assert.Contains(email, form, StringComparison.Ordinal);
        using (var set = await SetPasswordAsync(browser, link, form, NewPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
            Assert.StartsWith("/Account/SignIn", set.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var cookies = await app.SignInAsync(email, NewPassword);
        using (var me = await Client(cookies).GetAsync("/api/me"))
        {
            var account = await me.ReadAsync<JsonElement>();
            Assert.Equal(personId, account.GetProperty("personId").GetInt32());
        }

        // The link works once: the page now says so, and posting to it sets nothing.
        var again = await browser.GetStringAsync(link);
        Assert.Contains("data-link=\"used\"", again, StringComparison.Ordinal);
        using (var reuse = await SetPasswordAsync(browser, link, form, "an attacker's new password"))
        {
            Assert.NotEqual(HttpStatusCode.Redirect, reuse.StatusCode);
        }
        await app.SignInAsync(email, NewPassword);
    }

    [Fact]
    public async Task An_invitation_link_fails_clearly_after_it_expires()
    {
        var (personId, email) = await PersonWithoutAccountAsync();
        using var admin = app.As(Roles.Admin);
        (await admin.PostAsync($"/api/people/{personId}/invitation", Json("{}"))).EnsureSuccessStatusCode();
        var link = Link((await app.Smtp.WaitForAsync(email, "invited")).TextBody);
        using var browser = app.Anonymous();
        var form = await browser.GetStringAsync(link);
        Assert.Contains("Set password", form, StringComparison.Ordinal);

        app.Clock!.Advance(Duration.FromDays(8));
        var page = await browser.GetStringAsync(link);
        Assert.Contains("data-link=\"expired\"", page, StringComparison.Ordinal);
        Assert.Contains("This invitation has expired", page, StringComparison.Ordinal);
        using var late = await SetPasswordAsync(browser, link, form, NewPassword);
        Assert.NotEqual(HttpStatusCode.Redirect, late.StatusCode);
        await using var db = app.OpenContext();
        Assert.Null((await db.Users.SingleAsync(u => u.PersonId == personId)).PasswordHash);
    }

    [Fact]
    public async Task A_resent_invitation_kills_the_first_link_and_a_revoked_one_works_no_more()
    {
        var (personId, email) = await PersonWithoutAccountAsync();
        using var admin = app.As(Roles.Admin);
        (await admin.PostAsync($"/api/people/{personId}/invitation", Json("{}"))).EnsureSuccessStatusCode();
        var first = Link((await app.Smtp.WaitForAsync(email, "invited")).TextBody);
        (await admin.PostAsync($"/api/people/{personId}/invitation", Json("{}"))).EnsureSuccessStatusCode();
        var second = Link((await app.Smtp.WaitForAsync(email, "invited", skip: 1)).TextBody);
        using var browser = app.Anonymous();
        Assert.Contains("data-link=\"used\"", await browser.GetStringAsync(first), StringComparison.Ordinal);
        Assert.Contains("Set password", await browser.GetStringAsync(second), StringComparison.Ordinal);

        using (var revoke = await admin.DeleteAsync($"/api/people/{personId}/invitation"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }
        Assert.DoesNotContain("Set password", await browser.GetStringAsync(second), StringComparison.Ordinal);
        using var none = await admin.DeleteAsync($"/api/people/{personId}/invitation");
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_and_the_sign_in_page_says_for_how_long()
    {
        var email = await NewAccountAsync("the right long password");
        using var earlier = Client(await app.SignInAsync(email, "the right long password"));
        app.Clock!.Advance(Duration.FromSeconds(1));
        using var browser = app.Anonymous();
        string message = "";
        for (var i = 0; i < 10; i++)
        {
            (var status, message) = await TrySignInAsync(browser, email, "wrong password " + i);
            Assert.Equal(HttpStatusCode.OK, status);
        }
        Assert.Contains("locked for 5 minutes", message, StringComparison.Ordinal);
        Assert.Contains("opens again within 5 minutes", message, StringComparison.Ordinal);
        await using (var db = app.OpenContext())
        {
            var account = await db.Users.SingleAsync(u => u.Email == email);
            Assert.Equal((app.Clock!.GetCurrentInstant() + Duration.FromMinutes(5)).ToDateTimeOffset(), account.LockoutEnd);
        }
        // Locked: even the right password does not open it, and the answer is the one an unknown address gets.
        var (lockedStatus, lockedMessage) = await TrySignInAsync(browser, email, "the right long password");
        Assert.Equal(HttpStatusCode.OK, lockedStatus);
        Assert.Equal(lockedMessage, (await TrySignInAsync(browser, "nobody-at-all@example.com", "whatever it is")).Message);

        app.Clock!.Advance(Duration.FromMinutes(6));
        await app.SignInAsync(email, "the right long password");
        // The lockout ended the session signed in before it, and it stays ended once the lockout is over.
        Assert.Equal(HttpStatusCode.Unauthorized, (await earlier.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Forgot_password_emails_a_reset_link_and_answers_the_same_for_unknown_addresses()
    {
        var email = await NewAccountAsync("the old long password");
        using var anonymous = app.Anonymous();
        anonymous.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");
        using var known = await anonymous.PostAsync("/api/account/forgot-password", Json($$"""{"email":"{{email}}"}"""));
        using var unknown = await anonymous.PostAsync("/api/account/forgot-password", Json("""{"email":"nobody-here@example.com"}"""));
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        using (var bad = await anonymous.PostAsync("/api/account/forgot-password", Json("""{"email":"not an address"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("email", await bad.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        var link = Link((await app.Smtp.WaitForAsync(email, "Reset")).TextBody);
        Assert.DoesNotContain(app.Smtp.Messages(), m => m.To.Mailboxes.Any(b => b.Address == "nobody-here@example.com"));
        using var browser = app.Anonymous();
        var form = await browser.GetStringAsync(link);
        using (var set = await SetPasswordAsync(browser, link, form, NewPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        }
        await app.SignInAsync(email, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await TrySignInAsync(browser, email, "the old long password")).Status);
        Assert.Contains("data-link=\"used\"", await browser.GetStringAsync(link), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_session_and_cannot_sign_in_until_enabled()
    {
        const string password = "a disabled long password";
        var email = await NewAccountAsync(password);
        var id = await AccountIdAsync(email);
        using var session = Client(await app.SignInAsync(email, password));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/me")).StatusCode);
        using var script = await TokenClientAsync(session);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/me")).StatusCode);

        using var admin = app.As(Roles.Admin);
        using (var disable = await admin.PostAsync($"/api/accounts/{id}/disable", Json("{}")))
        {
            Assert.Equal("disabled", (await disable.ReadAsync<JsonElement>()).GetProperty("status").GetString());
        }
        // The cookie is checked on every request after it was issued; the fake clock has to move for "after".
        app.Clock!.Advance(Duration.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/me")).StatusCode);
        using var browser = app.Anonymous();
        var (status, message) = await TrySignInAsync(browser, email, password);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(message, (await TrySignInAsync(browser, "nobody-disabled@example.com", password)).Message);

        (await admin.PostAsync($"/api/accounts/{id}/enable", Json("{}"))).EnsureSuccessStatusCode();
        await app.SignInAsync(email, password);
        // Disabling suspends the account's tokens; enabling it gives them back.
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Deactivating_a_person_ends_the_sessions_tokens_and_calendar_feed_of_their_account()
    {
        var (personId, email) = await PersonWithoutAccountAsync();
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            Assert.True((await users.CreateAsync(new UserAccount { UserName = email, Email = email, DisplayName = "Leaver", PersonId = personId }, "a leaver's long password")).Succeeded);
        }
        using var session = Client(await app.SignInAsync(email, "a leaver's long password"));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/me")).StatusCode);
        using var script = await TokenClientAsync(session);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/me")).StatusCode);
        using var made = await session.PostAsync("/api/me/calendar", null);
        var feed = (await made.ReadAsync<JsonElement>()).GetProperty("url").GetString()!;
        using var calendarApp = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.GetAsync(feed)).StatusCode);
        using var admin = app.As(Roles.Admin);
        (await admin.PostAsync($"/api/people/{personId}/deactivate", Json("{}"))).EnsureSuccessStatusCode();
        app.Clock!.Advance(Duration.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/me")).StatusCode);
        // Nor does the calendar app keep reading the sessions of someone who has left.
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(feed)).StatusCode);
    }

    [Fact]
    public async Task The_accounts_list_shows_every_account_with_its_person_and_roles_change_with_checks()
    {
        using var admin = app.As(Roles.Admin);
        var accounts = await (await admin.GetAsync("/api/accounts")).ReadAsync<List<JsonElement>>();
        foreach (var demo in AppFixture.EmailOfRole.Values)
        {
            var account = accounts.Single(a => a.GetProperty("email").GetString() == demo);
            Assert.Equal(JsonValueKind.Number, account.GetProperty("personId").ValueKind);
            Assert.Equal(JsonValueKind.String, account.GetProperty("lastSignInAt").ValueKind);
            Assert.Equal("active", account.GetProperty("status").GetString());
        }
        var adminAccount = accounts.Single(a => a.GetProperty("email").GetString() == AppFixture.EmailOfRole[Roles.Admin]);
        Assert.Equal("Morgan Ellis", adminAccount.GetProperty("personName").GetString());

        var email = await NewAccountAsync("a long role password");
        var id = await AccountIdAsync(email);
        using (var set = await admin.PutAsync($"/api/accounts/{id}/roles", Json("""{"roles":["mentor","mentee"]}""")))
        {
            Assert.Equal(["mentee", "mentor"], (await set.ReadAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }
        using (var bad = await admin.PutAsync($"/api/accounts/{id}/roles", Json("""{"roles":["wizard"]}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("\"roles\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var self = await admin.PostAsync($"/api/accounts/{adminAccount.GetProperty("id").GetString()}/disable", Json("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/accounts/no-such-account/enable", Json("{}"))).StatusCode);
    }

    [Fact]
    public async Task A_session_follows_a_role_change_at_its_next_request_and_its_cookie_is_not_reissued_on_every_request()
    {
        const string password = "a role-changing long password";
        var email = await NewAccountAsync(password);
        var id = await AccountIdAsync(email);
        var cookies = await app.SignInAsync(email, password);
        using var session = Client(cookies);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/api/accounts")).StatusCode);
        app.Clock!.Advance(Duration.FromSeconds(1));
        using (var me = await session.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.False(me.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("mentoring.auth", StringComparison.Ordinal)));
        }

        using var admin = app.As(Roles.Admin);
        (await admin.PutAsync($"/api/accounts/{id}/roles", Json("""{"roles":["admin"]}"""))).EnsureSuccessStatusCode();
        using (var granted = await session.GetAsync("/api/accounts"))
        {
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
            // The rebuilt principal goes back in a new cookie, so the change is not read again next time.
            Assert.Contains(granted.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mentoring.auth=", StringComparison.Ordinal));
        }
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/accounts")).StatusCode);
        (await admin.PutAsync($"/api/accounts/{id}/roles", Json("""{"roles":["mentee"]}"""))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/api/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/me")).StatusCode);
    }

    private async Task<(int Id, string Email)> PersonWithoutAccountAsync()
    {
        using var admin = app.As(Roles.Admin);
        var email = $"roster-{Guid.NewGuid():N}@example.com";
        using var created = await admin.PostJsonAsync("/api/people", new { externalId = "T" + Guid.NewGuid().ToString("N")[..10], name = "Robin Roster", email, level = 2 });
        return ((await created.ReadAsync<JsonElement>()).GetProperty("id").GetInt32(), email);
    }

    private async Task<string> NewAccountAsync(string password)
    {
        var (personId, email) = await PersonWithoutAccountAsync();
        await using var scope = app.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        Assert.True((await users.CreateAsync(new UserAccount { UserName = email, Email = email, DisplayName = "Robin Roster", PersonId = personId }, password)).Succeeded);
        return email;
    }

    private async Task<string> AccountIdAsync(string email)
    {
        await using var db = app.OpenContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private static async Task<HttpResponseMessage> SetPasswordAsync(HttpClient browser, string link, string formPage, string password)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query);
        var fields = new Dictionary<string, string>
        {
            ["user"] = query["user"].ToString(),
            ["code"] = query["code"].ToString(),
            ["kind"] = query.TryGetValue("kind", out var kind) ? kind.ToString() : "",
            ["Input.Password"] = password,
            ["Input.Confirm"] = password,
            ["__RequestVerificationToken"] = AppFixture.AntiforgeryToken(formPage),
        };
        return await browser.PostAsync(new Uri(link).PathAndQuery, new FormUrlEncodedContent(fields));
    }

    private static async Task<(HttpStatusCode Status, string Message)> TrySignInAsync(HttpClient browser, string email, string password)
    {
        var page = await browser.GetStringAsync("/Account/SignIn");
        using var response = await browser.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = AppFixture.AntiforgeryToken(page),
        }));
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, WebUtility.HtmlDecode(ErrorItem().Match(html).Groups[1].Value));
    }

    private static string Link(string? body) => LinkPattern().Match(body ?? "") is { Success: true } m ? m.Value : throw new InvalidOperationException("no link in: " + body);

    /// <summary>A client that calls with a new API token the signed-in <paramref name="session"/> makes for itself.</summary>
    private async Task<HttpClient> TokenClientAsync(HttpClient session)
    {
        using var made = await session.PostAsync("/api/tokens", Json("""{"name":"nightly script"}"""));
        made.EnsureSuccessStatusCode();
        var secret = (await made.ReadAsync<JsonElement>()).GetProperty("secret").GetString();
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private HttpClient Client(CookieContainer cookies)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");
        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [GeneratedRegex(@"https?://\S+/Account/SetPassword\?\S+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<li>([^<]*)</li>")]
    private static partial Regex ErrorItem();
}
