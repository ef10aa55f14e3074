using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mentoring.Domain;
using Mentoring.Features.Enrollments;
using Mentoring.Features.Programs;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Enrollments;

/// <summary>
/// <c>POST /api/programs/{id}/enrollments/bulk</c> over the IBM roster imported through the API, its
/// counts checked against a count made here from the CSV itself, on each store.
/// </summary>
public abstract class BulkEnrollmentTests<TFixture>(TFixture app) : IClassFixture<TFixture>, IAsyncLifetime where TFixture : AppFixture
{
    private static readonly SemaphoreSlim ImportOnce = new(1, 1);

    /// <summary>The IBM rows as the CSV has them: HR id, department, job role, job level.</summary>
    private static readonly Lazy<IReadOnlyList<(string Id, string Department, string Title, int Level)>> Ibm = new(() =>
    {
        var lines = File.ReadAllLines(RepoPaths.IbmRoster);
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(c => (c[Column("EmployeeNumber")], c[Column("Department")], c[Column("JobRole")], int.Parse(c[Column("JobLevel")], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    });

    public async Task InitializeAsync()
    {
        await ImportOnce.WaitAsync();
        try
        {
            await using var db = app.OpenContext();
            if (!await db.People.AnyAsync(p => p.ExternalId == "1"))
            {
                using var admin = app.As(Roles.Admin);
                using var body = new ByteArrayContent(await File.ReadAllBytesAsync(RepoPaths.IbmRoster));
                body.Headers.ContentType = new("text/csv");
                var imported = await admin.PostAsync("/api/people/import", body);
                Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
            }
        }
        finally
        {
            ImportOnce.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> NewProgramAsync(HttpClient admin, string name, ProgramKind kind = ProgramKind.Mentoring)
    {
        var created = await admin.PostJsonAsync("/api/programs/", new ProgramInput { Name = name, Kind = kind, Status = ProgramStatus.Draft });
        return (await created.ReadAsync<ProgramDto>()).Id;
    }

    private async Task<int> CountEnrollmentsAsync(int programId)
    {
        await using var db = app.OpenContext();
        return await db.Enrollments.CountAsync(e => e.ProgramId == programId);
    }

    private static Task<HttpResponseMessage> BulkAsync(HttpClient client, int programId, object rule) =>
        client.PostAsJsonAsync($"/api/programs/{programId}/enrollments/bulk", rule);

    [Fact]
    public async Task Counts_match_the_csv_dry_run_writes_nothing_and_a_rerun_counts_those_already_enrolled()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await NewProgramAsync(admin, "Bulk by rule " + typeof(TFixture).Name);
        // Departments only IBM has, so that the demo organisation's people are not counted.
        string[] departments = ["Research & Development", "Human Resources"];
        var expected = Ibm.Value.Count(p => p.Level is 1 or 2 && departments.Contains(p.Department));
        Assert.InRange(expected, 100, 1470);
        var rule = new
        {
            role = "mentee", levels = new[] { 1, 2 }, departments, offices = Array.Empty<string>(), jobTitles = Array.Empty<string>(),
            hiredFrom = (string?)null, hiredTo = (string?)null, notInActiveProgram = true, neverMentored = false,
            externalIds = Array.Empty<string>(), capacity = (int?)null, dryRun = true,
        };

        var dry = await (await BulkAsync(admin, programId, rule)).ReadAsync<BulkEnrollmentResult>();
        Assert.Equal(new BulkEnrollmentResult(expected, expected, 0), dry);
        Assert.Equal(0, await CountEnrollmentsAsync(programId));

        var wet = await (await BulkAsync(admin, programId, rule with { dryRun = false })).ReadAsync<BulkEnrollmentResult>();
        Assert.Equal(new BulkEnrollmentResult(expected, expected, 0), wet);
        await using (var db = app.OpenContext())
        {
            var enrolled = await db.Enrollments.Where(e => e.ProgramId == programId).Select(e => new { e.Person!.ExternalId, e.Role }).ToListAsync();
            Assert.Equal(
                Ibm.Value.Where(p => p.Level is 1 or 2 && departments.Contains(p.Department)).Select(p => p.Id).Order().ToList(),
                enrolled.Select(e => e.ExternalId).Order().ToList());
            Assert.All(enrolled, e => Assert.Equal(EnrollmentRole.Mentee, e.Role));
        }

        // A wider rule: the same people are counted as already enrolled, the rest are new.
        var widerExpected = Ibm.Value.Count(p => p.Level is 1 or 2 or 3 && departments.Contains(p.Department));
        var again = await (await BulkAsync(admin, programId, rule with { levels = new[] { 1, 2, 3 }, dryRun = false })).ReadAsync<BulkEnrollmentResult>();
        Assert.Equal(new BulkEnrollmentResult(widerExpected, widerExpected - expected, expected), again);
        var rerun = await (await BulkAsync(admin, programId, rule with { levels = new[] { 1, 2, 3 }, dryRun = false })).ReadAsync<BulkEnrollmentResult>();
        Assert.Equal(new BulkEnrollmentResult(widerExpected, 0, widerExpected), rerun);
        Assert.Equal(widerExpected, await CountEnrollmentsAsync(programId));
    }

    [Fact]
    public async Task Job_titles_and_offices_combine_with_and_and_external_ids_alone_enroll_exactly_those_people()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await NewProgramAsync(admin, "Bulk by title " + typeof(TFixture).Name);
        string[] titles = ["sales executive", "Laboratory Technician"];
        var expected = Ibm.Value.Count(p => p.Level == 1 && (p.Title == "Sales Executive" || p.Title == "Laboratory Technician"));
        var counted = await (await BulkAsync(admin, programId, new { levels = new[] { 1 }, jobTitles = titles, dryRun = true })).ReadAsync<BulkEnrollmentResult>();
        Assert.Equal(expected, counted.Matched);

        // The IBM roster has no offices: any office leaves none of its people.
        var inLondon = await (await BulkAsync(admin, programId, new { jobTitles = titles, offices = new[] { "london" }, dryRun = true })).ReadAsync<BulkEnrollmentResult>();
        Assert.Equal(0, inLondon.Matched);

        string[] ids = ["1", "2", "4", "D1000"];
        var listed = await (await BulkAsync(admin, programId, new { role = "mentor", capacity = 3, externalIds = ids })).ReadAsync<BulkEnrollmentResult>();
        Assert.Equal(new BulkEnrollmentResult(4, 4, 0), listed);
        await using var db = app.OpenContext();
        var enrolled = await db.Enrollments.Where(e => e.ProgramId == programId).Select(e => new { e.Person!.ExternalId, e.Role, e.Capacity }).ToListAsync();
        Assert.Equal(ids.Order().ToList(), enrolled.Select(e => e.ExternalId).Order().ToList());
        Assert.All(enrolled, e => Assert.Equal((EnrollmentRole.Mentor, 3), (e.Role, e.Capacity)));
    }

    [Theory]
    [InlineData("""{"role":"coach"}""", "role")]
    [InlineData("""{"levels":[1,6]}""", "levels")]
    [InlineData("""{"levels":[0]}""", "levels")]
    [InlineData("""{"hiredFrom":"2024-05-01","hiredTo":"2024-01-01"}""", "hiredFrom")]
    [InlineData("""{"hiredTo":"last spring"}""", "hiredTo")]
    [InlineData("""{"offices":["Atlantis"]}""", "offices")]
    [InlineData("""{"offices":["999999"]}""", "offices")]
    [InlineData("""{"departments":["Sales","Alchemy"]}""", "departments")]
    [InlineData("""{"jobTitles":["Wizard"]}""", "jobTitles")]
    [InlineData("""{"role":"mentee","capacity":2}""", "capacity")]
    [InlineData("""{"role":"mentor","capacity":0}""", "capacity")]
    [InlineData("""{"externalIds":["1","no-such-id"]}""", "externalIds")]
    public async Task A_bad_field_is_named_and_nothing_is_written(string body, string field)
    {
        using var admin = app.As(Roles.Admin);
        var programId = await NewProgramAsync(admin, $"Bad {field} {Guid.NewGuid():N}");
        var response = await admin.PostAsync($"/api/programs/{programId}/enrollments/bulk", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(problem);
        var errors = json.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), problem);
        Assert.Single(errors.EnumerateObject());
        Assert.Equal(0, await CountEnrollmentsAsync(programId));
    }

    [Fact]
    public async Task Never_mentored_and_in_no_active_program_use_the_rules_of_matching_and_the_dashboard()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await NewProgramAsync(admin, "Reach " + typeof(TFixture).Name);
        await using var db = app.OpenContext();
        var demoJuniors = db.People.Where(p => p.Active && p.Level <= 2 && p.ExternalId.StartsWith("D"));
        var inActive = demoJuniors.Where(p => db.Enrollments.Any(e => e.PersonId == p.Id && e.Program!.Status == ProgramStatus.Active));
        var mentored = demoJuniors.Where(p => db.Mentorships.Any(m => m.MenteeId == p.Id));
        var all = await demoJuniors.CountAsync();
        Assert.True(await inActive.CountAsync() > 0 && await mentored.CountAsync() > 0, "the demo has juniors in programs and mentored ones");
        var departments = await demoJuniors.Select(p => p.Department!).Distinct().ToListAsync();

        async Task<int> Matched(bool notInActive, bool never) =>
            (await (await BulkAsync(admin, programId, new { levels = new[] { 1, 2 }, departments, notInActiveProgram = notInActive, neverMentored = never, dryRun = true }))
                .ReadAsync<BulkEnrollmentResult>()).Matched
            // The IBM people in those departments (Sales) are in no program and never mentored.
            - Ibm.Value.Count(p => p.Level is 1 or 2 && departments.Contains(p.Department));

        Assert.Equal(all, await Matched(false, false));
        Assert.Equal(all - await inActive.CountAsync(), await Matched(true, false));
        Assert.Equal(all - await mentored.CountAsync(), await Matched(false, true));
    }

    [Fact]
    public async Task The_enroll_page_previews_the_same_count_and_writes_nothing()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await NewProgramAsync(admin, "Page preview " + typeof(TFixture).Name);
        var expected = Ibm.Value.Count(p => p.Level == 1 && p.Department == "Human Resources");
        var response = await admin.GetAsync($"/Programs/{programId}/Enroll?way=rule&levels=1&departments=human+resources&notInActiveProgram=true&preview=true");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<strong>{expected} people match</strong>:", html);
        Assert.Contains($"Enroll {expected} people", html);
        Assert.Equal(0, await CountEnrollmentsAsync(programId));

        var search = await admin.GetAsync($"/Programs/{programId}/Enroll?way=one&q=D1017");
        Assert.Contains("Choose ", await search.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_program_is_404_and_only_admins_may_enroll()
    {
        using var admin = app.As(Roles.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await BulkAsync(admin, 999999, new { dryRun = true })).StatusCode);
        var programId = await NewProgramAsync(admin, "Refused " + typeof(TFixture).Name);
        foreach (var role in new[] { Roles.Mentor, Roles.Mentee, Roles.Sponsor })
        {
            using var other = app.As(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await BulkAsync(other, programId, new { externalIds = new[] { "1" } })).StatusCode);
        }
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await BulkAsync(anonymous, programId, new { externalIds = new[] { "1" } })).StatusCode);
        Assert.Equal(0, await CountEnrollmentsAsync(programId));
    }
}

public sealed class SqliteBulkEnrollmentTests(SqliteAppFixture app) : BulkEnrollmentTests<SqliteAppFixture>(app);

public sealed class PostgresBulkEnrollmentTests(PostgresAppFixture app) : BulkEnrollmentTests<PostgresAppFixture>(app);
