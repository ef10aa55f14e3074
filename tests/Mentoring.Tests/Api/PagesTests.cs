using System.Net;
using Mentoring.Domain;
using Mentoring.Tests.Support;

namespace Mentoring.Tests.Api;

/// <summary>The server-rendered pages through the real pipeline (the browser tests drive them in Chromium).</summary>
public sealed class PagesTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Home_page_sends_anonymous_people_to_sign_in_and_the_sign_in_page_renders()
    {
        using var client = app.Anonymous();
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/SignIn", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var signIn = await client.GetStringAsync("/Account/SignIn");
        Assert.Contains("<form", signIn, StringComparison.Ordinal);
        Assert.Contains("Password", signIn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_page_answers_404_with_a_page_and_the_api_with_problem_details()
    {
        using var admin = app.As(Roles.Admin);
        var page = await admin.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Page not found", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var api = await admin.GetAsync("/api/people/987654");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
