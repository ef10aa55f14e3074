using System.Net;
using System.Net.Http.Json;
using Mentoring.Domain;
using Mentoring.Features.Programs;
using Mentoring.Features.Roulette;
using Mentoring.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Roulette;

/// <summary>
/// A period has one round, whoever draws it, and no period starts before the program does: an admin's
/// "run a round now" and the app's own scheduler, through the real app with a clock the test moves.
/// </summary>
public sealed class RoulettePeriodRuleTests(FakeClockAppFixture app) : IClassFixture<FakeClockAppFixture>
{
    // The fixture's clock starts on Monday 2027-06-07, 02:30 UTC (03:30 in London), in ISO week 23: the
    // calendar's two-week period began on Monday 31 May, a week before these programs start.
    private static readonly LocalDate Today = new(2027, 6, 7);

    private async Task<int> CreateProgramAsync(HttpClient admin, string name, LocalDate start, LocalDate? end = null)
    {
        var program = await (await admin.PostJsonAsync("/api/programs", new ProgramInput
        {
            Name = name, Kind = ProgramKind.CoffeeRoulette, Status = ProgramStatus.Active,
            StartDate = start.ToDateOnly(), EndDate = end?.ToDateOnly(),
        })).ReadAsync<ProgramDto>();
        await (await admin.PutJsonAsync($"/api/programs/{program.Id}/roulette/settings", new RouletteSettings
        {
            Cadence = RouletteCadence.EveryTwoWeeks, DrawDay = IsoDayOfWeek.Monday, DrawHour = 3, TimeZone = "Europe/London",
        })).ReadAsync<RouletteSettings>();
        await using var db = app.OpenContext();
        foreach (var person in await db.People.Where(p => p.Active).OrderBy(p => p.Id).Take(7).Select(p => p.Id).ToListAsync())
        {
            await (await admin.PostJsonAsync($"/api/programs/{program.Id}/enrollments",
                new EnrollmentInput { PersonId = person, Role = EnrollmentRole.Participant, Capacity = 0, Mode = MeetingMode.Virtual })).ReadAsync<EnrollmentDto>();
        }
        return program.Id;
    }

    private async Task<List<LocalDate>> RoundsAsync(int programId)
    {
        await using var db = app.OpenContext();
        return await db.RouletteRounds.Where(r => r.ProgramId == programId).OrderBy(r => r.PeriodStart).Select(r => r.PeriodStart).ToListAsync();
    }

    /// <summary>The draw the app's own scheduler makes on each check.</summary>
    private Task<int> SchedulerRunsAsync() => app.App.Services.GetRequiredService<RouletteScheduler>().DrawDueRoundsAsync(CancellationToken.None);

    [Fact]
    public async Task A_round_drawn_by_hand_is_the_periods_round_and_the_scheduler_draws_no_other()
    {
        var clock = app.Clock!;
        using var admin = app.As(Roles.Admin);
        var programId = await CreateProgramAsync(admin, "Coffee from today", Today);
        var notStarted = await CreateProgramAsync(admin, "Coffee from next month", new LocalDate(2027, 7, 5));
        var ended = await CreateProgramAsync(admin, "Coffee that ended", new LocalDate(2027, 1, 4), new LocalDate(2027, 5, 28));

        // The admin runs a round by hand: it is the round of the period that starts with the program, today.
        var drawn = await (await admin.PostAsync($"/api/programs/{programId}/roulette/rounds", null)).ReadAsync<RoundSummary>();
        Assert.Equal(Today.ToDateOnly(), drawn.PeriodStart);
        Assert.True(drawn.Manual);

        // Twenty seconds later the scheduler checks: this period is drawn, the earlier calendar period was before the program.
        clock.Advance(Duration.FromSeconds(20));
        await SchedulerRunsAsync();
        Assert.Equal([Today], await RoundsAsync(programId));

        // A second "run a round now" in the same period is refused, saying when it was drawn and when the next is.
        using var again = await admin.PostAsync($"/api/programs/{programId}/roulette/rounds", null);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var problem = await again.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        var message = Assert.Single(problem!.Errors["programId"]);
        Assert.Contains("this period's round was drawn on Mon 7 Jun 2027, 03:30", message, StringComparison.Ordinal);
        Assert.Contains("the next is drawn on Mon 14 Jun 2027, 03:00", message, StringComparison.Ordinal);

        // The overview shows the true next draw: the next period's, not this one's.
        var overview = await (await admin.GetAsync($"/api/programs/{programId}/roulette")).ReadAsync<RouletteOverview>();
        Assert.Equal(Today.ToDateOnly(), overview.CurrentPeriod);
        Assert.Equal(Instant.FromUtc(2027, 6, 14, 2, 0).ToDateTimeOffset(), overview.NextDue);

        // Later the same day and the same period a week on, the scheduler still draws nothing more.
        clock.Advance(Duration.FromHours(8));
        await SchedulerRunsAsync();
        clock.Advance(Duration.FromDays(6));
        await SchedulerRunsAsync();
        Assert.Equal([Today], await RoundsAsync(programId));

        // The next period's round comes when it is due, once.
        clock.Advance(Duration.FromHours(16)); // Monday 14 June, 02:30 UTC: due since 02:00.
        await SchedulerRunsAsync();
        await SchedulerRunsAsync();
        Assert.Equal([Today, Today.PlusWeeks(1)], await RoundsAsync(programId));

        // Nothing before a program starts, nothing after it ends, by hand or on schedule.
        Assert.Empty(await RoundsAsync(notStarted));
        Assert.Empty(await RoundsAsync(ended));
        using var early = await admin.PostAsync($"/api/programs/{notStarted}/roulette/rounds", null);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("the program starts on", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var notStartedOverview = await (await admin.GetAsync($"/api/programs/{notStarted}/roulette")).ReadAsync<RouletteOverview>();
        Assert.Null(notStartedOverview.CurrentPeriod);
        Assert.Equal(Instant.FromUtc(2027, 7, 5, 2, 0).ToDateTimeOffset(), notStartedOverview.NextDue);
        using var late = await admin.PostAsync($"/api/programs/{ended}/roulette/rounds", null);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Null((await (await admin.GetAsync($"/api/programs/{ended}/roulette")).ReadAsync<RouletteOverview>()).NextDue);

        // No program has a round whose period starts before the program does.
        await using var db = app.OpenContext();
        var starts = await db.Programs.Where(p => p.StartDate != null).ToDictionaryAsync(p => p.Id, p => p.StartDate!.Value);
        var rounds = await db.RouletteRounds.Select(r => new { r.ProgramId, r.PeriodStart }).ToListAsync();
        Assert.DoesNotContain(rounds, r => starts.TryGetValue(r.ProgramId, out var start) && r.PeriodStart < start);
    }
}
