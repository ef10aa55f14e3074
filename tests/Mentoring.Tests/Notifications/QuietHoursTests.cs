using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Notifications;

/// <summary>A message due inside someone's quiet hours waits for 08:00 in their own zone, while others' go at once.</summary>
public abstract class QuietHoursTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : SmtpClockFixture
{
    [Fact]
    public async Task An_introduction_drawn_at_five_in_the_morning_in_New_York_goes_at_eight_there()
    {
        using var admin = app.As(Roles.Admin);
        int programId;
        await using (var db = app.OpenContext())
        {
            programId = await db.Programs.Where(p => p.Kind == ProgramKind.CoffeeRoulette).Select(p => p.Id).FirstAsync();
        }
        // The app draws the round itself when it is due (Monday 10:00 in London, the program's zone); by hand when it has not yet.
        var drawn = await admin.PostAsync($"/api/programs/{programId}/roulette/rounds", null);
        Assert.True(drawn.IsSuccessStatusCode || (await drawn.Content.ReadAsStringAsync()).Contains("was drawn on Mon 7 Jun 2027", StringComparison.Ordinal));

        Notification waiting, now;
        await using (var db = app.OpenContext())
        {
            var rows = await db.Notifications.AsNoTracking().Where(n => n.TemplateKey == "roulette-introduction").ToListAsync();
            var people = await db.People.AsNoTracking().Include(p => p.Office).ToDictionaryAsync(p => p.Id);
            waiting = rows.First(n => people[n.PersonId!.Value].EffectiveTimeZone == "America/New_York");
            now = rows.First(n => people[n.PersonId!.Value].EffectiveTimeZone == "Europe/London");
        }
        // 08:00 in New York on that Monday is 12:00 UTC (daylight saving time).
        Assert.Equal(Instant.FromUtc(2027, 6, 7, 12, 0), waiting.DueAt);
        Assert.Null(now.DueAt);

        // London's goes at once; New York's waits through the morning.
        await app.Smtp.WaitForAsync(now.Recipient, now.Subject);
        app.Clock!.Reset(Instant.FromUtc(2027, 6, 7, 11, 59));
        await Task.Delay(3000);
        Assert.DoesNotContain(app.Smtp.Messages(), m => m.Subject == waiting.Subject && m.To.Mailboxes.Any(b => b.Address.Equals(waiting.Recipient, StringComparison.OrdinalIgnoreCase)));
        await using (var db = app.OpenContext())
        {
            Assert.Equal(NotificationStatus.Pending, (await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == waiting.Id)).Status);
        }

        app.Clock.Reset(Instant.FromUtc(2027, 6, 7, 12, 0, 5));
        var message = await app.Smtp.WaitForAsync(waiting.Recipient, waiting.Subject);
        Assert.Contains("/Notifications/Unsubscribe?token=", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(message.Headers, h => h.Field == "List-Unsubscribe");
    }
}

public sealed class SqliteQuietHoursTests(MorningSmtpFixture app) : QuietHoursTests<MorningSmtpFixture>(app);

public sealed class PostgresQuietHoursTests(PostgresMorningSmtpFixture app) : QuietHoursTests<PostgresMorningSmtpFixture>(app);
