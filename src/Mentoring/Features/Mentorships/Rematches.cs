using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Mentorships;

/// <summary>The mentee to match again, and where the admin does it.</summary>
public sealed record RematchDto(int MentorshipId, int MenteeId, string MenteeName, string MatchingUrl);

public sealed record RematchInput
{
    public string? Reason { get; init; }
}

/// <summary>
/// A pair one of whom answered the fit check "not a good fit" is ended by the admin with a reason;
/// both go back to matching (earlier pairs are not repeated when the program says so). The fit
/// comment is never read here: neither the admin nor the other person sees it.
/// </summary>
public sealed class Rematches(MentoringDbContext db, IClock clock)
{
    public async Task<Outcome<RematchDto>> RematchAsync(int programId, int mentorshipId, int? adminPersonId, RematchInput input, CancellationToken cancellationToken)
    {
        var m = await db.Mentorships.Include(x => x.Mentee).SingleOrDefaultAsync(x => x.Id == mentorshipId && x.ProgramId == programId, cancellationToken);
        if (m is null)
        {
            return Outcome.NotFound();
        }
        if (m.Status != MentorshipStatus.Active)
        {
            return Outcome.Invalid("mentorshipId", "this mentorship has already ended");
        }
        if (!await db.FitAnswers.AnyAsync(f => f.MentorshipId == mentorshipId && f.Answer == FitVerdict.NotGood, cancellationToken))
        {
            return Outcome.Invalid("mentorshipId", "a rematch is offered once one of the pair answered the fit check \"not a good fit\"");
        }
        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return Outcome.Invalid("reason", "say why the mentorship ends; both of the pair see it");
        }
        if (reason.Length > 2000)
        {
            return Outcome.Invalid("reason", "the reason may be at most 2,000 characters");
        }
        (m.Status, m.EndedAt, m.ClosedById, m.CloseReason) = (MentorshipStatus.Ended, clock.GetCurrentInstant(), adminPersonId, reason);
        await db.SaveChangesAsync(cancellationToken);
        return new RematchDto(m.Id, m.MenteeId, m.Mentee!.Name, $"/Programs/{programId}/Matching?mentee={m.MenteeId}");
    }
}
