using System.Security.Claims;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Infrastructure;

/// <summary>
/// Who is calling, resolved once per request: the signed-in account and the person on the roster it
/// belongs to. Pages, endpoints and services ask this instead of looking the account up themselves.
/// </summary>
public sealed class CurrentPerson(IHttpContextAccessor http, MentoringDbContext db)
{
    private bool loaded;
    private int? personId;

    public ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    /// <summary>The account's id (Identity's user id), or null when nobody is signed in.</summary>
    public string? AccountId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public bool IsInRole(string role) => User.IsInRole(role);

    /// <summary>The id of the caller's person on the roster, or null when the account is not linked to one.</summary>
    public async Task<int?> IdAsync(CancellationToken cancellationToken = default)
    {
        if (!loaded)
        {
            var account = AccountId;
            // The sign-in check has already read the account on this request (cookie or API token).
            personId = account is null ? null
                : http.HttpContext?.Features.Get<SignedInAccount>() is { } signedIn && signedIn.AccountId == account ? signedIn.PersonId
                : await db.Users.Where(u => u.Id == account).Select(u => u.PersonId).SingleOrDefaultAsync(cancellationToken);
            loaded = true;
        }
        return personId;
    }

    /// <summary>The caller's person, or null when the account is not linked to one.</summary>
    public async Task<Person?> GetAsync(CancellationToken cancellationToken = default) =>
        await IdAsync(cancellationToken) is { } id ? await db.People.FindAsync([id], cancellationToken) : null;
}
