using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Roulette;

/// <summary>
/// Draws every active coffee-roulette program's round when it is due, by itself. Each check is
/// idempotent per period (the round's unique period is the guard), so a restart, a late start after
/// downtime, or a second instance never draws a period twice, and a missed draw happens on the next check.
/// </summary>
public sealed class RouletteScheduler(IServiceScopeFactory scopes, IClock clock, JobLeases leases, JobMetrics metrics, IOptions<JobsOptions> jobs, ILogger<RouletteScheduler> logger)
    : PeriodicJob(leases, metrics, jobs, logger)
{
    protected override string Activity => "Drawing due coffee-roulette rounds";

    protected override string Name => "roulette-rounds";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => DrawDueRoundsAsync(cancellationToken);

    /// <summary>Draws the current period's round of every active roulette program whose draw time has passed; nothing before a program starts or after it ends.</summary>
    public async Task<int> DrawDueRoundsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<RouletteService>();
        var now = clock.GetCurrentInstant();
        var programs = await db.Programs.AsNoTracking()
            .Where(p => p.Kind == ProgramKind.CoffeeRoulette && p.Status == ProgramStatus.Active).ToListAsync(cancellationToken);
        var drawn = 0;
        foreach (var program in programs)
        {
            if (RoulettePeriods.Current(program, now) is { } period && now >= period.Due
                && await service.DrawAsync(program.Id, period.Start, manual: false, cancellationToken) is { } round)
            {
                drawn++;
                logger.LogInformation("Drew round {Period} of {Program}: {People} people", period.Start, program.Name, round.Participants);
            }
        }
        return drawn;
    }
}
