using System.Text;
using Mentoring.Domain;
using Mentoring.Features.Mentorships;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Mentorships;

/// <summary>On the app's clock, a pair that stopped checking in turns "needs a check-in", then "at risk", and is reminded once per missed check-in.</summary>
public sealed class CheckInNudgeTests(FakeClockAppFixture app) : IClassFixture<FakeClockAppFixture>
{
    private async Task<string> HealthAsync(DemoPair pair)
    {
        using var admin = app.As(Roles.Admin);
        var all = await (await admin.GetAsync($"/api/programs/{pair.ProgramId}/health")).ReadJsonAsync();
        return all.EnumerateArray().Single(h => h.GetProperty("mentorshipId").GetInt32() == pair.MentorshipId).GetProperty("health").GetString()!;
    }

    private async Task<List<Notification>> OutboxAsync(params string[] recipients)
    {
        await using var db = app.OpenContext();
        return await db.Notifications.AsNoTracking().Where(n => recipients.Contains(n.Recipient)).OrderBy(n => n.Id).ToListAsync();
    }

    /// <summary>The reminders about this pair (the demo mentor mentors others too).</summary>
    private async Task<List<Notification>> RemindersAsync(DemoPair pair) =>
        (await OutboxAsync(pair.MentorEmail, pair.MenteeEmail))
        .Where(n => n.Recipient == pair.MentorEmail && n.Subject.EndsWith(pair.MenteeName, StringComparison.Ordinal)
            || n.Recipient == pair.MenteeEmail && n.Subject.EndsWith(pair.MentorName, StringComparison.Ordinal)).ToList();

    private Task<int> NudgeAsync() => app.App.Services.GetRequiredService<CheckInNudges>().NudgeAsync(CancellationToken.None);

    [Fact]
    public async Task A_quiet_pair_needs_a_check_in_then_is_at_risk_and_is_reminded_once_per_missed_check_in()
    {
        var pair = await DemoPair.LoadAsync(app);
        string[] admins;
        await using (var db = app.OpenContext())
        {
            admins = [.. await MentorshipSpaceService.AdminEmailsAsync(db, CancellationToken.None)];
        }
        Assert.NotEmpty(admins);
        // The demo pair checked in three days ago, weekly by their plan.
        Assert.Equal("on-track", await HealthAsync(pair));
        await NudgeAsync();
        Assert.Empty(await RemindersAsync(pair));

        // A week on, their check-in is missed: both are reminded, once, however often the job runs.
        app.Clock!.Advance(Duration.FromDays(7));
        Assert.Equal("needs-check-in", await HealthAsync(pair));
        await NudgeAsync();
        await NudgeAsync();
        var first = await RemindersAsync(pair);
        Assert.Equal(2, first.Count);
        Assert.Contains(first, n => n.Recipient == pair.MenteeEmail && n.Subject == $"Time for a check-in with {pair.MentorName}" && n.Channel == "email");
        Assert.Contains(first, n => n.Recipient == pair.MentorEmail && n.Subject == $"Time for a check-in with {pair.MenteeName}");
        var adminMessages = (await OutboxAsync(admins)).Count(n => n.Subject.Contains(pair.MenteeName, StringComparison.Ordinal));
        Assert.Equal(0, adminMessages);

        // Another week: the second missed check-in makes the pair at risk; both are reminded again and the admins are told, once.
        app.Clock.Advance(Duration.FromDays(7));
        Assert.Equal("at-risk", await HealthAsync(pair));
        await NudgeAsync();
        await NudgeAsync();
        Assert.Equal(4, (await RemindersAsync(pair)).Count);
        Assert.Equal(admins.Length, (await OutboxAsync(admins)).Count(n => n.Subject.Contains(pair.MenteeName, StringComparison.Ordinal) && n.Subject.Contains("missed", StringComparison.Ordinal)));

        // A third reminder let pass: both are flagged on the health page.
        app.Clock.Advance(Duration.FromDays(7));
        await NudgeAsync();
        Assert.Equal(6, (await RemindersAsync(pair)).Count);
        using var admin = app.As(Roles.Admin);
        var health = (await (await admin.GetAsync($"/api/programs/{pair.ProgramId}/health")).ReadJsonAsync()).EnumerateArray()
            .Single(h => h.GetProperty("mentorshipId").GetInt32() == pair.MentorshipId);
        Assert.Equal([pair.MentorName, pair.MenteeName], health.GetProperty("ignoredReminders").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.True(health.GetProperty("adminTold").GetBoolean());
        // Signed in afresh: a week-old sign-in cookie has expired on the app's clock.
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = await app.SignInAsync(AppFixture.EmailOfRole[Roles.Admin]) }) { BaseAddress = app.BaseAddress };
        var page = await browser.GetStringAsync($"/Programs/{pair.ProgramId}/Health");
        Assert.Contains("Ignored 3 reminders", page, StringComparison.Ordinal);

