using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Features.Accounts;
using Mentoring.Features.Offices;
using Mentoring.Features.People;
using Mentoring.Features.Programs;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Api;

/// <summary>The JSON API through the real HTTP pipeline, on each store.</summary>
public abstract class ApiTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    [Fact]
    public async Task Health_reports_the_database()
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"Healthy\"", body, StringComparison.Ordinal);
        Assert.Contains(app.Provider == Data.DatabaseProvider.Postgres ? "postgres" : "sqlite", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_api_calls_get_401_not_a_redirect()
    {
        using var client = app.Anonymous();
        var response = await client.GetAsync("/api/people");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        using var client = app.Anonymous();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/people", "/api/people/{id}", "/api/people/import", "/api/offices", "/api/programs", "/api/programs/{id}/enrollments" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        }
        using var browser = new HttpClient { BaseAddress = app.BaseAddress };
        var reference = await browser.GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("Mentoring API", await reference.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_list_searches_filters_and_pages()
    {
        using var client = app.As(Roles.Admin);
        var all = await (await client.GetAsync("/api/people?pageSize=10")).ReadAsync<Page<PersonSummary>>();
        Assert.True(all.Total >= 300, $"demo has {all.Total} people");
        Assert.Equal(10, all.Items.Count);
        Assert.Equal(all.Items.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name), all.Items.Select(p => p.Name));

        var second = await (await client.GetAsync("/api/people?pageSize=10&page=2")).ReadAsync<Page<PersonSummary>>();
        Assert.Empty(second.Items.Select(p => p.Id).Intersect(all.Items.Select(p => p.Id)));

        var someone = all.Items[3];
        var lastName = someone.Name.Split(' ')[^1];
        var found = await (await client.GetAsync($"/api/people?search={Uri.EscapeDataString(lastName.ToUpperInvariant())}&pageSize=500")).ReadAsync<Page<PersonSummary>>();
        Assert.Contains(found.Items, p => p.Id == someone.Id);
        Assert.All(found.Items, p => Assert.Contains(lastName.ToLowerInvariant(), (p.Name + " " + p.Email + " " + p.ExternalId + " " + p.JobTitle + " " + p.Department).ToLowerInvariant(), StringComparison.Ordinal));

        var engineers = await (await client.GetAsync("/api/people?department=Engineering&level=1&pageSize=500")).ReadAsync<Page<PersonSummary>>();
        Assert.NotEmpty(engineers.Items);
        Assert.All(engineers.Items, p => Assert.True(p.Department == "Engineering" && p.Level == 1));
        Assert.True(engineers.Total < all.Total);
    }

    [Fact]
    public async Task Person_is_created_updated_and_deactivated()
    {
        using var client = app.As(Roles.Admin);
        var input = new PersonInput
        {
            ExternalId = "API-" + Guid.NewGuid().ToString("N")[..8], Name = "Ada Lovelace", Email = "ada@example.com",
            Department = "Engineering", Level = 2, TimeZone = "Europe/London", Interests = ["maths", "poetry"],
        };
        var created = await client.PostJsonAsync("/api/people", input);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var person = await created.ReadAsync<PersonDto>();
        Assert.Equal("Ada Lovelace", person.Name);
        Assert.Equal(["maths", "poetry"], person.Interests);

        var updated = await (await client.PutJsonAsync($"/api/people/{person.Id}", input with { Name = "Ada King", Level = 3 })).ReadAsync<PersonDto>();
        Assert.Equal("Ada King", updated.Name);
        Assert.Equal(3, updated.Level);

        var duplicate = await client.PostJsonAsync("/api/people", input);
        await AssertFieldProblem(duplicate, "externalId");

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/people/{person.Id}/deactivate", null)).StatusCode);
        var after = await (await client.GetAsync($"/api/people/{person.Id}")).ReadAsync<PersonDto>();
        Assert.False(after.Active);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/people/987654")).StatusCode);
    }

    [Fact]
    public async Task Bad_person_input_gets_problem_details_naming_the_field()
    {
        using var client = app.As(Roles.Admin);
        var good = new PersonInput { ExternalId = "BAD-1", Name = "Someone", Level = 2 };
        await AssertFieldProblem(await client.PostJsonAsync("/api/people", good with { Level = 9 }), "level");
        await AssertFieldProblem(await client.PostJsonAsync("/api/people", good with { TimeZone = "Mars/Olympus" }), "timeZone");
        await AssertFieldProblem(await client.PostJsonAsync("/api/people", good with { Name = "" }), "name");
        await AssertFieldProblem(await client.PostJsonAsync("/api/people", good with { OfficeId = 99999 }), "officeId");
        await AssertFieldProblem(await client.PostJsonAsync("/api/people", good with { ManagerId = 99999 }), "managerId");
    }

    [Fact]
    public async Task Manager_cannot_be_someone_in_the_persons_own_reporting_line()
    {
        using var client = app.As(Roles.Admin);
        var boss = await (await client.PostJsonAsync("/api/people", new PersonInput { ExternalId = "LOOP-A", Name = "Boss", Level = 4 })).ReadAsync<PersonDto>();
        var report = await (await client.PostJsonAsync("/api/people", new PersonInput { ExternalId = "LOOP-B", Name = "Report", Level = 2, ManagerId = boss.Id })).ReadAsync<PersonDto>();
        var loop = await client.PutJsonAsync($"/api/people/{boss.Id}", new PersonInput { ExternalId = "LOOP-A", Name = "Boss", Level = 4, ManagerId = report.Id });
        await AssertFieldProblem(loop, "managerId");
    }

    [Fact]
    public async Task Roles_see_only_what_they_may()
    {
        using var mentee = app.As(Roles.Mentee);
        Assert.Equal(HttpStatusCode.Forbidden, (await mentee.GetAsync("/api/people")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mentee.PostJsonAsync("/api/offices", new OfficeInput { Name = "X", TimeZone = "UTC" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentee.GetAsync("/api/offices")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentee.GetAsync("/api/programs")).StatusCode);

        var me = await (await mentee.GetAsync("/api/me")).ReadAsync<MeDto>();
        Assert.Equal(["mentee"], me.Roles);
        Assert.NotNull(me.PersonId);
        Assert.Contains(me.Enrollments, e => e.Role == EnrollmentRole.Mentee);
    }

    [Fact]
    public async Task Api_tokens_are_shown_once_stored_hashed_and_revocable()
    {
        using var sponsor = app.As(Roles.Sponsor);
        var created = await (await sponsor.PostJsonAsync("/api/tokens", new TokenInput { Name = "reporting script" })).ReadAsync<CreatedApiToken>();
        Assert.StartsWith("mtk_", created.Secret, StringComparison.Ordinal);

        await using (var db = app.OpenContext())
        {
            var stored = await db.ApiTokens.SingleAsync(t => t.Id == created.Token.Id);
            Assert.NotEqual(created.Secret, stored.Hash);
            Assert.DoesNotContain(created.Secret, stored.Hash + stored.Prefix + stored.Name, StringComparison.Ordinal);
        }

        using var script = app.Anonymous();
        script.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/me")).StatusCode);
        var listed = await (await script.GetAsync("/api/tokens")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(created.Secret, listed, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await sponsor.DeleteAsync($"/api/tokens/{created.Token.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/me")).StatusCode);

        // Nobody revokes someone else's token.
        using var mentor = app.As(Roles.Mentor);
        var mine = await (await mentor.PostJsonAsync("/api/tokens", new TokenInput { Name = "mine" })).ReadAsync<CreatedApiToken>();
        Assert.Equal(HttpStatusCode.NotFound, (await sponsor.DeleteAsync($"/api/tokens/{mine.Token.Id}")).StatusCode);
    }

    [Fact]
    public async Task Import_endpoint_reports_counts_and_line_errors()
    {
        using var client = app.As(Roles.Admin);
        const string csv = "EmployeeNumber,Full Name,Department,JobLevel,Office,Time Zone\r\nIMP-1,Grace Hopper,Engineering,3,London,\r\nIMP-2,Alan Turing,Research,2,,Europe/London\r\n";
        var dry = await (await client.PostAsync("/api/people/import?dryRun=true", new StringContent(csv, Encoding.UTF8, "text/csv"))).ReadAsync<ImportResult>();
        Assert.Equal((2, 0, 0, true), (dry.Created, dry.Updated, dry.Unchanged, dry.DryRun));
        await using (var db = app.OpenContext())
        {
            Assert.False(await db.People.AnyAsync(p => p.ExternalId == "IMP-1"));
        }

        var result = await (await client.PostAsync("/api/people/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).ReadAsync<ImportResult>();
        Assert.Equal((2, 0, 0), (result.Created, result.Updated, result.Unchanged));

        using var form = new MultipartFormDataContent { { new StringContent(csv.Replace("Grace Hopper", "Grace B. Hopper", StringComparison.Ordinal)), "file", "people.csv" } };
        var again = await (await client.PostAsync("/api/people/import", form)).ReadAsync<ImportResult>();
        Assert.Equal((0, 1, 1), (again.Created, again.Updated, again.Unchanged));

        var bad = await client.PostAsync("/api/people/import", new StringContent(csv + "IMP-3,Bad Level,Sales,7,,\r\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var doc = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        var error = doc.RootElement.GetProperty("errors")[0];
        Assert.Equal(4, error.GetProperty("line").GetInt32());
        Assert.Equal("JobLevel", error.GetProperty("column").GetString());
    }

    [Fact]
    public async Task Offices_and_programs_and_enrollments()
    {
        using var admin = app.As(Roles.Admin);
        var office = await (await admin.PostJsonAsync("/api/offices", new OfficeInput
        {
            Name = "Berlin " + Guid.NewGuid().ToString("N")[..6], TimeZone = "Europe/Berlin",
            Rooms = [new RoomInput { Name = "Spree", Capacity = 6 }, new RoomInput { Name = "Tiergarten", Capacity = 12 }],
        })).ReadAsync<OfficeDto>();
        Assert.Equal(["Spree", "Tiergarten"], office.Rooms.Select(r => r.Name));
        await AssertFieldProblem(await admin.PostJsonAsync("/api/offices", new OfficeInput { Name = "Nowhere", TimeZone = "Not/AZone" }), "timeZone");
        await AssertFieldProblem(await admin.PostJsonAsync("/api/offices", new OfficeInput { Name = office.Name, TimeZone = "Europe/Berlin" }), "name");

        var edited = await (await admin.PutJsonAsync($"/api/offices/{office.Id}", new OfficeInput
        {
            Name = office.Name, TimeZone = "Europe/Berlin", Rooms = [new RoomInput { Name = "Spree", Capacity = 8 }],
        })).ReadAsync<OfficeDto>();
        Assert.Equal(office.Rooms[0].Id, Assert.Single(edited.Rooms).Id);
        Assert.Equal(8, edited.Rooms[0].Capacity);

        var program = await (await admin.PostJsonAsync("/api/programs", new ProgramInput
        {
            Name = "Group lunches", Kind = ProgramKind.Group, Status = ProgramStatus.Active, StartDate = new DateOnly(2026, 12, 1),
        })).ReadAsync<ProgramDto>();
        await AssertFieldProblem(await admin.PutJsonAsync($"/api/programs/{program.Id}", new ProgramInput
        {
            Name = "Group lunches", StartDate = new DateOnly(2026, 12, 1), EndDate = new DateOnly(2026, 11, 1),
        }), "endDate");

        var personId = await app.AnyPersonIdAsync();
        var enrollment = await (await admin.PostJsonAsync($"/api/programs/{program.Id}/enrollments", new EnrollmentInput
        {
            PersonId = personId, Role = EnrollmentRole.Mentor, Capacity = 3, PreferredFormats = [ActivityFormats.GroupLunch],
        })).ReadAsync<EnrollmentDto>();
        Assert.Equal(3, enrollment.Capacity);
        await AssertFieldProblem(await admin.PostJsonAsync($"/api/programs/{program.Id}/enrollments", new EnrollmentInput { PersonId = personId }), "personId");
        await AssertFieldProblem(await admin.PostJsonAsync($"/api/programs/{program.Id}/enrollments", new EnrollmentInput
        {
            PersonId = personId + 1, PreferredFormats = ["karaoke"],
        }), "preferredFormats");

        var listed = await (await admin.GetAsync($"/api/programs/{program.Id}/enrollments")).ReadAsync<List<EnrollmentDto>>();
        Assert.Equal(enrollment.Id, Assert.Single(listed).Id);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/enrollments/{enrollment.Id}")).StatusCode);
        var withKind = await admin.GetStringAsync($"/api/programs/{program.Id}");
        Assert.Contains("\"kind\":\"group\"", withKind, StringComparison.Ordinal);
    }

    private static async Task AssertFieldProblem(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        var errors = doc.RootElement.GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase)),
            $"no error for {field}: {body}");
    }
}

public sealed class SqliteApiTests(SqliteAppFixture app) : ApiTests<SqliteAppFixture>(app);

public sealed class PostgresApiTests(PostgresAppFixture app) : ApiTests<PostgresAppFixture>(app);
