using System.Net;
using System.Net.Http.Json;
using Mentoring.Domain;
using Mentoring.Features.Matching;
using Mentoring.Features.People;
using Mentoring.Features.Profiles;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Profiles;

/// <summary>
/// Profiles people keep themselves, through the real pipeline on each store: <c>/api/me/profile</c>
/// edits only the caller's person and names bad values; the thin-profiles list; the import summary
/// of a thin roster; and matching over the IBM roster never giving a reason it has no data for.
/// </summary>
public abstract class ProfileTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    private async Task<int> PersonOfAsync(string role)
    {
        await using var db = app.OpenContext();
        var email = AppFixture.EmailOfRole[role];
        return await db.Users.Where(u => u.Email == email).Select(u => u.PersonId!.Value).SingleAsync();
    }

    [Fact]
    public async Task A_person_reads_and_replaces_their_own_profile_and_nobody_elses()
    {
        using var mentee = app.As(Roles.Mentee);
        using var mentor = app.As(Roles.Mentor);
        var menteeId = await PersonOfAsync(Roles.Mentee);
        var mentorId = await PersonOfAsync(Roles.Mentor);
        var mentorBefore = await (await mentor.GetAsync("/api/me/profile")).ReadAsync<ProfileDto>();
        Assert.Equal(mentorId, mentorBefore.PersonId);

        var saved = await (await mentee.PutJsonAsync("/api/me/profile", new
        {
            interests = new[] { "climbing", " Climbing ", "chess" },
            skills = new[] { "sql" },
            values = new[] { "candour" },
            hopesToGet = new[] { "public speaking" },
            hopesToGive = new[] { "data modelling" },
            languages = new[] { "English", "Portuguese" },
            timeZone = "America/Sao_Paulo",
            workdayStart = "07:30",
            workdayEnd = "15:30",
            preferredFormats = new[] { "virtual-coffee", "Virtual-Checkin" },
            channels = new[] { "slack", "email" },
        })).ReadAsync<ProfileDto>();
        Assert.Equal(menteeId, saved.PersonId);
        // Repeats are dropped (ignoring case), formats and channels kept as the API spells them.
        Assert.Equal(["climbing", "chess"], saved.Interests);
        Assert.Equal(["virtual-coffee", "virtual-checkin"], saved.PreferredFormats);
        Assert.Equal(["slack", "email"], saved.Channels);
        Assert.Equal("07:30", saved.WorkdayStart);
        Assert.Equal("15:30", saved.WorkdayEnd);

        var read = await (await mentee.GetAsync("/api/me/profile")).ReadAsync<ProfileDto>();
        Assert.Equal(["English", "Portuguese"], read.Languages);
        Assert.Equal(["public speaking"], read.HopesToGet);
        Assert.Equal("America/Sao_Paulo", read.TimeZone);

        await using (var db = app.OpenContext())
        {
            var stored = await db.People.AsNoTracking().SingleAsync(p => p.Id == menteeId);
            Assert.Equal(new LocalTime(7, 30), stored.WorkdayStart);
            Assert.Equal(["data modelling"], stored.HopesToGive);
            var other = await db.People.AsNoTracking().SingleAsync(p => p.Id == mentorId);
            Assert.Equal(mentorBefore.Interests, other.Interests);
            Assert.Empty(other.Languages);
        }
        var mentorAfter = await (await mentor.GetAsync("/api/me/profile")).ReadAsync<ProfileDto>();
        Assert.Equal(mentorBefore.Interests, mentorAfter.Interests);
        Assert.Equal(mentorBefore.TimeZone, mentorAfter.TimeZone);

        // PUT replaces: what is left out is cleared.
        var cleared = await (await mentee.PutJsonAsync("/api/me/profile", new { interests = new[] { "chess" } })).ReadAsync<ProfileDto>();
        Assert.Empty(cleared.Languages);
        Assert.Null(cleared.WorkdayStart);
        Assert.Null(cleared.TimeZone);
    }

    [Theory]
    [InlineData("{\"timeZone\":\"Mars/Olympus_Mons\"}", "timeZone", "unknown time zone")]
    [InlineData("{\"workdayStart\":\"17:00\",\"workdayEnd\":\"09:00\"}", "workdayEnd", "not after the start")]
    [InlineData("{\"workdayStart\":\"09:00\",\"workdayEnd\":\"09:00\"}", "workdayEnd", "not after the start")]
    [InlineData("{\"workdayStart\":\"25:00\",\"workdayEnd\":\"26:00\"}", "workdayStart", "not a time of day")]
    [InlineData("{\"workdayStart\":\"08:00\"}", "workdayEnd", "is needed")]
    [InlineData("{\"preferredFormats\":[\"lunch\",\"karaoke\"]}", "preferredFormats", "unknown format \\\"karaoke\\\"")]
    [InlineData("{\"channels\":[\"pager\"]}", "channels", "unknown channel")]
    [InlineData("{\"languages\":[\"Eng\\nlish\"]}", "languages", "line break")]
    public async Task Bad_values_are_named_and_nothing_is_written(string body, string field, string message)
    {
        using var mentor = app.As(Roles.Mentor);
        var before = await (await mentor.GetAsync("/api/me/profile")).ReadAsync<ProfileDto>();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await mentor.PutAsync("/api/me/profile", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
        Assert.Contains(message, text, StringComparison.Ordinal);
        var after = await (await mentor.GetAsync("/api/me/profile")).ReadAsync<ProfileDto>();
        Assert.Equivalent(before, after, strict: true);
    }

    [Fact]
    public async Task Signing_in_is_needed()
    {
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/profile")).StatusCode);
    }

    [Fact]
    public async Task The_ibm_roster_is_counted_as_thin_and_matched_without_reasons_it_has_no_data_for()
    {
        using var admin = app.As(Roles.Admin);
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(RepoPaths.IbmRoster));
        body.Headers.ContentType = new("text/csv");
        var dry = await (await admin.PostAsync("/api/people/import?dryRun=true", body)).ReadAsync<ImportResult>();
        Assert.Equal(new ImportGaps(1470, 1470, 1470, 1470), dry.Gaps);
        using var raw = await admin.PostAsync("/api/people/import", new ByteArrayContent(await File.ReadAllBytesAsync(RepoPaths.IbmRoster))
        {
            Headers = { ContentType = new("text/csv") },
        });
        var json = await raw.Content.ReadAsStringAsync();
        Assert.True(raw.IsSuccessStatusCode, json);
        Assert.Contains("\"warnings\":[", json, StringComparison.Ordinal);
        Assert.Contains("1,470 people have no e-mail: no sign-in, no invitations", json, StringComparison.Ordinal);
        Assert.Contains("1,470 people have no office: no in-person scheduling", json, StringComparison.Ordinal);
        Assert.Contains("no working-hours fit", json, StringComparison.Ordinal);
        Assert.Equal(new ImportGaps(1470, 1470, 1470, 1470), System.Text.Json.JsonSerializer.Deserialize<ImportResult>(json, HttpExtensions.JsonOptions)!.Gaps);

        // A program of IBM people only (departments the demo organisation does not have).
        var program = await (await admin.PostJsonAsync("/api/programs/", new Mentoring.Features.Programs.ProgramInput
        {
            Name = "IBM mentoring " + typeof(TFixture).Name, Kind = ProgramKind.Mentoring, Status = ProgramStatus.Active,
        })).ReadAsync<Mentoring.Features.Programs.ProgramDto>();
        string[] departments = ["Human Resources", "Research & Development"];
        var mentees = await admin.PostAsJsonAsync($"/api/programs/{program.Id}/enrollments/bulk", new { role = "mentee", levels = new[] { 1, 2 }, departments });
        Assert.True(mentees.IsSuccessStatusCode, await mentees.Content.ReadAsStringAsync());
        var mentors = await admin.PostAsJsonAsync($"/api/programs/{program.Id}/enrollments/bulk", new { role = "mentor", levels = new[] { 3, 4, 5 }, departments, capacity = 2 });
        Assert.True(mentors.IsSuccessStatusCode, await mentors.Content.ReadAsStringAsync());

        var thin = await (await admin.GetAsync($"/api/programs/{program.Id}/thin-profiles")).ReadAsync<List<ThinProfile>>();
        await using (var db = app.OpenContext())
        {
            Assert.Equal(await db.Enrollments.CountAsync(e => e.ProgramId == program.Id), thin.Count);
        }
        Assert.All(thin, t => Assert.Contains(ThinProfiles.NoTimeZone, t.Missing));
        Assert.All(thin, t => Assert.Contains(ThinProfiles.NoOffice, t.Missing));
        Assert.Contains("no working-hours fit", await admin.GetStringAsync($"/Programs/{program.Id}/Profiles"), StringComparison.Ordinal);

        var started = await admin.PostAsync($"/api/programs/{program.Id}/matching/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await started.ReadAsync<MatchRunDto>();
        for (var i = 0; i < 1200 && run.Status == MatchRunStatus.Running; i++)
        {
            await Task.Delay(100);
            run = await (await admin.GetAsync($"/api/matching/runs/{run.Id}")).ReadAsync<MatchRunDto>();
        }
        Assert.Equal(MatchRunStatus.Proposed, run.Status);
        var proposals = (await (await admin.GetAsync($"/api/matching/runs/{run.Id}")).ReadAsync<MatchRunDto>()).Proposals!;
        Assert.True(proposals.Count(p => p.Mentor is not null) > 100);
        var reasons = proposals.SelectMany(p => p.Reasons).ToList();
        Assert.NotEmpty(reasons);
        Assert.DoesNotContain(reasons, r => r.Text.Contains("working hours", StringComparison.OrdinalIgnoreCase) || r.Factor == "timeZone");
        Assert.DoesNotContain(reasons, r => r.Factor is "office" or "interests" or "values");
    }
}

public sealed class SqliteProfileTests(SqliteAppFixture app) : ProfileTests<SqliteAppFixture>(app);

public sealed class PostgresProfileTests(PostgresAppFixture app) : ProfileTests<PostgresAppFixture>(app);
