using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Applications;

/// <summary>
/// Moves people up from a program's waitlist when a place frees in their role (a withdrawal, a
/// declined or removed enrollment): first come, first served, up to the role's capacity.
/// </summary>
public sealed class Waitlist(MentoringDbContext db, IClock clock)
{
    public async Task MoveUpAsync(int programId, EnrollmentRole role, CancellationToken cancellationToken)
    {
        var form = await db.ApplicationForms.AsNoTracking().SingleOrDefaultAsync(f => f.ProgramId == programId, cancellationToken);
        if (form is null)
        {
            return;
        }
        var free = await FreePlacesAsync(form, role, cancellationToken);
        if (free <= 0)
        {
            return;
        }
        var next = await db.Enrollments.IgnoreQueryFilters([EnrollmentFilter.ActiveOnly])
            .Where(e => e.ProgramId == programId && e.Role == role && e.Status == EnrollmentStatus.Waitlisted)
            .OrderBy(e => e.AppliedAt).ThenBy(e => e.Id).Take(free).ToListAsync(cancellationToken);
        if (next.Count == 0)
        {
            return;
        }
        var now = clock.GetCurrentInstant();
        foreach (var enrollment in next)
        {
            enrollment.Status = EnrollmentStatus.Active;
            enrollment.DecidedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Places left in the role (int.MaxValue without a limit); active enrollments take them, however they came.</summary>
    public async Task<int> FreePlacesAsync(ApplicationForm form, EnrollmentRole role, CancellationToken cancellationToken)
    {
        if (form.CapacityOf(role) is not { } capacity)
        {
            return int.MaxValue;
        }
        var taken = await db.Enrollments.CountAsync(e => e.ProgramId == form.ProgramId && e.Role == role, cancellationToken);
        return Math.Max(0, capacity - taken);
    }
}
