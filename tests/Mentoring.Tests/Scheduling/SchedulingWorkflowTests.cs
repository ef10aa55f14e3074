using System.Net;
using Mentoring.Domain;
using Mentoring.Features.Scheduling;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Scheduling;

/// <summary>Planning sessions, answering them, re-planning and calendars, through the real app on each store.</summary>
public abstract class SchedulingWorkflowTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    private async Task<int> DemoProgramIdAsync()
    {
        await using var db = app.OpenContext();
        return await db.Programs.Where(p => p.Name == "Hybrid Mentoring 2026").Select(p => p.Id).SingleAsync();
    }

    [Fact]
    public async Task Plan_accept_replan_keeps_accepted_and_calendars_follow()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await DemoProgramIdAsync();
        var period = new PlanInput(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 18), TimeLimitSeconds: 10);
        var plan = await (await admin.PostJsonAsync($"/api/programs/{programId}/schedule", period)).ReadAsync<PlanResult>();
        Assert.True(plan.Planned > 0);
        var sessions = await (await admin.GetAsync($"/api/programs/{programId}/schedule?from=2026-12-07&to=2026-12-18")).ReadAsync<List<SessionDto>>();
        var live = sessions.Where(s => s.Status != SessionStatus.Cancelled).ToList();
        Assert.Equal(plan.Planned, live.Count);

        await using (var db = app.OpenContext())
        {
            var people = await db.People.Include(p => p.Office).ToDictionaryAsync(p => p.Id);
            var taken = new HashSet<(int, DateOnly, DaySlot)>();
            foreach (var s in live)
            {
                foreach (var who in s.Attendees.Select(a => a.PersonId).Append(s.Host.Id))
                {
                    Assert.True(taken.Add((who, s.Date, s.Slot)), $"{people[who].Name} is double-booked on {s.Date} {s.Slot}");
                    var zone = DateTimeZoneProviders.Tzdb[people[who].EffectiveTimeZone!];
                    if (s.Kind is ActivityFormats.Lunch)
                    {
                        // In person only on the office's policy days (Tuesday to Thursday in the demo).
                        Assert.Contains(s.Date.DayOfWeek, new[] { DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday });
                    }
                    else
                    {
                        var localStart = Instant.FromDateTimeOffset(s.Start).InZone(zone).TimeOfDay;
                        var localEnd = Instant.FromDateTimeOffset(s.End).InZone(zone).TimeOfDay;
                        Assert.True(localStart >= new LocalTime(9, 0) && localEnd <= new LocalTime(17, 0),
                            $"{s.Title} is {localStart}–{localEnd} for {people[who].Name} ({zone.Id})");
                    }
                }
            }
        }

        // Seniors come in on few days: never more than a three-day mandate would ask over the same weeks.
        var officeDays = await (await admin.GetAsync($"/api/programs/{programId}/schedule/office-days?from=2026-12-07&to=2026-12-18")).ReadAsync<List<OfficeDaysRow>>();
        Assert.NotEmpty(officeDays);
        Assert.All(officeDays, row => Assert.True(row.ProgramDays <= row.MandateDays));
        Assert.True(officeDays.Sum(r => r.ProgramDays) < officeDays.Sum(r => r.MandateDays));

        // The demo mentee accepts their session; a re-plan keeps it and replaces the rest.
        using var mentee = app.As(Roles.Mentee);
        var mine = (await (await mentee.GetAsync("/api/me/sessions")).ReadAsync<List<SessionDto>>()).First(s => s.Date >= period.From && s.Date <= period.To);
        var accepted = await (await mentee.PostJsonAsync($"/api/sessions/{mine.Id}/respond", new RespondInput(AttendeeResponse.Accepted))).ReadAsync<SessionDto>();
        Assert.Equal(SessionStatus.Accepted, accepted.Status);
        var replan = await (await admin.PostJsonAsync($"/api/programs/{programId}/schedule", period)).ReadAsync<PlanResult>();
        Assert.Equal(1, replan.Kept);
        var after = await (await admin.GetAsync($"/api/programs/{programId}/schedule?from=2026-12-07&to=2026-12-18")).ReadAsync<List<SessionDto>>();
        var kept = after.Single(s => s.Id == mine.Id);
        Assert.Equal((SessionStatus.Accepted, mine.Date, mine.Slot), (kept.Status, kept.Date, kept.Slot));
        Assert.All(live.Where(s => s.Id != mine.Id), old => Assert.Equal(SessionStatus.Cancelled, after.Single(s => s.Id == old.Id).Status));

        // Someone not invited cannot answer.
        using var sponsor = app.As(Roles.Sponsor);
        Assert.Equal(HttpStatusCode.BadRequest, (await sponsor.PostJsonAsync($"/api/sessions/{mine.Id}/respond", new RespondInput(AttendeeResponse.Declined))).StatusCode);

        // The mentee's secret calendar feed holds the session; a new link revokes the old one.
        var link = await (await mentee.PostAsync("/api/me/calendar", null)).ReadAsync<CalendarLink>();
        using var calendarApp = new HttpClient();
        var feed = await calendarApp.GetAsync(link.Url);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var ics = await feed.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VTIMEZONE", ics, StringComparison.Ordinal);
        Assert.Contains("STATUS:CONFIRMED", ics, StringComparison.Ordinal);
        Assert.Contains(mine.Title, ics.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var again = await (await mentee.PostAsync("/api/me/calendar", null)).ReadAsync<CalendarLink>();
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(link.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.GetAsync(again.Url)).StatusCode);

        // Invitations carry the .ics file.
        await using var check = app.OpenContext();
        Assert.True(await check.Notifications.AnyAsync(n => n.Subject.StartsWith("Invitation:") && n.Attachment!.Contains("METHOD:REQUEST")));
    }

    [Fact]
    public async Task Declared_presence_moves_in_person_sessions_and_bad_periods_are_refused()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await DemoProgramIdAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync($"/api/programs/{programId}/schedule",
            new PlanInput(new DateOnly(2027, 2, 10), new DateOnly(2027, 2, 1)))).StatusCode);

        using var mentor = app.As(Roles.Mentor);
        // The demo mentor declares only Monday 2027-02-01 in the office, and is away the rest of that week.
        Assert.Equal(HttpStatusCode.NoContent, (await mentor.PutJsonAsync("/api/me/presence", new PresenceInput(new DateOnly(2027, 2, 1), PresenceKind.InOffice))).StatusCode);
        for (var day = 2; day <= 5; day++)
        {
            await mentor.PutJsonAsync("/api/me/presence", new PresenceInput(new DateOnly(2027, 2, day), PresenceKind.Unavailable));
        }
        await (await admin.PostJsonAsync($"/api/programs/{programId}/schedule", new PlanInput(new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 5), 10))).ReadAsync<PlanResult>();
        var mine = (await (await mentor.GetAsync("/api/me/sessions")).ReadAsync<List<SessionDto>>()).Where(s => s.Date >= new DateOnly(2027, 2, 1) && s.Date <= new DateOnly(2027, 2, 5)).ToList();
        Assert.NotEmpty(mine);
        Assert.All(mine, s => Assert.Equal(new DateOnly(2027, 2, 1), s.Date));
    }
}

public sealed class SqliteSchedulingWorkflowTests(SqliteAppFixture app) : SchedulingWorkflowTests<SqliteAppFixture>(app);

public sealed class PostgresSchedulingWorkflowTests(PostgresAppFixture app) : SchedulingWorkflowTests<PostgresAppFixture>(app);