        // A check-in puts the pair back on track; no reminder follows it.
        using var mentee = app.As(Roles.Mentee);
        await (await mentee.PostAsync($"/api/mentorships/{pair.MentorshipId}/checkins", new StringContent("""{"met":true,"rating":4}""", Encoding.UTF8, "application/json"))).ReadJsonAsync();
        Assert.Equal("on-track", await HealthAsync(pair));
        await NudgeAsync();
        Assert.Equal(6, (await RemindersAsync(pair)).Count);
    }

    [Fact]
    public void The_rule_judges_cadence_grace_ratings_goals_and_fit()
    {
        var rule = new HealthRule();
        var start = new LocalDate(2027, 1, 4);
        PairFacts Facts(int day, PlanCadence cadence, LocalDate[] contacts, int[]? ratings = null, int goals = 1, bool notGood = false) =>
            new(start, start.PlusDays(day), cadence, contacts, ratings ?? [], goals, notGood);
        Assert.Equal(RelationshipHealth.TooEarly, MentorshipHealth.Judge(rule, Facts(3, PlanCadence.Weekly, [])).Health);
        Assert.Equal(RelationshipHealth.OnTrack, MentorshipHealth.Judge(rule, Facts(20, PlanCadence.Weekly, [start.PlusDays(14)])).Health);
        // Seven days and two of grace: missed on the tenth day.
        Assert.Equal(RelationshipHealth.OnTrack, MentorshipHealth.Judge(rule, Facts(23, PlanCadence.Weekly, [start.PlusDays(14)])).Health);
        Assert.Equal(RelationshipHealth.NeedsCheckIn, MentorshipHealth.Judge(rule, Facts(24, PlanCadence.Weekly, [start.PlusDays(14)])).Health);
        Assert.Equal(RelationshipHealth.AtRisk, MentorshipHealth.Judge(rule, Facts(31, PlanCadence.Weekly, [start.PlusDays(14)])).Health);
        // The same quiet is fine for a fortnightly pair.
        Assert.Equal(RelationshipHealth.OnTrack, MentorshipHealth.Judge(rule, Facts(24, PlanCadence.Fortnightly, [start.PlusDays(14)])).Health);
        Assert.Equal(RelationshipHealth.NeedsCheckIn, MentorshipHealth.Judge(rule, Facts(20, PlanCadence.Weekly, [start.PlusDays(14)], [1, 2, 2])).Health);
        Assert.Equal(RelationshipHealth.NeedsCheckIn, MentorshipHealth.Judge(rule, Facts(40, PlanCadence.Weekly, [start.PlusDays(38)], goals: 0)).Health);
        Assert.Equal(RelationshipHealth.AtRisk, MentorshipHealth.Judge(rule, Facts(20, PlanCadence.Weekly, [start.PlusDays(19)], notGood: true)).Health);
        // A program that allows more grace judges the same pair differently.
        Assert.Equal(RelationshipHealth.OnTrack, MentorshipHealth.Judge(new HealthRule { GraceDays = 5 }, Facts(24, PlanCadence.Weekly, [start.PlusDays(14)])).Health);
    }
}
