using System.Net;
using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Features.Roulette;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Tests.Time;

/// <summary>The app started with a clock the test moves: everything that asks the time follows it.</summary>
public sealed class AppClockTests(FakeClockAppFixture app) : IClassFixture<FakeClockAppFixture>
{
    private async Task<string> HealthNowAsync()
    {
        using var client = app.Anonymous();
        using var health = JsonDocument.Parse(await client.GetStringAsync("/health"));
        return health.RootElement.GetProperty("now").GetString()!;
    }

    [Fact]
    public async Task Health_answers_the_apps_now_and_it_moves_with_the_clock()
    {
        app.Clock!.Reset(Instant.FromUtc(2027, 6, 7, 2, 30));
        Assert.Equal("2027-06-07T02:30:00Z", await HealthNowAsync());
        app.Clock.AdvanceHours(30);
        Assert.Equal("2027-06-08T08:30:00Z", await HealthNowAsync());
    }

    [Fact]
    public async Task A_roulette_round_becomes_due_when_the_clock_passes_the_draw_time()
    {
        int programId;
        await using (var db = app.OpenContext())
        {
            var program = await db.Programs.FirstAsync(p => p.Kind == ProgramKind.CoffeeRoulette);
            program.Roulette = new RouletteSettings { Cadence = RouletteCadence.Weekly, DrawDay = IsoDayOfWeek.Monday, DrawHour = 9, TimeZone = "Asia/Kolkata" };
            programId = program.Id;
            await db.SaveChangesAsync();
        }
        // The app's own scheduler, on the app's clock: Monday 2028-01-03 08:00 in Bengaluru is before the draw.
        var scheduler = app.App.Services.GetRequiredService<RouletteScheduler>();
        app.Clock!.Reset(Instant.FromUtc(2028, 1, 3, 2, 30));
        Assert.Equal(0, await scheduler.DrawDueRoundsAsync(CancellationToken.None));
        app.Clock.AdvanceMinutes(90);
        Assert.Equal(1, await scheduler.DrawDueRoundsAsync(CancellationToken.None));
        await using var check = app.OpenContext();
        var round = await check.RouletteRounds.SingleAsync(r => r.ProgramId == programId && r.PeriodStart == new LocalDate(2028, 1, 3));
        Assert.Equal(app.Clock.GetCurrentInstant(), round.DrawnAt);
    }

    [Fact]
    public async Task A_lockout_ends_when_the_apps_clock_passes_it()
    {
        app.Clock!.Reset(Instant.FromUtc(2027, 6, 7, 12, 0));
        // Identity and the cookies read the same clock through the TimeProvider.
        Assert.Equal(app.Clock.GetCurrentInstant().ToDateTimeOffset(), app.App.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        await using (var db = app.OpenContext())
        {
            var mentor = await db.Users.SingleAsync(u => u.Email == AppFixture.EmailOfRole[Roles.Mentor]);
            mentor.LockoutEnd = app.Clock.GetCurrentInstant().Plus(Duration.FromHours(1)).ToDateTimeOffset();
            await db.SaveChangesAsync();
        }
        using var client = app.As(Roles.Mentor);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me/sessions")).StatusCode);
        app.Clock.AdvanceMinutes(61);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me/sessions")).StatusCode);
    }

    [Fact]
    public void Clock_Now_must_be_an_instant()
    {
        Assert.Equal(InstantPattern.ExtendedIso.Parse("2027-03-01T09:00:00Z").Value, Infrastructure.ClockSetup.ParseNow("2027-03-01T09:00:00Z"));
        Assert.Equal(Instant.FromUtc(2027, 3, 1, 8, 0), Infrastructure.ClockSetup.ParseNow("2027-03-01T09:00:00+01:00"));
        Assert.Null(Infrastructure.ClockSetup.ParseNow(""));
        var wrong = Assert.Throws<InvalidOperationException>(() => Infrastructure.ClockSetup.ParseNow("next tuesday"));
        Assert.Contains("Clock:Now", wrong.Message, StringComparison.Ordinal);
    }
}
