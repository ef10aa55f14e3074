using System.Globalization;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Privacy;

/// <summary>
/// Answers to a course's discussion questions (<c>Retention:DiscussionAnswersMonths</c>), counted from the end of
/// the author's last program that assigns the course: removed. An author still in a running program that assigns
/// it keeps their answers, and so does one whose programs have not ended (or who took the course outside any).
/// </summary>
public sealed class DiscussionAnswerRetention(MentoringDbContext db, IOptions<RetentionOptions> options) : IRetentionRule
{
    public const string Rule = "discussion-answers";

    public async Task<IReadOnlyList<RetentionItem>> DueAsync(Instant now, CancellationToken cancellationToken)
    {
        if (RetentionOptions.Cutoff(now, options.Value.DiscussionAnswersMonths) is not { } cutoff)
        {
            return [];
        }
        var answers = await (
                from a in db.DiscussionAnswers
                join q in db.DiscussionQuestions on a.QuestionId equals q.Id
                join m in db.TrainingModules on q.ModuleId equals m.Id
                orderby a.Id
                select new { a.Id, a.PersonId, m.CourseId })
            .AsNoTracking().ToListAsync(cancellationToken);
        if (answers.Count == 0)
        {
            return [];
        }
        var ends = await EndsAsync(cancellationToken);
        var assigning = (await db.ProgramTrainings.AsNoTracking().Select(t => new { t.CourseId, t.ProgramId }).ToListAsync(cancellationToken))
            .ToLookup(t => t.CourseId, t => t.ProgramId);
        // The programs each author was in: enrolled now, or withdrawn since (an application never accepted is not one).
        var enrollments = (await db.Enrollments.IgnoreQueryFilters([EnrollmentFilter.ActiveOnly]).AsNoTracking()
                .Where(e => (e.Status == EnrollmentStatus.Active || e.Status == EnrollmentStatus.Withdrawn) && db.DiscussionAnswers.Any(a => a.PersonId == e.PersonId))
                .Select(e => new { e.PersonId, e.ProgramId }).ToListAsync(cancellationToken))
            .ToLookup(e => e.PersonId, e => e.ProgramId);
        var items = new List<RetentionItem>();
        foreach (var answer in answers)
        {
            var programs = enrollments[answer.PersonId].Intersect(assigning[answer.CourseId]).ToList();
            // None assigns it, or one has no end yet (still running, or not started): kept.
            if (programs.Count == 0 || programs.Any(p => !ends.ContainsKey(p)))
            {
                continue;
            }
            var last = programs.Max(p => ends[p]);
            if (last < cutoff)
            {
                items.Add(new RetentionItem(Rule, "discussion-answer", answer.Id.ToString(CultureInfo.InvariantCulture),
                    "An answer to a discussion question of a course whose programs ended", last));
            }
        }
        return items;
    }

    public async Task ApplyAsync(IReadOnlyList<RetentionItem> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(i => int.Parse(i.EntityId, CultureInfo.InvariantCulture)).ToList();
        foreach (var chunk in ids.Chunk(500))
        {
            await db.DiscussionAnswers.Where(a => chunk.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// When each program that is over (completed or archived) ended: the step that completed it, else the end of its
    /// last day (UTC, as programs' dates are), else the step that archived it. Running and draft programs have none.
    /// </summary>
    private async Task<Dictionary<int, Instant>> EndsAsync(CancellationToken cancellationToken)
    {
        var over = await db.Programs.AsNoTracking().Where(p => p.Status == ProgramStatus.Completed || p.Status == ProgramStatus.Archived)
            .Select(p => new { p.Id, p.EndDate }).ToListAsync(cancellationToken);
        var steps = (await db.ProgramTransitions.AsNoTracking().Where(t => t.To == ProgramStatus.Completed || t.To == ProgramStatus.Archived)
                .Select(t => new { t.ProgramId, t.To, t.At }).ToListAsync(cancellationToken))
            .ToLookup(t => t.ProgramId);
        var ends = new Dictionary<int, Instant>();
        foreach (var program in over)
        {
            var completed = steps[program.Id].Where(t => t.To == ProgramStatus.Completed).Select(t => (Instant?)t.At).Max();
            var archived = steps[program.Id].Select(t => (Instant?)t.At).Max();
            if ((completed ?? program.EndDate?.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() ?? archived) is { } end)
            {
                ends[program.Id] = end;
            }
        }
        return ends;
    }
}
