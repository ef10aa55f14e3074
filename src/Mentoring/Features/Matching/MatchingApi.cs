using System.Security.Claims;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Matching;

/// <summary>
/// The admin's matching workflow: settings, run (in the background), review, lock, swap, publish;
/// and the program's mentorships with any declines.
/// </summary>
public static class MatchingApi
{
    public static IServiceCollection AddMatchingFeature(this IServiceCollection services)
    {
        services.AddScoped<MatchingService>();
        services.AddScoped<MatchRunner>();
        services.AddJobHandler<MatchJobHandler>(MatchRunner.JobKind);
        services.AddScoped<MentorshipService>();
        return services;
    }

    public static RouteGroupBuilder MapMatchingApi(this RouteGroupBuilder api)
    {
        var program = api.MapGroup("/programs/{programId:int}").WithTags("Matching").RequireAuthorization(Policies.Admin);
        program.MapGet("/matching/settings", GetSettings).WithName("GetMatchingSettings").WithSummary("The program's matching weights and rules.");
        program.MapPut("/matching/settings", PutSettings).WithName("PutMatchingSettings").WithSummary("Change the program's matching weights and rules.");
        program.MapPost("/matching/runs", StartRun).WithName("StartMatchingRun")
            .WithSummary("Run matching in the background; locked pairs of the proposal under review are kept.");
        program.MapGet("/matching/runs", ListRuns).WithName("ListMatchingRuns").WithSummary("The program's matching runs, newest first.");
        program.MapGet("/mentorships", ListMentorships).WithName("ListProgramMentorships").WithSummary("The program's mentorships, with declines and their reasons.");

        var runs = api.MapGroup("/matching/runs/{runId:int}").WithTags("Matching").RequireAuthorization(Policies.Admin);
        runs.MapGet("/", GetRun).WithName("GetMatchingRun").WithSummary("A run with its proposal: who is matched to whom, the fit and why; who is left out and why.")
            .WithDescription("With any of page, pageSize (1–200, 50 by default), fit (strong, fair, weak), flag (matched, unmatched, locked, support), "
                + "office (the mentee's office id) or sort (priority, fit, fit-low, name), one page of the proposal's lines, with the counts over the whole proposal in paging.");
        runs.MapPost("/proposals/{proposalId:int}/lock", Lock).WithName("LockProposal").WithSummary("Lock or unlock a pair, so a re-run keeps it.");
        runs.MapPost("/proposals/{proposalId:int}/mentor", Swap).WithName("SwapMentor").WithSummary("Give a mentee another mentor (or none); the pair is locked.");
        runs.MapGet("/proposals/{proposalId:int}/alternatives", Alternatives).WithName("ListAlternatives")
            .WithSummary("The eligible mentors for one mentee, best fit first, with their room left.");
        runs.MapPost("/publish", Publish).WithName("PublishMatchingRun").WithSummary("Publish the proposal: its pairs become mentorships, all at once.");
        return api;
    }

