using System.Net;
using System.Text;
using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Features.Mentorships;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static Mentoring.Tests.Cohorts.CohortTestData;

namespace Mentoring.Tests.Mentorships;

/// <summary>
/// On the app's clock, a group that meets by its plan is on track; one that stops meeting needs a
/// check-in, then is at risk; its host is reminded once per missed meeting and the admins are told
/// once; members who stopped coming are named; the program health page shows the groups.
/// </summary>
public sealed class GroupHealthTests(FakeClockAppFixture app) : IClassFixture<FakeClockAppFixture>
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private sealed record Circle(int ProgramId, int GroupId, string Title, string HostEmail, DateTimeZone Zone, int Other, int Outsider);

    /// <summary>A group-mentoring circle made today: the demo mentor hosts the demo mentee and two more, weekly by its plan.</summary>
    private async Task<Circle> CircleAsync()
    {
        var people = await PeopleAsync(app);
        var programId = await ProgramAsync(app, people, people.Other, people.Outsider);
        var title = "Circle " + Guid.NewGuid().ToString("N")[..6];
        await using var db = app.OpenContext();
        var group = new GroupActivity
        {
            ProgramId = programId, Kind = ActivityFormats.GroupMentoring, Title = title, HostId = people.Mentor, Capacity = 6, CreatedAt = app.Clock!.GetCurrentInstant(),
            Members = new[] { people.Mentee, people.Other, people.Outsider }.Select(m => new GroupMember { PersonId = m }).ToList(),
        };
        db.GroupActivities.Add(group);
        await db.SaveChangesAsync();
        var host = await db.People.Include(p => p.Office).SingleAsync(p => p.Id == people.Mentor);
        using var mentor = app.As(Roles.Mentor);
        var plan = await mentor.PutAsync($"/api/groups/{group.Id}/plan", Body("""{"cadence":"weekly","day":"Tuesday","time":"10:00","channels":["in-person"],"timeZone":"Europe/London"}"""));
        Assert.True(plan.IsSuccessStatusCode, await plan.Content.ReadAsStringAsync());
        var goal = await mentor.PostAsync($"/api/groups/{group.Id}/goals", Body("""{"title":"Each of us gives one talk"}"""));
        Assert.True(goal.IsSuccessStatusCode, await goal.Content.ReadAsStringAsync());
        return new Circle(programId, group.Id, title, host.Email!, DateTimeZoneProviders.Tzdb[HealthQueries.ZoneOf(host)], people.Other, people.Outsider);
    }

    private async Task<JsonElement> HealthAsync(Circle circle)
    {
        using var admin = app.As(Roles.Admin);
        var response = await admin.GetAsync($"/api/programs/{circle.ProgramId}/health/groups");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).EnumerateArray().Single(g => g.GetProperty("groupId").GetInt32() == circle.GroupId);
    }

    private static string[] Reasons(JsonElement health) => health.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToArray();

    private string Today(Circle circle) => app.Clock!.GetCurrentInstant().InZone(circle.Zone).Date.ToString("yyyy-MM-dd", null);

    /// <summary>The host logs the meeting they held today; answers its id.</summary>
    private async Task<int> MeetAsync(Circle circle)
    {
        using var mentor = app.As(Roles.Mentor);
        var response = await mentor.PostAsync($"/api/groups/{circle.GroupId}/sessions", Body($$"""{"on":"{{Today(circle)}}","mode":"in-person"}"""));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
    }

    private async Task<List<string>> AdminsAsync()
    {
        await using var db = app.OpenContext();
        return await MentorshipSpaceService.AdminEmailsAsync(db, CancellationToken.None);
    }

    private Task<int> NudgeAsync() => app.App.Services.GetRequiredService<CheckInNudges>().NudgeAsync(CancellationToken.None);

    private async Task<List<Notification>> MessagesAsync(string templateKey, string title)
    {
        await using var db = app.OpenContext();
        return (await db.Notifications.AsNoTracking().Where(n => n.TemplateKey == templateKey).OrderBy(n => n.Id).ToListAsync())
            .Where(n => n.Subject.Contains(title, StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task A_group_on_schedule_is_on_track_then_quiet_it_needs_a_check_in_then_is_at_risk_and_its_host_and_the_admins_are_told_once()
    {
        var circle = await CircleAsync();
        var admins = await AdminsAsync();
        Assert.NotEmpty(admins);
        var fresh = await HealthAsync(circle);
        Assert.Equal("too-early", fresh.GetProperty("health").GetString());
        Assert.Equal(["no meeting yet"], Reasons(fresh));

        // Two weeks meeting every week: on track, and nobody is nudged.
        for (var week = 0; week < 2; week++)
        {
            app.Clock!.Advance(Duration.FromDays(7));
            await MeetAsync(circle);
        }
        var steady = await HealthAsync(circle);
        Assert.Equal("on-track", steady.GetProperty("health").GetString());
        Assert.Equal(2, steady.GetProperty("meetings").GetInt32());
        Assert.Equal(3, steady.GetProperty("members").GetArrayLength());
        Assert.Equal(Today(circle), steady.GetProperty("lastMeeting").GetString());
        await NudgeAsync();
        Assert.Empty(await MessagesAsync("group-quiet", circle.Title));

        // Ten days without a meeting (a week and two of grace): a meeting is missed; the host is reminded once, however often the job runs.
        app.Clock!.Advance(Duration.FromDays(10));
        var quiet = await HealthAsync(circle);
        Assert.Equal("needs-check-in", quiet.GetProperty("health").GetString());
        Assert.Equal(["a meeting is missed"], Reasons(quiet));
        await NudgeAsync();
        await NudgeAsync();
        var reminders = await MessagesAsync("group-quiet", circle.Title);
        var reminder = Assert.Single(reminders);
        Assert.Equal(circle.HostEmail, reminder.Recipient);
        Assert.Equal($"Time for {circle.Title} to meet", reminder.Subject);
        Assert.Contains($"/Groups/{circle.GroupId}/Space", reminder.Body, StringComparison.Ordinal);
        Assert.Contains("Its 3 members are waiting", reminder.Body, StringComparison.Ordinal);
        Assert.Empty(await MessagesAsync("group-at-risk", circle.Title));

        // A second missed meeting: at risk; the host is reminded of it and each admin is told, once.
        app.Clock.Advance(Duration.FromDays(7));
        var atRisk = await HealthAsync(circle);
        Assert.Equal("at-risk", atRisk.GetProperty("health").GetString());
        Assert.Equal(["2 meetings missed"], Reasons(atRisk));
        Assert.False(atRisk.GetProperty("adminTold").GetBoolean());
        await NudgeAsync();
        await NudgeAsync();
        Assert.Equal(2, (await MessagesAsync("group-quiet", circle.Title)).Count);
        var told = await MessagesAsync("group-at-risk", circle.Title);
        Assert.Equal(admins.Order(), told.Select(n => n.Recipient).Order());
        Assert.All(told, n => Assert.Contains("2 meetings missed", n.Body, StringComparison.Ordinal));
        Assert.True((await HealthAsync(circle)).GetProperty("adminTold").GetBoolean());

        // Still quiet a week on: the host hears of the third missed meeting; the admins were told of this spell already.
        app.Clock.Advance(Duration.FromDays(7));
        await NudgeAsync();
        Assert.Equal(3, (await MessagesAsync("group-quiet", circle.Title)).Count);
        Assert.Equal(admins.Count, (await MessagesAsync("group-at-risk", circle.Title)).Count);

        // The health page shows the group with its health and why; the groups CSV has its row. A mentor reaches neither.
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = await app.SignInAsync(AppFixture.EmailOfRole[Roles.Admin]) }) { BaseAddress = app.BaseAddress };
        var page = await browser.GetStringAsync($"/Programs/{circle.ProgramId}/Health");
        Assert.Contains("id=\"groups-heading\">Groups</h2>", page, StringComparison.Ordinal);
        Assert.Contains(circle.Title, page, StringComparison.Ordinal);
        Assert.Contains("3 meetings missed", page, StringComparison.Ordinal);
        Assert.Contains("Admins told", page, StringComparison.Ordinal);
        var csv = await browser.GetStringAsync($"/Programs/{circle.ProgramId}/Health?handler=GroupsCsv");
        Assert.StartsWith("group,title,format,host,members,health,why,last_meeting", csv, StringComparison.Ordinal);
        Assert.Contains($"{circle.GroupId},{circle.Title},group-mentoring,", csv, StringComparison.Ordinal);
        Assert.Contains(",at-risk,3 meetings missed,", csv, StringComparison.Ordinal);
        var filtered = await browser.GetStringAsync($"/Programs/{circle.ProgramId}/Health?handler=GroupsCsv&Filter=OnTrack");
        Assert.DoesNotContain(circle.Title, filtered, StringComparison.Ordinal);
        using var mentorPage = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = await app.SignInAsync(AppFixture.EmailOfRole[Roles.Mentor]) })
        {
            BaseAddress = app.BaseAddress,
        };
        Assert.NotEqual(HttpStatusCode.OK, (await mentorPage.GetAsync($"/Programs/{circle.ProgramId}/Health?handler=GroupsCsv")).StatusCode);

        // The group meets again: on track, and no reminder follows.
        await MeetAsync(circle);
        Assert.Equal("on-track", (await HealthAsync(circle)).GetProperty("health").GetString());
        await NudgeAsync();
        Assert.Equal(3, (await MessagesAsync("group-quiet", circle.Title)).Count);
    }

    [Fact]
    public async Task Members_who_stopped_coming_are_named_and_when_half_did_the_admins_are_told_once()
    {
        var circle = await CircleAsync();
        var admins = await AdminsAsync();
        // Each week the host logs the meeting; the members named say they were not there.
        async Task WeekAsync(params int[] absent)
        {
            app.Clock!.Advance(Duration.FromDays(7));
            var session = await MeetAsync(circle);
            foreach (var person in absent)
            {
                using var member = await AccountForAsync(app, person);
                var checkIn = await member.PostAsync($"/api/groups/{circle.GroupId}/checkins", Body($$"""{"met":false,"sessionId":{{session}}}"""));
                Assert.True(checkIn.IsSuccessStatusCode, await checkIn.Content.ReadAsStringAsync());
            }
        }
        async Task<string> NameAsync(int person)
        {
            await using var db = app.OpenContext();
            return (await db.People.SingleAsync(p => p.Id == person)).Name;
        }
        string[] Stopped(JsonElement health) => health.GetProperty("stoppedComing").EnumerateArray().Select(e => e.GetString()!).ToArray();

        await WeekAsync(circle.Outsider);
        await WeekAsync(circle.Outsider);
        var one = await HealthAsync(circle);
        Assert.Equal("needs-check-in", one.GetProperty("health").GetString());
        Assert.Equal(["1 of 3 members missed the last 2 meetings"], Reasons(one));
        Assert.Equal([await NameAsync(circle.Outsider)], Stopped(one));
        await NudgeAsync();
        Assert.Empty(await MessagesAsync("group-at-risk", circle.Title));

        // Two more weeks without a second member: two of three stopped coming, and the group is at risk though it meets.
        await WeekAsync(circle.Outsider, circle.Other);
        await WeekAsync(circle.Outsider, circle.Other);
        var two = await HealthAsync(circle);
        Assert.Equal("at-risk", two.GetProperty("health").GetString());
        Assert.Equal(["2 of 3 members missed the last 2 meetings"], Reasons(two));
        Assert.Equal(new[] { await NameAsync(circle.Outsider), await NameAsync(circle.Other) }.Order(StringComparer.Ordinal), Stopped(two));
        await NudgeAsync();
        await NudgeAsync();
        Assert.Equal(admins.Count, (await MessagesAsync("group-at-risk", circle.Title)).Count);
        Assert.Empty(await MessagesAsync("group-quiet", circle.Title));

        // Another meeting without the same two: the admins were told of them already.
        await WeekAsync(circle.Outsider, circle.Other);
        await NudgeAsync();
        Assert.Equal(admins.Count, (await MessagesAsync("group-at-risk", circle.Title)).Count);
    }

    [Fact]
    public async Task A_one_off_group_lunch_without_a_plan_is_not_judged_by_meetings_nor_its_host_nudged()
    {
        var people = await PeopleAsync(app);
        var programId = await ProgramAsync(app, people, people.Other, people.Outsider);
        var title = "Lunch " + Guid.NewGuid().ToString("N")[..6];
        int lunchId;
        await using (var db = app.OpenContext())
        {
            var today = app.Clock!.GetCurrentInstant().InUtc().Date;
            var lunch = new GroupActivity
            {
                ProgramId = programId, Kind = ActivityFormats.GroupLunch, Title = title, HostId = people.Mentor, Capacity = 6, Date = today,
                CreatedAt = app.Clock.GetCurrentInstant(), Members = new[] { people.Mentee, people.Other }.Select(m => new GroupMember { PersonId = m }).ToList(),
            };
            db.GroupActivities.Add(lunch);
            await db.SaveChangesAsync();
            lunchId = lunch.Id;
        }
        // Three weeks after the lunch: a weekly rule would call it at risk; it is simply over.
        app.Clock.Advance(Duration.FromDays(21));
        await NudgeAsync();
        using var admin = app.As(Roles.Admin);
        var response = await admin.GetAsync($"/api/programs/{programId}/health/groups");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain((await response.ReadJsonAsync()).EnumerateArray(), g => g.GetProperty("groupId").GetInt32() == lunchId);
        Assert.Empty(await MessagesAsync("group-quiet", title));
        Assert.Empty(await MessagesAsync("group-at-risk", title));
    }

    [Fact]
    public void The_rule_judges_a_group_by_its_meetings_and_who_still_comes()
    {
        var rule = new HealthRule();
        var start = new LocalDate(2027, 1, 4);
        GroupFacts Facts(int day, LocalDate[] meetings, int members = 4, int stopped = 0, int[]? ratings = null, PlanCadence cadence = PlanCadence.Weekly) =>
            new(start, start.PlusDays(day), cadence, meetings, ratings ?? [], 1, members, stopped);
        Assert.Equal(RelationshipHealth.TooEarly, MentorshipHealth.Judge(rule, Facts(3, [])).Health);
        Assert.Equal(RelationshipHealth.OnTrack, MentorshipHealth.Judge(rule, Facts(20, [start.PlusDays(7), start.PlusDays(14)])).Health);
        Assert.Equal(["a meeting is missed"], MentorshipHealth.Judge(rule, Facts(24, [start.PlusDays(14)])).Reasons);
        Assert.Equal(RelationshipHealth.AtRisk, MentorshipHealth.Judge(rule, Facts(31, [start.PlusDays(14)])).Health);
        // The same quiet is fine for a group that meets every month.
        Assert.Equal(RelationshipHealth.OnTrack, MentorshipHealth.Judge(rule, Facts(31, [start.PlusDays(14)], cadence: PlanCadence.Monthly)).Health);
        // One member of four who stopped coming needs a word; two of four put the group at risk.
        var one = MentorshipHealth.Judge(rule, Facts(20, [start.PlusDays(14)], stopped: 1));
        Assert.Equal((RelationshipHealth.NeedsCheckIn, "1 of 4 members missed the last 2 meetings"), (one.Health, one.Reasons.Single()));
        Assert.Equal(RelationshipHealth.AtRisk, MentorshipHealth.Judge(rule, Facts(20, [start.PlusDays(14)], stopped: 2)).Health);
        Assert.Equal(["recent ratings average 1.7"], MentorshipHealth.Judge(rule, Facts(20, [start.PlusDays(14)], ratings: [1, 2, 2])).Reasons);
    }
}
