using System.Net;
using Mentoring.Domain;
using Mentoring.Features.Scheduling;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Notifications;

/// <summary>
/// Moving a session from June (summer time) to November (winter time): refused where the rules say
/// so, then everyone gets METHOD:REQUEST with the same UID and a higher SEQUENCE, read back by
/// python3-icalendar and Ical.Net, and the calendar feed shows the new time.
/// </summary>
public abstract class SessionMoveTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : SmtpClockFixture
{
    [Fact]
    public async Task A_session_moved_across_the_clock_change_reaches_everyone_as_an_update_and_the_feed_follows()
    {
        using var admin = app.As(Roles.Admin);
        int programId;
        await using (var db = app.OpenContext())
        {
            programId = await db.Programs.Where(p => p.Name == "Hybrid Mentoring 2026").Select(p => p.Id).SingleAsync();
            // The demo's own messages (its roulette round, say) are not what this test waits for: off the queue.
            await db.Notifications.Where(n => n.Status == NotificationStatus.Pending).ExecuteUpdateAsync(u => u.SetProperty(n => n.Status, NotificationStatus.Sent));
        }
        var plan = await (await admin.PostJsonAsync($"/api/programs/{programId}/schedule",
            new PlanInput(new DateOnly(2027, 6, 14), new DateOnly(2027, 6, 18), TimeLimitSeconds: 10))).ReadAsync<PlanResult>();
        Assert.True(plan.Planned > 0);

        using var mentee = app.As(Roles.Mentee);
        var mine = (await (await mentee.GetAsync("/api/me/sessions")).ReadAsync<List<SessionDto>>())
            .First(s => s.Date >= new DateOnly(2027, 6, 14) && s.Status == SessionStatus.Proposed && HasClockChanges(s.TimeZone));
        var zone = DateTimeZoneProviders.Tzdb[mine.TimeZone];
        string uid;
        int sequence;
        List<string> everyone;
        await using (var db = app.OpenContext())
        {
            var session = await db.Sessions.Include(s => s.Host).Include(s => s.Attendees).ThenInclude(a => a.Person).SingleAsync(s => s.Id == mine.Id);
            (uid, sequence) = (session.Uid, session.Sequence);
            everyone = session.Attendees.Select(a => a.Person!.Email!.ToLowerInvariant()).Append(session.Host!.Email!.ToLowerInvariant()).ToList();
            // The other sessions' invitations are not what this test waits for: off the queue, so ours go first.
            var recipients = session.Attendees.Select(a => a.Person!.Email!).Append(session.Host!.Email!).ToList();
            await db.Notifications.Where(n => n.Status == NotificationStatus.Pending && !recipients.Contains(n.Recipient))
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.Status, NotificationStatus.Sent));
        }
        // The invitations went out first, so the update below is a later message.
        foreach (var email in everyone)
        {
            await app.Smtp.WaitForAsync(email, "Invitation: " + mine.Title);
        }
        await (await mentee.PostJsonAsync($"/api/sessions/{mine.Id}/respond", new RespondInput(AttendeeResponse.Accepted))).ReadAsync<SessionDto>();

        // Who may move it, and what a move must say.
        var url = $"/api/sessions/{mine.Id}/move";
        using var sponsor = app.As(Roles.Sponsor);
        Assert.Equal(HttpStatusCode.NotFound, (await sponsor.PostJsonAsync(url, new { start = "2027-11-09T12:00", durationMinutes = 45 })).StatusCode);
        await ProblemAsync(mentee, url, new { start = "2027-11-09T12:00", durationMinutes = 45 }, "sessionId");
        await ProblemAsync(admin, url, new { start = "9 November, noon", durationMinutes = 45 }, "start");
        await ProblemAsync(admin, url, new { start = "2027-11-09T12:00", durationMinutes = 5 }, "durationMinutes");
        await ProblemAsync(admin, url, new { start = "2027-06-01T12:00", durationMinutes = 45 }, "start");
        // A time the clocks skip in the session's zone does not exist.
        var gap = SkippedLocalTime(zone, Instant.FromUtc(2028, 1, 1, 0, 0));
        await ProblemAsync(admin, url, new { start = gap.ToString("uuuu-MM-dd'T'HH:mm", null), durationMinutes = 45 }, "start");
        // A day an attendee declared unavailable, and the time of another session of theirs, are taken.
        Assert.Equal(HttpStatusCode.NoContent, (await mentee.PutJsonAsync("/api/me/presence", new PresenceInput(new DateOnly(2027, 11, 8), PresenceKind.Unavailable))).StatusCode);
        await ProblemAsync(admin, url, new { start = "2027-11-08T12:00", durationMinutes = 45 }, "start", "unavailable");
        var other = (await (await admin.GetAsync($"/api/programs/{programId}/schedule?from=2027-06-14&to=2027-06-18")).ReadAsync<List<SessionDto>>())
            .FirstOrDefault(s => s.Id != mine.Id && (s.Host.Id == mine.Host.Id || s.Attendees.Any(a => a.PersonId == mine.Host.Id || mine.Attendees.Any(m => m.PersonId == a.PersonId))));
        if (other is not null)
        {
            var otherStart = Instant.FromDateTimeOffset(other.Start).InZone(zone).LocalDateTime;
            await ProblemAsync(admin, url, new { start = otherStart.ToString("uuuu-MM-dd'T'HH:mm", null), durationMinutes = 30 }, "start", other.Title);
        }

        // 9 November 2027 is after the clocks went back in Europe and in America.
        var moved = await (await admin.PostJsonAsync(url, new { start = "2027-11-09T12:00", durationMinutes = 45 })).ReadAsync<SessionDto>();
        var expected = new LocalDateTime(2027, 11, 9, 12, 0).InZoneStrictly(zone).ToInstant();
        Assert.Equal(expected.ToDateTimeOffset(), moved.Start.ToUniversalTime());
        Assert.Equal(expected.Plus(Duration.FromMinutes(45)).ToDateTimeOffset(), moved.End.ToUniversalTime());
        Assert.Equal(new DateOnly(2027, 11, 9), moved.Date);
        Assert.Equal(SessionStatus.Proposed, moved.Status);
        Assert.All(moved.Attendees, a => Assert.Equal(AttendeeResponse.Pending, a.Response));

        var expectedUtc = expected.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", null);
        foreach (var email in everyone)
        {
            var message = await app.Smtp.WaitForAsync(email, "Moved: " + mine.Title);
            var (method, ics) = Ics.CalendarPart(message);
            Assert.Equal("REQUEST", method);
            Assert.Contains("Before:", message.TextBody, StringComparison.Ordinal);
            var ev = Ics.ReadWithPython(ics)[0]!["events"]![0]!;
            Assert.Equal(uid, ev["uid"]!.GetValue<string>());
            Assert.True(ev["sequence"]!.GetValue<int>() > sequence + 1, "the move's SEQUENCE is above the answer's update");
            Assert.Equal(expectedUtc, ev["start_utc"]!.GetValue<string>());
            Assert.Equal("2027-11-09T12:00", ev["start_local"]!.GetValue<string>());
            Assert.Equal(zone.Id, ev["tzid"]!.GetValue<string>());
            Assert.All(ev["attendees"]!.AsArray(), a => Assert.Equal("NEEDS-ACTION", a!["partstat"]!.GetValue<string>()));
            var net = Ical.Net.Calendar.Load(ics)!;
            Assert.Equal("REQUEST", net.Method);
            Assert.Equal(uid, net.Events.Single().Uid);
            Assert.Equal(expected.ToDateTimeUtc(), net.Events.Single().Start!.AsUtc);
        }

        // The mentee's calendar subscription shows the new time under the same UID.
        var link = (await (await mentee.PostAsync("/api/me/calendar", null)).ReadAsync<CalendarLink>()).Url!;
        using var calendarApp = app.Anonymous();
        var feed = Ical.Net.Calendar.Load(await calendarApp.GetStringAsync(new Uri(link).PathAndQuery))!;
        Assert.Equal(expected.ToDateTimeUtc(), feed.Events.Single(e => e.Uid == uid).Start!.AsUtc);

        // The session's page moves it too, for the host or an admin; its errors sit next to the fields.
        var page = await admin.GetStringAsync($"/Sessions/{mine.Id}/Move");
        Assert.Contains("Move a session", page, StringComparison.Ordinal);
        Assert.Contains("value=\"2027-11-09\"", page, StringComparison.Ordinal);
        using var refused = await admin.PostAsync($"/Sessions/{mine.Id}/Move", Form(page, "2027-11-08", "12:00", "45"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("unavailable", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var posted = await admin.PostAsync($"/Sessions/{mine.Id}/Move", Form(page, "2027-11-10", "13:30", "60"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var again = new LocalDateTime(2027, 11, 10, 13, 30).InZoneStrictly(zone).ToInstant();
        await using (var db = app.OpenContext())
        {
            var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == mine.Id);
            Assert.Equal(again, session.Start);
            Assert.Equal(again + Duration.FromHours(1), session.End);
            Assert.Equal(DaySlot.Afternoon, session.Slot);
        }
        var second = await app.Smtp.WaitForAsync(everyone[0], "Moved: " + mine.Title, skip: 1);
        Assert.Contains("10 November", second.TextBody, StringComparison.Ordinal);
        Assert.Equal(again.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", null), Ics.ReadWithPython(Ics.CalendarPart(second).Text)[0]!["events"]![0]!["start_utc"]!.GetValue<string>());

        // A person in the session but not its host cannot open the page.
        Assert.Equal(HttpStatusCode.NotFound, (await mentee.GetAsync($"/Sessions/{mine.Id}/Move")).StatusCode);
    }

    private static FormUrlEncodedContent Form(string page, string date, string time, string minutes) => new(new Dictionary<string, string>
    {
        ["Input.Date"] = date, ["Input.Time"] = time, ["Input.DurationMinutes"] = minutes,
        ["__RequestVerificationToken"] = AppFixture.AntiforgeryToken(page),
    });

    private static async Task ProblemAsync(HttpClient client, string url, object body, string field, string? says = null)
    {
        using var response = await client.PostJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
        if (says is not null)
        {
            Assert.Contains(says, text, StringComparison.Ordinal);
        }
    }

    private static bool HasClockChanges(string zoneId) =>
        DateTimeZoneProviders.Tzdb[zoneId].GetZoneIntervals(Instant.FromUtc(2027, 6, 1, 0, 0), Instant.FromUtc(2028, 6, 1, 0, 0)).Count() > 1;

    /// <summary>A local time the clocks skip in the zone after a moment: half an hour into the next spring-forward gap.</summary>
    private static LocalDateTime SkippedLocalTime(DateTimeZone zone, Instant after)
    {
        var interval = zone.GetZoneIntervals(after, after + Duration.FromDays(366))
            .Zip(zone.GetZoneIntervals(after, after + Duration.FromDays(366)).Skip(1))
            .First(pair => pair.Second.WallOffset > pair.First.WallOffset);
        return interval.Second.Start.WithOffset(interval.First.WallOffset).LocalDateTime.PlusMinutes(30);
    }
}

public sealed class SqliteSessionMoveTests(DaytimeSmtpFixture app) : SessionMoveTests<DaytimeSmtpFixture>(app);

public sealed class PostgresSessionMoveTests(PostgresDaytimeSmtpFixture app) : SessionMoveTests<PostgresDaytimeSmtpFixture>(app);
