using Mentoring.Domain;
using Mentoring.Features.Scheduling;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Notifications;

/// <summary>Session e-mails through a real SMTP server: one per person, REQUEST, an update after an answer, then CANCEL with the same UID.</summary>
public abstract class CalendarEmailTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : SmtpClockFixture
{
    [Fact]
    public async Task Each_attendee_gets_their_own_invitation_then_an_update_with_their_answer_then_the_cancellation()
    {
        using var admin = app.As(Roles.Admin);
        int programId;
        await using (var db = app.OpenContext())
        {
            programId = await db.Programs.Where(p => p.Name == "Hybrid Mentoring 2026").Select(p => p.Id).SingleAsync();
        }
        var plan = await (await admin.PostJsonAsync($"/api/programs/{programId}/schedule",
            new PlanInput(new DateOnly(2027, 6, 14), new DateOnly(2027, 6, 18), TimeLimitSeconds: 10))).ReadAsync<PlanResult>();
        Assert.True(plan.Planned > 0);

        using var mentee = app.As(Roles.Mentee);
        var mine = (await (await mentee.GetAsync("/api/me/sessions")).ReadAsync<List<SessionDto>>())
            .First(s => s.Date >= new DateOnly(2027, 6, 14) && s.Status == SessionStatus.Proposed);
        string uid, hostEmail, menteeEmail;
        List<string> attendeeEmails;
        await using (var db = app.OpenContext())
        {
            var session = await db.Sessions.Include(s => s.Host).Include(s => s.Attendees).ThenInclude(a => a.Person).SingleAsync(s => s.Id == mine.Id);
            uid = session.Uid;
            hostEmail = session.Host!.Email!.ToLowerInvariant();
            attendeeEmails = session.Attendees.Select(a => a.Person!.Email!.ToLowerInvariant()).OrderBy(e => e).ToList();
            var menteeAccount = await db.Users.SingleAsync(u => u.Email == AppFixture.EmailOfRole[Roles.Mentee]);
            menteeEmail = (await db.People.SingleAsync(p => p.Id == menteeAccount.PersonId)).Email!.ToLowerInvariant();
        }
        var everyone = attendeeEmails.Append(hostEmail).ToList();

        // One e-mail per person, each addressed to them alone, each with the whole REQUEST.
        var invitations = new List<string>();
        foreach (var email in everyone)
        {
            var message = await app.Smtp.WaitForAsync(email, "Invitation: " + mine.Title);
            Assert.Single(message.To.Mailboxes);
            var (method, ics) = Ics.CalendarPart(message);
            Assert.Equal("REQUEST", method);
            Assert.False(string.IsNullOrEmpty(message.MessageId));
            invitations.Add(ics);
        }
        var read = Ics.ReadWithPython([.. invitations]);
        foreach (var calendar in read)
        {
            Assert.Equal("REQUEST", calendar!["method"]!.GetValue<string>());
            var ev = calendar["events"]!.AsArray().Single()!;
            Assert.Equal(uid, ev["uid"]!.GetValue<string>());
            Assert.Equal("mailto:" + hostEmail, ev["organizer"]!.GetValue<string>());
            Assert.Equal(attendeeEmails, ev["attendees"]!.AsArray().Select(a => a!["address"]!.GetValue<string>().Replace("mailto:", "")).OrderBy(e => e).ToList());
        }
        var firstSequence = read[0]!["events"]![0]!["sequence"]!.GetValue<int>();
        // Ical.Net, the other parser, reads the same.
        var netCalendar = Ical.Net.Calendar.Load(invitations[0])!;
        Assert.Equal("REQUEST", netCalendar.Method);
        Assert.Equal(uid, netCalendar.Events.Single().Uid);

        // The mentee accepts in the product: the update (same UID, higher SEQUENCE) shows their PARTSTAT.
        await (await mentee.PostJsonAsync($"/api/sessions/{mine.Id}/respond", new RespondInput(AttendeeResponse.Accepted))).ReadAsync<SessionDto>();
        var update = await app.Smtp.WaitForAsync(hostEmail, "Updated: " + mine.Title);
        var (updateMethod, updateIcs) = Ics.CalendarPart(update);
        Assert.Equal("REQUEST", updateMethod);
        var updated = Ics.ReadWithPython(updateIcs)[0]!["events"]![0]!;
        Assert.Equal(uid, updated["uid"]!.GetValue<string>());
        var updateSequence = updated["sequence"]!.GetValue<int>();
        Assert.True(updateSequence > firstSequence);
        Assert.Equal("ACCEPTED", updated["attendees"]!.AsArray().Single(a => a!["address"]!.GetValue<string>() == "mailto:" + menteeEmail)!["partstat"]!.GetValue<string>());

        // Only the host or an admin cancels; then everyone gets METHOD:CANCEL with the same UID.
        using var sponsor = app.As(Roles.Sponsor);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await sponsor.PostJsonAsync($"/api/sessions/{mine.Id}/cancel", new { reason = "no" })).StatusCode);
        var tooLong = await admin.PostJsonAsync($"/api/sessions/{mine.Id}/cancel", new { reason = new string('x', 501) });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("reason", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var cancelled = await (await admin.PostJsonAsync($"/api/sessions/{mine.Id}/cancel", new { reason = "The host is away that week" })).ReadAsync<SessionDto>();
        Assert.Equal(SessionStatus.Cancelled, cancelled.Status);
        foreach (var email in everyone)
        {
            var message = await app.Smtp.WaitForAsync(email, "Cancelled: " + mine.Title);
            var (method, ics) = Ics.CalendarPart(message);
            Assert.Equal("CANCEL", method);
            Assert.Contains("The host is away that week", message.TextBody, StringComparison.Ordinal);
            var calendar = Ics.ReadWithPython(ics)[0]!;
            Assert.Equal("CANCEL", calendar["method"]!.GetValue<string>());
            var ev = calendar["events"]![0]!;
            Assert.Equal(uid, ev["uid"]!.GetValue<string>());
            Assert.Equal("CANCELLED", ev["status"]!.GetValue<string>());
            Assert.True(ev["sequence"]!.GetValue<int>() > updateSequence);
            Assert.Equal("CANCEL", Ical.Net.Calendar.Load(ics)!.Method);
        }

        // Nobody got anything twice.
        await Task.Delay(1500);
        foreach (var email in everyone)
        {
            var theirs = app.Smtp.Messages().Where(m => m.To.Mailboxes.Single().Address.Equals(email, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.Single(theirs, m => m.Subject == "Invitation: " + mine.Title);
            Assert.Single(theirs, m => m.Subject == "Cancelled: " + mine.Title);
            Assert.Equal(theirs.Count, theirs.Select(m => m.MessageId).Distinct().Count());
        }
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await admin.PostJsonAsync($"/api/sessions/{mine.Id}/cancel", new { reason = "again" })).StatusCode);
    }
}

public sealed class SqliteCalendarEmailTests(DaytimeSmtpFixture app) : CalendarEmailTests<DaytimeSmtpFixture>(app);

public sealed class PostgresCalendarEmailTests(PostgresDaytimeSmtpFixture app) : CalendarEmailTests<PostgresDaytimeSmtpFixture>(app);
