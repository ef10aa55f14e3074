using Mentoring.Data;
using Mentoring.Domain;

namespace Mentoring.Infrastructure;

/// <summary>
/// Who may be signed in at all, by a cookie or by an API token: an account that is not disabled,
/// whose person, if it has one, is still active on the roster.
/// </summary>
public static class SignInRules
{
    /// <summary>
    /// The accounts that may be signed in, as a query to compose into another (EF inlines it), so
    /// the rule is read in the same round trip as the rest of a check.
    /// </summary>
    public static IQueryable<UserAccount> AccountsThatMaySignIn(MentoringDbContext db) =>
        db.Users.Where(u => u.DisabledAt == null && (u.PersonId == null || db.People.Any(p => p.Id == u.PersonId && p.Active)));
}
