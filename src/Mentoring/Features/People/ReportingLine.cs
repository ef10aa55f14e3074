using Mentoring.Data;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.People;

/// <summary>Walks the manager chain: matching must never pair a mentee with someone above them in it.</summary>
public static class ReportingLine
{
    /// <summary>True when <paramref name="ancestorId"/> is <paramref name="personId"/>'s manager, or theirs, and so on up.</summary>
    public static async Task<bool> IsInLineAsync(MentoringDbContext db, int personId, int ancestorId, CancellationToken cancellationToken)
    {
        var seen = new HashSet<int>();
        int? current = personId;
        while (current is { } id && seen.Add(id))
        {
            current = await db.People.Where(p => p.Id == id).Select(p => p.ManagerId).SingleOrDefaultAsync(cancellationToken);
            if (current == ancestorId)
            {
                return true;
            }
        }
        return false;
    }
}
