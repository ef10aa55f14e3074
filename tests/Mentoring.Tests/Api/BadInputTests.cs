using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Api;

/// <summary>Malformed input answers 400 (or 413, 415) naming the field, never 500, on each store.</summary>
public abstract partial class BadInputTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("PUT", "/api/groups/{group}/me/goal", """{"goal":null}""", "goal")]
    [InlineData("PUT", "/api/enrollments/{enrollment}", """{"goals":null}""", "goals")]
    [InlineData("POST", "/api/programs", """{"name":"P","kind":"mentoring","purpose":null}""", "purpose")]
    [InlineData("POST", "/api/offices", """{"name":"O","timeZone":"Europe/London","rooms":[null]}""", "rooms")]
    [InlineData("POST", "/api/programs/{program}/groups/compose", """{"hosts":null}""", "hosts")]
    [InlineData("POST", "/api/programs/{program}/groups/compose", """{"hosts":[null]}""", "hosts")]
    [InlineData("PUT", "/api/programs/{program}/roulette/settings", """{"conversationStarters":null}""", "conversationStarters")]
    [InlineData("POST", "/api/people", "{\"externalId\":\"N1\",\"name\":\"a\\u0000b\"}", "name")]
    [InlineData("POST", "/api/people", "{\"externalId\":\"N2\",\"name\":\"Eve\\r\\nATTENDEE;CN=Injected:mailto:attacker@evil.example\"}", "name")]
    public async Task Null_nul_and_line_breaks_get_a_400_naming_the_field(string method, string url, string body, string field)
    {
        using var admin = app.As(Roles.Admin);
        using var request = new HttpRequestMessage(new HttpMethod(method), await IdsAsync(url)) { Content = Json(body) };
        using var response = await admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(text.Contains(field, StringComparison.OrdinalIgnoreCase), text);
    }

    [Fact]
    public async Task A_department_longer_than_its_column_is_refused_by_the_api_and_by_the_import()
    {
        using var admin = app.As(Roles.Admin);
        var longName = new string('d', 201);
        using var put = await admin.PostAsync("/api/people", Json($$"""{"externalId":"L1","name":"Long","department":"{{longName}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);

        using var import = await admin.PostAsync("/api/people/import?dryRun=true",
            new StringContent($"ExternalId,Name,Department\nL2,Long,{longName}\nL3,\"Nul\0name\",x\n", Encoding.UTF8, "text/csv"));
        var text = await import.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
        using var doc = JsonDocument.Parse(text);
        Assert.True(doc.RootElement.GetProperty("dryRun").GetBoolean(), text);
        Assert.Contains("longer than 200", text, StringComparison.Ordinal);
        Assert.Contains("NUL", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_with_a_nul_charset_ebcdic_broken_multipart_and_a_huge_body_are_not_500()
    {
        using var admin = app.As(Roles.Admin);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/people?search=a%00b")).StatusCode);

        var ebcdic = new StringContent("{}");
        ebcdic.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=ebcdic");
        using var charset = await admin.PostAsync("/api/offices", ebcdic);
        Assert.True(charset.StatusCode is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.BadRequest, $"{(int)charset.StatusCode}");

        var noBoundary = new StringContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nExternalId\r\n");
        noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/people/import", noBoundary)).StatusCode);

        var truncated = new StringContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nExternalId,Name\r\nT1,Tr");
        truncated.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/people/import", truncated)).StatusCode);

        var huge = new ByteArrayContent(new byte[40 * 1024 * 1024]);
        huge.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        // Expect: 100-continue, so that the client waits for the answer instead of pushing 40 MB at a closed door.
        // The client's own wait for "100 Continue" is 1 s by default; on a loaded machine the 413 can come later,
        // and then the client sends the body into a connection the server has closed. So it waits as long as it takes.
        using var patient = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(2) })
        {
            BaseAddress = admin.BaseAddress,
        };
        patient.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        using var hugeRequest = new HttpRequestMessage(HttpMethod.Post, "/api/people/import") { Content = huge };
        hugeRequest.Headers.ExpectContinue = true;
        using var tooLarge = await patient.SendAsync(hugeRequest);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    [Fact]
    public async Task Hundreds_of_malformed_json_bodies_and_csv_files_never_get_a_5xx()
    {
        var endpoints = ((IEndpointRouteBuilder)app.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Pattern: "/" + e.RoutePattern.RawText?.TrimStart('/'))))
            .Where(e => e.Method is "POST" or "PUT" && e.Pattern.StartsWith("/api", StringComparison.Ordinal) && !e.Pattern.Contains("tokens", StringComparison.Ordinal))
            .Distinct().ToList();
        var random = new Random(10);
        var corpus = JsonCorpus().ToList();
        var failures = new List<string>();
        using var admin = app.As(Roles.Admin);
        var sent = 0;
        foreach (var (method, pattern) in endpoints)
        {
            var url = await IdsAsync(pattern);
            foreach (var body in corpus.OrderBy(_ => random.Next()).Take(12))
            {
                using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json(body) });
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{method} {url} {body[..Math.Min(body.Length, 120)]}: {(int)response.StatusCode}");
                }
            }
        }
        foreach (var csv in CsvCorpus(random))
        {
            using var response = await admin.PostAsync("/api/people/import?dryRun=" + (random.Next(2) == 0 ? "true" : "false"),
                new StringContent(csv, Encoding.UTF8, "text/csv"));
            sent++;
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"import {csv[..Math.Min(csv.Length, 120)]}: {(int)response.StatusCode}");
            }
        }
        Assert.True(sent > 300, $"only {sent} requests sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answered 5xx:\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/health")).StatusCode);
    }

    private static readonly string[] Fields =
    [
        "name", "externalId", "email", "department", "jobTitle", "timeZone", "officeId", "managerId", "level", "goal", "goals", "purpose",
        "rooms", "hosts", "conversationStarters", "kind", "status", "cadence", "personId", "role", "mode", "message", "reason", "response",
        "officeDays", "days", "starts", "ends", "mentorId", "title", "capacity", "interests",
    ];

    private static readonly string[] Values =
    [
        "null", "[null]", "[]", "{}", "\"\"", "\"a\\u0000b\"", "\"x\\r\\nATTENDEE:mailto:a@evil.example\"", "\"" + new string('x', 5000) + "\"",
        "-1", "1e400", "99999999999999999999", "true", "\"=HYPERLINK(1)\"", "[{}]", "[[null]]", "{\"name\":null}", "\"\\ud800\"", "[1,\"a\",null]",
    ];

    private static IEnumerable<string> JsonCorpus()
    {
        foreach (var field in Fields)
        {
            foreach (var value in Values)
            {
                yield return $$"""{"{{field}}":{{value}}}""";
            }
        }
        yield return "null";
        yield return "[]";
        yield return "\"text\"";
        yield return "{";
        yield return "{\"name\":";
        yield return new string('[', 5000) + new string(']', 5000);
        yield return "{\"name\":\"ok\",\"name\":null}";
        yield return "\u0000";
    }

    private static IEnumerable<string> CsvCorpus(Random random)
    {
        string[] cells = ["", "\0", "a\0b", "\"", "\"\"\"", "=1+1", "-2", "@x", "\tx", "\r\n", new string('n', 250), "é", "\ud800", "1e400", "9999", "2026-13-45", "Mars/Base", ";;;"];
        string[] headers = ["ExternalId", "Name", "Department", "Level", "Office", "TimeZone", "ManagerId", "HireDate", "Interests", "Active", "Email", "Extra\0"];
        for (var i = 0; i < 120; i++)
        {
            var columns = headers.OrderBy(_ => random.Next()).Take(random.Next(1, headers.Length)).ToList();
            if (random.Next(3) > 0 && !columns.Contains("ExternalId"))
            {
                columns.Insert(0, "ExternalId");
            }
            var lines = new List<string> { string.Join(",", columns) };
            for (var row = 0; row < random.Next(1, 5); row++)
            {
                lines.Add(string.Join(",", columns.Select(c => c == "ExternalId" && random.Next(2) == 0 ? $"F{i}-{row}" : cells[random.Next(cells.Length)])));
            }
            yield return string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines);
        }
    }

    private async Task<string> IdsAsync(string pattern)
    {
        await using var db = app.OpenContext();
        var program = await db.Programs.Select(p => p.Id).FirstAsync();
        var person = await db.People.Select(p => p.Id).FirstAsync();
        var enrollment = await db.Enrollments.Select(e => e.Id).FirstAsync();
        var group = await db.Set<GroupActivity>().Select(g => (int?)g.Id).FirstOrDefaultAsync() ?? 999999;
        var named = pattern.Replace("{program}", program.ToString(), StringComparison.Ordinal).Replace("{enrollment}", enrollment.ToString(), StringComparison.Ordinal)
            .Replace("{group}", group.ToString(), StringComparison.Ordinal);
        return RouteParameter().Replace(named, m => m.Value.Contains("programId", StringComparison.Ordinal) ? program.ToString()
            : m.Value.Contains("guid", StringComparison.Ordinal) ? Guid.Empty.ToString() : person.ToString());
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}

public sealed class SqliteBadInputTests(SqliteAppFixture app) : BadInputTests<SqliteAppFixture>(app);

public sealed class PostgresBadInputTests(PostgresAppFixture app) : BadInputTests<PostgresAppFixture>(app);
