using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mentoring.Domain;
using Mentoring.Features.People;
using Mentoring.Features.Programs;
using Mentoring.Features.Reports;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Reports;

/// <summary>
/// The IBM roster imported through the API, a program with mentees and mentors enrolled through the
/// API, and its report from the API, the CSV and the command line against an independent computation.
/// </summary>
public sealed class ProgramReportTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    private const string AsOf = "2027-03-01";

    private static async Task<int> CreateProgramAsync(HttpClient admin, string name, bool started = true)
    {
        using var created = await admin.PostJsonAsync("/api/programs", new ProgramInput
        {
            Name = name, Kind = ProgramKind.Mentoring, Status = ProgramStatus.Active, StartDate = started ? new DateOnly(2027, 1, 4) : null,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadAsync<JsonObject>())["id"]!.GetValue<int>();
    }

    private async Task EnsureIbmRosterAsync()
    {
        await using (var db = app.OpenContext())
        {
            if (await db.People.AnyAsync(p => p.ExternalId == "1470"))
            {
                return;
            }
        }
        using var admin = app.As(Roles.Admin);
        using var imported = await admin.PostAsync("/api/people/import",
            new StringContent(await File.ReadAllTextAsync(RepoPaths.IbmRoster), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal("1470 created, 0 updated, 0 unchanged", (await imported.ReadAsync<ImportResult>()).Summary);
        // Two juniors in a department of their own: a segment under k, which hides the next-smallest too.
        await using var context = app.OpenContext();
        foreach (var id in new[] { "LEGAL-1", "LEGAL-2" })
        {
            var person = new Person { ExternalId = id, Name = "Legal " + id, Department = "Legal", Level = 1 };
            person.RefreshSearchText();
            context.People.Add(person);
        }
        await context.SaveChangesAsync();
    }

    [Fact]
    public async Task Ibm_roster_report_agrees_with_an_independent_computation_from_the_api_the_csv_and_the_command_line()
    {
        await EnsureIbmRosterAsync();
        using var admin = app.As(Roles.Admin);
        var programId = await CreateProgramAsync(admin, "Hybrid Mentoring 2027");

        List<(int Id, string ExternalId, int Level, string? Department)> ibm;
        await using (var db = app.OpenContext())
        {
            ibm = (await db.People.AsNoTracking().Select(p => new { p.Id, p.ExternalId, p.Level, p.Department }).ToListAsync())
                .Where(p => int.TryParse(p.ExternalId, out _)).Select(p => (p.Id, p.ExternalId, p.Level, p.Department)).ToList();
        }
        var number = (string id) => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
        var mentees = ibm.Where(p => p.Level == 1 && number(p.ExternalId) % 2 == 0).ToList();
        var mentors = ibm.Where(p => p.Level >= 3 && number(p.ExternalId) % 5 == 0).ToList();
        // Three participants: a group under k, hidden on its own size.
        var participants = ibm.Where(p => p.Level == 2 && number(p.ExternalId) % 7 == 0).Take(3).ToList();
        var enrolled = new List<(int PersonId, string Role)>();
        foreach (var (people, role) in new[] { (mentees, EnrollmentRole.Mentee), (mentors, EnrollmentRole.Mentor), (participants, EnrollmentRole.Participant) })
        {
            foreach (var p in people)
            {
                using var enrolling = await admin.PostJsonAsync($"/api/programs/{programId}/enrollments", new { personId = p.Id, role });
                Assert.Equal(HttpStatusCode.Created, enrolling.StatusCode);
                enrolled.Add((p.Id, role.ToString().ToLowerInvariant()));
            }
        }
        // One mentee leaves by deactivation (their HR attribute still says they stayed, or not: either way they left).
        using (var deactivated = await admin.PostAsync($"/api/people/{mentees[0].Id}/deactivate", null))
        {
            Assert.True(deactivated.IsSuccessStatusCode, $"deactivate answered {(int)deactivated.StatusCode}");
        }

        // The independent computation reads the roster as the store holds it (the demo people too).
        object[] roster;
        await using (var db = app.OpenContext())
        {
            roster = (await db.People.AsNoTracking().Include(p => p.Office).ToListAsync()).Select(p => (object)new
            {
                id = p.Id, level = p.Level, department = p.Department, office = p.Office?.Name, active = p.Active,
                attrition = p.Attributes.GetValueOrDefault("Attrition"),
            }).ToArray();
        }
        var expected = Independent.Run(new
        {
            k = 5, juniorMaxLevel = 2, people = roster, enrolled = enrolled.Select(e => new { personId = e.PersonId, role = e.Role }).ToArray(),
        })["report"]!;

        using var sponsor = app.As(Roles.Sponsor);
        using var response = await sponsor.GetAsync($"/api/programs/{programId}/report?asOf={AsOf}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadAsync<ProgramReport>();
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(AsOf, report.AsOf);
        Assert.Equal("mentoring", json["program"]!["kind"]!.GetValue<string>());
        Assert.Equal("active", json["program"]!["status"]!.GetValue<string>());
        Assert.Equal(expected["juniors"]!.GetValue<int>(), report.Coverage.Juniors);
        Assert.Equal(expected["enrolled"]!.GetValue<int>(), report.Coverage.Enrolled);
        Assert.Equal(0, report.Coverage.Reached);
        Assert.Equal(mentees.Count, report.Retention.Mentees.N);
        Assert.Equal(mentors.Count, report.Retention.Mentors.N);
        Assert.True(report.Retention.Participants.Hidden);
        Assert.Null(json["retention"]!["participants"]!["n"]);
        Assert.Null(json["retention"]!["participants"]!["pValue"]);

        var csv = ParseCsv(await (await sponsor.GetAsync($"/api/programs/{programId}/report.csv?section=retention&asOf={AsOf}")).Content.ReadAsStringAsync());
        foreach (var name in new[] { "mentees", "mentors", "participants" })
        {
            var e = expected[name]!;
            var fromJson = name switch { "mentees" => report.Retention.Mentees, "mentors" => report.Retention.Mentors, _ => report.Retention.Participants };
            var row = csv[name];
            Assert.Equal(e["hidden"]!.GetValue<bool>(), fromJson.Hidden);
            Assert.Equal(e["hidden"]!.GetValue<bool>() ? "true" : "false", row["hidden"]);
            if (fromJson.Hidden)
            {
                Assert.Equal("", row["n"]);
                continue;
            }
            Assert.Equal(e["n"]!.GetValue<int>(), fromJson.N);
            Assert.Equal(e["stayed"]!.GetValue<int>(), fromJson.Stayed);
            Assert.Equal(e["n"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture), row["n"]);
            foreach (var (what, expectedValue, jsonValue, csvValue) in new[]
            {
                ("rate", e["rate"]!, fromJson.Rate, row["rate"]),
                ("ci95 low", e["ci95"]![0]!, fromJson.Ci95![0], row["ci95Low"]),
                ("ci95 high", e["ci95"]![1]!, fromJson.Ci95[1], row["ci95High"]),
                ("difference", e["difference"]!["value"]!, fromJson.Difference!.Value, row["difference"]),
                ("difference low", e["difference"]!["ci95"]![0]!, fromJson.Difference.Ci95[0], row["differenceLow"]),
                ("difference high", e["difference"]!["ci95"]![1]!, fromJson.Difference.Ci95[1], row["differenceHigh"]),
                ("p-value", e["pValue"]!, fromJson.PValue, row["pValue"]),
            })
            {
                Independent.Near(expectedValue.GetValue<double>(), jsonValue, $"{name} {what} (JSON)");
                Independent.Near(expectedValue.GetValue<double>(), double.Parse(csvValue, System.Globalization.CultureInfo.InvariantCulture), $"{name} {what} (CSV)");
            }
        }
        var b = expected["nonParticipants"]!;
        Assert.Equal(b["n"]!.GetValue<int>(), report.Retention.NonParticipants.N);
        Independent.Near(b["rate"]!.GetValue<double>(), report.Retention.NonParticipants.Rate, "non-participants rate");
        Independent.Near(b["ci95"], report.Retention.NonParticipants.Ci95, "non-participants ci95");

        // Segments: the same hidden ones, the same counts, in the same order.
        var segments = expected["segments"]!.AsArray();
        Assert.Equal(segments.Count, report.Equity.Segments.Count);
        for (var i = 0; i < segments.Count; i++)
        {
            var e = segments[i]!;
            var s = report.Equity.Segments[i];
            Assert.Equal((e["by"]!.GetValue<string>(), e["value"]?.GetValue<string>()), (s.By, s.Value));
            Assert.Equal(e["hidden"]!.GetValue<bool>(), s.Hidden);
            Assert.Equal(e["juniors"]?.GetValue<int>(), s.Juniors);
        }
        Assert.Contains(report.Equity.Segments, s => s is { By: "department", Value: "Legal", Hidden: true, Juniors: null, Rate: null });
        Assert.Equal(2, report.Equity.Segments.Count(s => s.By == "department" && s.Hidden));

        // The adjusted comparison pairs within level and department: never more pairs than participants.
        var adjusted = report.Retention.Adjusted;
        Assert.InRange(adjusted.Pairs, 1, mentees.Count + mentors.Count + participants.Count);
        Assert.NotNull(adjusted.Difference);
        Assert.Contains("paired", adjusted.Method, StringComparison.Ordinal);

        // Every section reads back as CSV with a header and rows.
        foreach (var section in ReportCsv.Sections)
        {
            using var sectionResponse = await sponsor.GetAsync($"/api/programs/{programId}/report.csv?section={section}&asOf={AsOf}");
            Assert.Equal(HttpStatusCode.OK, sectionResponse.StatusCode);
            Assert.StartsWith("text/csv", sectionResponse.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
            Assert.True((await sectionResponse.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length >= 2, section);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await sponsor.GetAsync($"/api/programs/999999/report")).StatusCode);

        // The command line writes the same CSV, and only it, to standard output.
        var cli = Run(["report", "program", programId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "csv", "--section", "retention", "--as-of", AsOf, .. app.Store.Settings]);
        Assert.True(cli.ExitCode == 0, cli.Error);
        Assert.Equal(await (await sponsor.GetAsync($"/api/programs/{programId}/report.csv?section=retention&asOf={AsOf}")).Content.ReadAsStringAsync(), cli.Output);
        var cliJson = Run(["report", "program", programId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--as-of", AsOf, .. app.Store.Settings]);
        Assert.True(cliJson.ExitCode == 0, cliJson.Error);
        Assert.Equal(json.ToJsonString(), JsonNode.Parse(cliJson.Output)!.ToJsonString());
    }

    [Fact]
    public async Task Bad_input_gets_a_problem_naming_the_field()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await CreateProgramAsync(admin, "Report input checks");
        var badDate = await admin.GetAsync($"/api/programs/{programId}/report?asOf=01/03/2027");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("asOf", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badSection = await admin.GetAsync($"/api/programs/{programId}/report.csv?section=everything");
        Assert.Equal(HttpStatusCode.BadRequest, badSection.StatusCode);
        Assert.Contains("section", await badSection.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var cli = Run(["report", "program", programId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "csv", .. app.Store.Settings]);
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("--section", cli.Error, StringComparison.Ordinal);
        Assert.Equal("", cli.Output);
    }

    [Fact]
    public async Task Held_sessions_decide_reach_office_days_and_check_ins_as_of_a_date()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await CreateProgramAsync(admin, "Held sessions");
        var zone = DateTimeZoneProviders.Tzdb["Europe/London"];
        int mentorId;
        var juniorIds = new List<int>();
        await using (var db = app.OpenContext())
        {
            var people = new List<Person>();
            for (var i = 0; i < 4; i++)
            {
                var p = new Person { ExternalId = $"HELD-{programId}-{i}", Name = $"Held {i}", Level = i == 0 ? 4 : 1, Department = "Held" };
                p.RefreshSearchText();
                people.Add(p);
            }
            db.People.AddRange(people);
            await db.SaveChangesAsync();
            mentorId = people[0].Id;
            juniorIds.AddRange(people.Skip(1).Select(p => p.Id));
        }
        foreach (var (id, role) in juniorIds.Select(id => (id, EnrollmentRole.Mentee)).Append((mentorId, EnrollmentRole.Mentor)))
        {
            using var response = await admin.PostJsonAsync($"/api/programs/{programId}/enrollments", new { personId = id, role });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        await using (var db = app.OpenContext())
        {
            var created = new LocalDate(2027, 1, 4).AtStartOfDayInZone(zone).ToInstant();
            var mentorships = juniorIds.Select(j => new Mentorship { ProgramId = programId, MentorId = mentorId, MenteeId = j, CreatedAt = created }).ToList();
            db.Mentorships.AddRange(mentorships);
            await db.SaveChangesAsync();
            ScheduledSession Session(int mentorship, LocalDate date, string kind, SessionStatus status, AttendeeResponse response, int mentee)
            {
                var start = date.At(new LocalTime(12, 0)).InZoneLeniently(zone).ToInstant();
                return new ScheduledSession
                {
                    ProgramId = programId, Kind = kind, Title = "Lunch", HostId = mentorId, Date = date, Start = start, End = start + Duration.FromHours(1),
                    TimeZone = "Europe/London", Status = status, Uid = Guid.NewGuid().ToString(), MentorshipId = mentorship, CreatedAt = created,
                    Attendees = [new SessionAttendee { PersonId = mentee, Response = response }],
                };
            }
            db.Sessions.AddRange(
                // Junior 1: held in person on day 10, and again by video on day 40.
                Session(mentorships[0].Id, new LocalDate(2027, 1, 14), ActivityFormats.Lunch, SessionStatus.Accepted, AttendeeResponse.Accepted, juniorIds[0]),
                Session(mentorships[0].Id, new LocalDate(2027, 2, 13), ActivityFormats.VirtualCheckin, SessionStatus.Proposed, AttendeeResponse.Pending, juniorIds[0]),
                // Junior 2: declined, and a cancelled one: never reached.
                Session(mentorships[1].Id, new LocalDate(2027, 1, 15), ActivityFormats.Lunch, SessionStatus.Proposed, AttendeeResponse.Declined, juniorIds[1]),
                Session(mentorships[1].Id, new LocalDate(2027, 1, 20), ActivityFormats.Lunch, SessionStatus.Cancelled, AttendeeResponse.Accepted, juniorIds[1]),
                // Junior 3: in person on day 45, after the first report date.
                Session(mentorships[2].Id, new LocalDate(2027, 2, 18), ActivityFormats.Lunch, SessionStatus.Accepted, AttendeeResponse.Accepted, juniorIds[2]));
            // Check-ins: junior 1's pair both logged the same day (once), and again after the first report date.
            CheckIn Logged(int mentorship, int author, LocalDate on) => new()
            {
                MentorshipId = mentorship, AuthorId = author, On = on, Met = true, Rating = 4, CreatedAt = on.AtStartOfDayInZone(zone).ToInstant(),
            };
            db.CheckIns.AddRange(
                Logged(mentorships[0].Id, juniorIds[0], new LocalDate(2027, 1, 14)),
                Logged(mentorships[0].Id, mentorId, new LocalDate(2027, 1, 14)),
                Logged(mentorships[0].Id, juniorIds[0], new LocalDate(2027, 2, 20)));
            await db.SaveChangesAsync();
        }
        var mandate = app.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReportOptions>>().Value.MandateDaysPerWeek;

        using var sponsor = app.As(Roles.Sponsor);
        var early = await (await sponsor.GetAsync($"/api/programs/{programId}/report?asOf=2027-02-14")).ReadAsync<ProgramReport>();
        var late = await (await sponsor.GetAsync($"/api/programs/{programId}/report?asOf=2027-02-28")).ReadAsync<ProgramReport>();

        // The host lunches on 14 January (and, by the late date, 18 February): office days over the weeks since the start.
        Assert.Equal(new OfficeDaysReport(6, 1, 1, 1.0 / 6, mandate, 6 * mandate), early.OfficeDays);
        Assert.Equal(new OfficeDaysReport(8, 1, 2, 2.0 / 8, mandate, 8 * mandate), late.OfficeDays);
        Assert.Equal(new MentorshipCounts(3, 0), late.Engagement.Mentorships);
        // Check-ins: with no plan, each pair expects one a week from 4 January (41 days to 14 February:
        // 5 each; 55 days to 28 February: 7 each); logged are the days a pair logged one.
        Assert.Equal(new CheckInCounts(15, 1, 1.0 / 15), early.Engagement.CheckIns);
        Assert.Equal(new CheckInCounts(21, 2, 2.0 / 21), late.Engagement.CheckIns);

        // Juniors are the whole store's; matched and reached are this program's. Junior 1 first met
        // 10 days after being matched, junior 3 after 45; junior 2's sessions were declined or cancelled.
        Assert.Equal((3, 1, 1, 10.0), (early.Coverage.Matched, early.Coverage.Reached, early.Coverage.ReachedWithin30Days, early.Coverage.MedianDaysToFirstSession));
        Assert.Equal((3, 2, 1, 27.5), (late.Coverage.Matched, late.Coverage.Reached, late.Coverage.ReachedWithin30Days, late.Coverage.MedianDaysToFirstSession));
        Assert.Equal(3, late.Coverage.Enrolled);
    }

    [Fact]
    public async Task The_pages_the_print_page_and_the_pdf_show_the_report()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await CreateProgramAsync(admin, "Report pages");
        using var sponsor = app.WithCookieOnly(Roles.Sponsor);
        var page = await sponsor.GetAsync($"/Programs/{programId}/Report?asOf={AsOf}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<svg class=\"report-chart\" id=\"chart-funnel\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-retention\"", html, StringComparison.Ordinal);
        Assert.Contains(ReportService.Caveat, html, StringComparison.Ordinal);
        Assert.Contains("Hidden: fewer than 5", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script(?![^>]*src=)", html);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        var print = await (await sponsor.GetAsync($"/Programs/{programId}/Report/Print?asOf={AsOf}")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"chart-funnel\"", print, StringComparison.Ordinal);
        Assert.DoesNotContain("site-nav", print, StringComparison.Ordinal);
        Assert.Contains("reports.css", print, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await sponsor.GetAsync("/Programs/999999/Report")).StatusCode);
        var details = await app.WithCookieOnly(Roles.Admin).GetStringAsync($"/Programs/{programId}");
        Assert.Contains($"href=\"/Programs/{programId}/Report\"", details, StringComparison.Ordinal);
        Assert.Contains("href=\"/Reports\"", details, StringComparison.Ordinal);

        using var api = app.As(Roles.Sponsor);
        var pdf = await api.GetAsync($"/api/programs/{programId}/report.pdf?asOf={AsOf}");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        using var document = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(bytes), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.True(document.PageCount >= 1);

        var organisation = await api.GetAsync($"/api/reports/organisation?asOf={AsOf}");
        Assert.Equal(HttpStatusCode.OK, organisation.StatusCode);
        var org = JsonNode.Parse(await organisation.Content.ReadAsStringAsync())!;
        Assert.Equal(org["reach"]!["juniors"]!.GetValue<int>(), org["reach"]!["reached"]!.GetValue<int>() + org["reach"]!["notReached"]!.GetValue<int>());
        var orgPage = await sponsor.GetAsync("/Reports");
        Assert.Equal(HttpStatusCode.OK, orgPage.StatusCode);
        Assert.Contains("mandate", await orgPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weekly_snapshot_is_kept_once_per_program_and_week()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await CreateProgramAsync(admin, "Snapshots", started: false);
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var snapshots = scope.ServiceProvider.GetRequiredService<ReportSnapshots>();
            Assert.True(await snapshots.TakeDueAsync(CancellationToken.None) >= 1);
            Assert.Equal(0, await snapshots.TakeDueAsync(CancellationToken.None));
        }
        using var sponsor = app.As(Roles.Sponsor);
        var list = await (await sponsor.GetAsync($"/api/programs/{programId}/report/snapshots")).ReadAsync<List<SnapshotDto>>();
        var only = Assert.Single(list);
        var asOf = LocalDate.FromDateTime(DateTime.Parse(only.AsOf, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(IsoDayOfWeek.Sunday, asOf.DayOfWeek);
    }

    private static Dictionary<string, Dictionary<string, string>> ParseCsv(string csv)
    {
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(','))
            .ToDictionary(cells => cells[0], cells => header.Zip(cells).ToDictionary(x => x.First, x => x.Second));
    }

    private sealed record Outcome(int ExitCode, string Output, string Error);

    private static Outcome Run(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mentoring.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Outcome(process.ExitCode, output.Result, error.Result);
    }
}
