using System.Text.Json;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Reports;

/// <summary>One kept weekly snapshot: the week, its date, and its headline figures for trends.</summary>
public sealed record SnapshotDto(string WeekStart, string AsOf, int Juniors, int Enrolled, int Matched, int Reached, double? RetentionRate);

/// <summary>Takes and reads the weekly snapshots of each program's report.</summary>
public sealed class ReportSnapshots(MentoringDbContext db, ReportService reports, IClock clock)
{
    /// <summary>
    /// For each program under way, the last complete week's report (as of the Sunday that ends it),
    /// when it is not kept yet. Safe to run anywhere and again: the unique key keeps one per week.
    /// </summary>
    public async Task<int> TakeDueAsync(CancellationToken cancellationToken)
    {
        var programs = await db.Programs.AsNoTracking().Where(p => p.Status == ProgramStatus.Active).ToListAsync(cancellationToken);
        List<ReportPerson>? people = null;
        var taken = 0;
        foreach (var program in programs)
        {
            var today = clock.TodayIn(ReportService.ZoneOf(program));
            var weekStart = ReportQueries.Monday(today).PlusDays(-7);
            var asOf = weekStart.PlusDays(6);
            if (program.StartDate is { } start && asOf < start
                || await db.ReportSnapshots.AnyAsync(s => s.ProgramId == program.Id && s.WeekStart == weekStart, cancellationToken))
            {
                continue;
            }
            people ??= await reports.PeopleAsync(cancellationToken);
            var report = await reports.BuildAsync(program, asOf, people, cancellationToken);
            db.ReportSnapshots.Add(new ReportSnapshot
            {
                ProgramId = program.Id, WeekStart = weekStart, AsOf = asOf, TakenAt = clock.GetCurrentInstant(),
                Report = JsonSerializer.Serialize(report, ReportService.Json),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                taken++;
            }
            catch (DbUpdateException)
            {
                // Another instance kept this week first.
                db.ChangeTracker.Clear();
            }
        }
        return taken;
    }

    /// <summary>The program's snapshots, oldest first; null when there is no such program.</summary>
    public async Task<List<SnapshotDto>?> ListAsync(int programId, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId, cancellationToken))
        {
            return null;
        }
        var rows = await db.ReportSnapshots.AsNoTracking().Where(s => s.ProgramId == programId).OrderBy(s => s.WeekStart).ToListAsync(cancellationToken);
        return rows.Select(s =>
        {
            var report = JsonSerializer.Deserialize<ProgramReport>(s.Report, ReportService.Json)!;
            return new SnapshotDto(s.WeekStart.ToString("yyyy-MM-dd", null), s.AsOf.ToString("yyyy-MM-dd", null), report.Coverage.Juniors,
                report.Coverage.Enrolled, report.Coverage.Matched, report.Coverage.Reached, report.Retention.Mentees.Rate);
        }).ToList();
    }
}

/// <summary>The clock-driven job that keeps the weekly snapshots (every <c>Jobs:IntervalSeconds</c>; a week is taken once).</summary>
public sealed class ReportSnapshotJob(IServiceScopeFactory scopes, JobLeases leases, JobMetrics metrics, IOptions<JobsOptions> jobs, ILogger<ReportSnapshotJob> logger)
    : PeriodicJob(leases, metrics, jobs, logger)
{
    protected override string Activity => "Keeping the weekly report snapshots";

    protected override string Name => "report-snapshots";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReportSnapshots>().TakeDueAsync(cancellationToken);
    }
}
