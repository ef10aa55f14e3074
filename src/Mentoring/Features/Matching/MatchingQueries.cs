using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Matching;

/// <summary>Reading matching runs and a program's mentorships, shared by the API and the pages.</summary>
public static class MatchingQueries
{
    /// <summary>A run with its proposal lines and the people in them.</summary>
    public static Task<MatchRun?> LoadRunAsync(MentoringDbContext db, int runId, CancellationToken cancellationToken) =>
        db.MatchRuns.AsNoTracking()
            .Include(r => r.Proposals).ThenInclude(p => p.Mentee).ThenInclude(p => p!.Office)
            .Include(r => r.Proposals).ThenInclude(p => p.Mentor).ThenInclude(p => p!.Office)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);

    /// <summary>A program's mentorships, with declines and their reasons.</summary>
    public static async Task<List<MentorshipDto>> MentorshipsOfAsync(MentoringDbContext db, int programId, CancellationToken cancellationToken)
    {
        var mentorships = await MentorshipService.Query(db).Where(m => m.ProgramId == programId)
            .OrderBy(m => m.Status).ThenBy(m => m.Mentee!.Name).ToListAsync(cancellationToken);
        return mentorships.Select(MentorshipDto.From).ToList();
    }
}
