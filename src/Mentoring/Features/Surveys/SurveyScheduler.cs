using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Surveys;

/// <summary>
/// Sends each running program's start, middle (start + half its length) and end survey on those dates,
/// by itself, and the reminders. Idempotent: one survey per program and stage (a unique key) and one
/// delivery per survey and person (another), so restarts and a second instance send nothing twice.
/// </summary>
public sealed class SurveyScheduler(IServiceScopeFactory scopes, IClock clock, JobLeases leases, JobMetrics metrics, IOptions<JobsOptions> jobs, ILogger<SurveyScheduler> logger)
    : PeriodicJob(leases, metrics, jobs, logger)
{
    protected override string Activity => "Sending due surveys";

    protected override string Name => "survey-sending";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    /// <summary>The stage a program is in on a day: the latest of its start, middle and end dates that has come (stages missed are not sent late).</summary>
    public static SurveyTemplate? StageOn(MentoringProgram program, LocalDate today)
    {
        if (program.StartDate is not { } start || today < start)
        {
            return null;
        }
        if (program.EndDate is { } end && end > start)
        {
            if (today >= end)
            {
                return SurveyTemplate.End;
            }
            if (today >= Middle(start, end))
            {
                return SurveyTemplate.Middle;
            }
        }
        return SurveyTemplate.Start;
    }

    public static LocalDate Middle(LocalDate start, LocalDate end) => start.PlusDays(Period.DaysBetween(start, end) / 2);

    /// <summary>One pass: each running program's current stage survey to everyone enrolled who has not had it, then reminders.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<SurveysService>();
        // Programs have no zone of their own: their dates are UTC days.
        var today = clock.GetCurrentInstant().InUtc().Date;
        var running = new[] { ProgramStatus.Active, ProgramStatus.Pilot, ProgramStatus.Evaluating };
        var programs = await db.Programs.AsNoTracking()
            .Where(p => p.AutoSurveys && p.StartDate != null && running.Contains(p.Status)).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var program in programs)
        {
            if (StageOn(program, today) is not { } stage)
            {
                continue;
            }
            var survey = await StageSurveyAsync(db, program, stage, cancellationToken);
            var result = await service.DeliverAsync(survey, null, cancellationToken);
            if (result.Sent > 0)
            {
                logger.LogInformation("Sent {Survey} of {Program} to {People} people", survey.Title, program.Name, result.Sent);
            }
            sent += result.Sent;
        }
        await service.RemindAsync(cancellationToken);
        return sent;
    }

    private async Task<Survey> StageSurveyAsync(MentoringDbContext db, MentoringProgram program, SurveyTemplate stage, CancellationToken cancellationToken)
    {
        var existing = await db.Surveys.AsNoTracking().Include(s => s.Program).SingleOrDefaultAsync(s => s.ProgramId == program.Id && s.AutoStage == stage, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }
        var survey = new Survey
        {
            ProgramId = program.Id, Template = stage, AutoStage = stage, Title = QuestionBank.Title(stage),
            CreatedAt = clock.GetCurrentInstant(), Questions = QuestionBank.Questions(stage),
        };
        db.Surveys.Add(survey);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance made it first: use theirs.
            db.ChangeTracker.Clear();
        }
        return await db.Surveys.AsNoTracking().Include(s => s.Program).SingleAsync(s => s.ProgramId == program.Id && s.AutoStage == stage, cancellationToken);
    }
}