    private static async Task<Results<Ok<MatchingSettings>, NotFound>> GetSettings(int programId, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == programId, cancellationToken);
        return program is null ? TypedResults.NotFound() : TypedResults.Ok(program.Matching);
    }

    private static async Task<Results<Ok<MatchingSettings>, NotFound, ValidationProblem>> PutSettings(
        int programId, MatchingSettings settings, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == programId, cancellationToken);
        if (program is null)
        {
            return TypedResults.NotFound();
        }
        if (MatchingSettingsRules.Check(settings) is { Succeeded: false } refused)
        {
            return refused.ToProblem();
        }
        program.Matching = settings;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(program.Matching);
    }

    private static async Task<Results<Accepted<MatchRunDto>, NotFound, ValidationProblem>> StartRun(
        int programId, ClaimsPrincipal user, MentoringDbContext db, MatchRunner runner, CancellationToken cancellationToken)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == programId, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var started = await runner.StartAsync(programId, user.Identity?.Name ?? "admin", cancellationToken);
        return started.Value is { } run
            ? TypedResults.Accepted($"/api/matching/runs/{run.Id}", MatchRunDto.From(run, withProposals: false))
            : started.ToProblem();
    }

    private static async Task<Ok<List<MatchRunDto>>> ListRuns(int programId, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var runs = await db.MatchRuns.AsNoTracking().Where(r => r.ProgramId == programId).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(runs.Select(r => MatchRunDto.From(r, withProposals: false)).ToList());
    }

    private static async Task<Results<Ok<MatchRunDto>, NotFound, ValidationProblem>> GetRun(
        int runId, MentoringDbContext db, CancellationToken cancellationToken,
        int? page = null, int? pageSize = null, string? fit = null, string? flag = null, int? office = null, string? sort = null)
    {
        if (page is null && pageSize is null && fit is null && flag is null && office is null && sort is null)
        {
            // Without a page asked for, the whole proposal, as it always was.
            var run = await MatchingQueries.LoadRunAsync(db, runId, cancellationToken);
            return run is null ? TypedResults.NotFound() : TypedResults.Ok(MatchRunDto.From(run, withProposals: true));
        }
        var checkedQuery = new ProposalQuery
        {
            Page = page ?? 1, PageSize = pageSize ?? ProposalQuery.DefaultPageSize, Fit = fit, Flag = flag, Office = office, Sort = sort,
        }.Check();
        if (checkedQuery.Value is not { } query)
        {
            return checkedQuery.ToProblem();
        }
        var header = await db.MatchRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (header is null)
        {
            return TypedResults.NotFound();
        }
        var (summary, lines) = await ProposalReview.ReadAsync(db, header.ProgramId, runId, query, cancellationToken);
        return TypedResults.Ok(MatchRunDto.From(header, withProposals: false) with
        {
            Proposals = lines.Lines.Select(MatchRunDto.ProposalDtoFrom).ToList(),
            Paging = new ProposalPageDto(query.Page, query.PageSize, lines.Total, lines.Pages, query.Fit, query.Flag, query.Office, query.Sort ?? "priority", summary),
        });
    }

    private static async Task<Results<Ok<MatchRunDto>, NotFound, ValidationProblem>> Lock(
        int runId, int proposalId, LockInput input, MatchingService matching, MentoringDbContext db, CancellationToken cancellationToken) =>
        await Change(runId, db, cancellationToken, () => matching.LockAsync(runId, proposalId, input.Locked, cancellationToken));

    private static async Task<Results<Ok<MatchRunDto>, NotFound, ValidationProblem>> Swap(
        int runId, int proposalId, SwapInput input, MatchingService matching, MentoringDbContext db, CancellationToken cancellationToken) =>
        await Change(runId, db, cancellationToken, () => matching.SwapAsync(runId, proposalId, input.MentorId, cancellationToken));

    private static async Task<Results<Ok<MatchRunDto>, NotFound, ValidationProblem>> Change<T>(
        int runId, MentoringDbContext db, CancellationToken cancellationToken, Func<Task<Outcome<T>>> change)
    {
        if (await change() is { Succeeded: false } refused)
        {
            return refused.ToProblem();
        }
        var run = await MatchingQueries.LoadRunAsync(db, runId, cancellationToken);
        return run is null ? TypedResults.NotFound() : TypedResults.Ok(MatchRunDto.From(run, withProposals: true));
    }

    private static async Task<Results<Ok<List<AlternativeDto>>, NotFound>> Alternatives(
        int runId, int proposalId, MatchingService matching, MentoringDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.MatchProposals.AnyAsync(p => p.Id == proposalId && p.RunId == runId, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var alternatives = await matching.AlternativesAsync(runId, proposalId, cancellationToken);
        var people = await db.People.AsNoTracking().Include(p => p.Office)
            .Where(p => alternatives.Select(a => a.Seat.Profile.PersonId).Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        return TypedResults.Ok(alternatives.Select(a => new AlternativeDto(
            MatchRunDto.Ref(people[a.Seat.Profile.PersonId]), a.Score.Score, a.Seat.FreeCapacity, a.Proposed, a.Score.Reasons)).ToList());
    }

    private static async Task<Results<Ok<MatchRunDto>, NotFound, ValidationProblem>> Publish(
        int runId, MatchingService matching, MentoringDbContext db, CancellationToken cancellationToken) =>
        await Change(runId, db, cancellationToken, () => matching.PublishAsync(runId, cancellationToken));

    private static async Task<Ok<List<MentorshipDto>>> ListMentorships(int programId, MentoringDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await MatchingQueries.MentorshipsOfAsync(db, programId, cancellationToken));
}

/// <summary>The limits of a program's matching settings, shared by the API and the settings page.</summary>
public static class MatchingSettingsRules
{
    public static Outcome<Done> Check(MatchingSettings s)
    {
        var weights = new (string Field, double Value)[]
        {
            ("valuesWeight", s.ValuesWeight), ("interestsWeight", s.InterestsWeight), ("skillsWeight", s.SkillsWeight),
            ("levelGapWeight", s.LevelGapWeight), ("crossDepartmentWeight", s.CrossDepartmentWeight),
            ("timeZoneWeight", s.TimeZoneWeight), ("sameOfficeWeight", s.SameOfficeWeight),
        };
        foreach (var (field, value) in weights)
        {
            if (double.IsNaN(value) || value is < 0 or > 10)
            {
                return Outcome.Invalid(field, "a weight is a number from 0 to 10");
            }
        }
        if (weights.All(w => w.Value == 0))
        {
            return Outcome.Invalid("valuesWeight", "at least one weight must be above 0");
        }
        if (s.MinimumLevelGap is < 0 or > 4)
        {
            return Outcome.Invalid("minimumLevelGap", "the minimum level gap is from 0 to 4");
        }
        foreach (var (field, value) in new[] { ("priorityNoMentoringYet", s.PriorityNoMentoringYet), ("priorityNewHire", s.PriorityNewHire), ("priorityFlagged", s.PriorityFlagged) })
        {
            if (value is < 0 or > MenteePriority.Max)
            {
                return Outcome.Invalid(field, $"priority points are from 0 to {MenteePriority.Max}");
            }
        }
        if (s.SuggestionsShown is < 1 or > 20)
        {
            return Outcome.Invalid("suggestionsShown", "show from 1 to 20 suggestions");
        }
        if (s.PilotScope is PilotScope.OnePair or PilotScope.OneTeam or PilotScope.OneDepartment && string.IsNullOrWhiteSpace(s.PilotScopeValue))
        {
            return Outcome.Invalid("pilotScopeValue", "say which pair (two HR ids), team (the lead's HR id) or department the pilot covers");
        }
        return Outcome.Done();
    }
}
