using Mentoring.Domain;
using Mentoring.Features.Cohorts;
using Mentoring.Infrastructure;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using static Mentoring.Tests.Cohorts.CohortTestData;

namespace Mentoring.Tests.Cohorts;

/// <summary>The hosts' morning digest of the day's stand-ups, on the app's clock: one a day per host, even after a restart.</summary>
public sealed class StandupDigestTests(FakeClockAppFixture app) : IClassFixture<FakeClockAppFixture>
{
    private const string Admin = "admin@demo.local";

    [Fact]
    public async Task Each_host_gets_one_digest_a_day_and_none_again_after_a_restart()
    {
        var clock = app.Clock!;
        var job = app.App.Services.GetRequiredService<StandupDigestJob>();
        // Midday UTC: London, New York and Bengaluru share the date, whichever office the people are in.
        clock.AdvanceMinutes(9 * 60 + 30);
        await job.WriteDueDigestsAsync(CancellationToken.None);
        Assert.Equal(0, await job.WriteDueDigestsAsync(CancellationToken.None));

        var people = await PeopleAsync(app);
        var programId = await ProgramAsync(app, people, people.Other);
        var groupId = await GroupAsync(app, programId, people.Mentor, people.Mentee);
        using var mentee = app.As(Roles.Mentee);
        var marker = "digest-" + Guid.NewGuid().ToString("N");
        await CreatedIdAsync(await mentee.PostJsonAsync($"/api/programs/{programId}/standups", new { did = marker, next = "Review my goals", stuck = "Which goal first" }));
        await CreatedIdAsync(await mentee.PostJsonAsync($"/api/groups/{groupId}/standups", new { did = marker + " in the group", next = "Share notes", stuck = "" }));
        var day = clock.GetCurrentInstant().InUtc().Date;
        string mentorEmail;
        await using (var db = app.OpenContext())
        {
            mentorEmail = (await db.People.SingleAsync(p => p.Id == people.Mentor)).Email!;
        }

        // Not before the day is over: the host's digest is of yesterday's stand-ups.
        Assert.Equal(0, await job.WriteDueDigestsAsync(CancellationToken.None));
        clock.AdvanceHours(24);
        Assert.Equal(2, await job.WriteDueDigestsAsync(CancellationToken.None));
        Assert.Equal(0, await job.WriteDueDigestsAsync(CancellationToken.None));

        // A restart: a new app on the same store, with its own job and nothing in memory.
        await using (var restarted = MentoringWebApp.Create(
            ["--urls", "http://127.0.0.1:0", "--Demo:Seed=true", "--Logging:LogLevel:Default=Warning", "--Jobs:Enabled=false", .. app.Store.Settings],
            services => services.AddSingleton<IClock>(clock)))
        {
            await Startup.InitializeAsync(restarted.Services);
            Assert.Equal(0, await restarted.Services.GetRequiredService<StandupDigestJob>().WriteDueDigestsAsync(CancellationToken.None));
        }

        await using (var db = app.OpenContext())
        {
            var iso = LocalDatePattern.Iso.Format(day);
            var admin = Assert.Single(await db.Notifications.Where(n => n.Recipient == Admin && n.Subject.Contains(iso)).ToListAsync());
            Assert.Equal("email", admin.Channel);
            Assert.Contains(marker, admin.Body, StringComparison.Ordinal);
            Assert.Contains("Stuck: Which goal first", admin.Body, StringComparison.Ordinal);
            Assert.Contains(" stuck", admin.Subject, StringComparison.Ordinal);
            // Through the outbox: its template, the digests category and a way to stop it.
            Assert.Equal("standup-digest", admin.TemplateKey);
            Assert.Equal(Mentoring.Features.Notifications.Categories.Digests, admin.Category);
            Assert.Contains("/unsubscribe", admin.Body, StringComparison.OrdinalIgnoreCase);
            // The group's host gets their group's stand-ups, not the program's.
            var host = Assert.Single(await db.Notifications.Where(n => n.Recipient == mentorEmail && n.Subject.Contains(iso)).ToListAsync());
            Assert.Contains(marker + " in the group", host.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Which goal first", host.Body, StringComparison.Ordinal);
            Assert.Equal(1, await db.StandupDigests.CountAsync(d => d.Recipient == Admin && d.Day == day));
        }

        // A day with no stand-ups sends nothing.
        clock.AdvanceHours(24);
        Assert.Equal(0, await job.WriteDueDigestsAsync(CancellationToken.None));
    }
}
