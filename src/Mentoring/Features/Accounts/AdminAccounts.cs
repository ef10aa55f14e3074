using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Accounts;

/// <summary>An admin account that can be written to: enabled, with an e-mail; its person when it has one.</summary>
public sealed record AdminAccount(string Email, string Name, int? PersonId);

/// <summary>The one query of who the admins are, for the messages and digests that go to them.</summary>
public static class AdminAccounts
{
    public static async Task<List<AdminAccount>> ActiveAsync(MentoringDbContext db, CancellationToken cancellationToken) =>
        (await (from user in db.Users
                join link in db.UserRoles on user.Id equals link.UserId
                join role in db.Roles on link.RoleId equals role.Id
                where role.Name == Roles.Admin && user.Email != null && user.DisabledAt == null
                select new { Email = user.Email!, user.DisplayName, user.PersonId }).ToListAsync(cancellationToken))
        .DistinctBy(a => a.Email)
        .Select(a => new AdminAccount(a.Email, string.IsNullOrEmpty(a.DisplayName) ? a.Email : a.DisplayName, a.PersonId))
        .ToList();
}
