using System.Security.Cryptography;
using Mentoring.Data;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Scheduling;

/// <summary>
/// A person's secret calendar subscription address: one at a time; making a new one revokes the old,
/// so a leaked address is stopped by regenerating or revoking it.
/// </summary>
public sealed class CalendarLinks(MentoringDbContext db)
{
    public async Task<string?> TokenAsync(int personId, CancellationToken cancellationToken) =>
        await db.People.Where(p => p.Id == personId).Select(p => p.CalendarToken).SingleAsync(cancellationToken);

    public async Task<string> RenewAsync(int personId, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleAsync(p => p.Id == personId, cancellationToken);
        person.CalendarToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await db.SaveChangesAsync(cancellationToken);
        return person.CalendarToken;
    }

    public async Task RevokeAsync(int personId, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleAsync(p => p.Id == personId, cancellationToken);
        person.CalendarToken = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string FeedUrl(HttpRequest request, string token) => $"{request.Scheme}://{request.Host}/calendar/{token}.ics";
}
