using System.Globalization;
using System.Text;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Features.Accounts;

public sealed record AccountDto(
    string Id, string Email, string DisplayName, int? PersonId, string? PersonName, IReadOnlyList<string> Roles,
    DateTimeOffset? LastSignInAt, string Status, DateTimeOffset? InvitationExpiresAt, bool HasPassword);

public sealed record InvitationDto(DateTimeOffset ExpiresAt);

public sealed record InvitationsSent(int Invited, int Skipped, IReadOnlyList<string> Problems);

/// <summary>What a set-password link is: usable, or why not.</summary>
public enum LinkState
{
    Usable,
    Expired,
    Used,
    Unknown,
}

/// <summary>The kind of link an account e-mail carries.</summary>
public enum LinkKind
{
    Invitation,
    Reset,
}

/// <summary>
/// The accounts of the people on the roster: invitations (an e-mail through the outbox with a
/// single-use link that expires), password resets, roles, disabling and enabling. The secrets are
/// Identity's data-protected tokens; they are written only into the e-mail.
/// </summary>
public sealed class AccountsService(
    MentoringDbContext db, UserManager<UserAccount> users, IClock clock, IOptions<AccountsOptions> options, ILogger<AccountsService> logger,
    Notifications.Outbox outbox)
{
    /// <summary>One answer to "forgot password", whether or not the address has an account.</summary>
    public const string ForgotPasswordAnswerText = "If an account has this address, a link to reset its password is on its way to it.";

    public const string StatusActive = "active";
    public const string StatusInvited = "invited";
    public const string StatusDisabled = "disabled";
    public const string StatusLocked = "locked";

    public async Task<List<AccountDto>> ListAsync(CancellationToken cancellationToken)
    {
        var accounts = await db.Users.AsNoTracking().Include(u => u.Person).OrderBy(u => u.DisplayName).ThenBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId, x => x.Name!);
        return accounts.Select(a => ToDto(a, roles[a.Id].Order().ToList())).ToList();
    }

    public async Task<Outcome<AccountDto>> GetAsync(string id, CancellationToken cancellationToken)
    {
        var account = await db.Users.AsNoTracking().Include(u => u.Person).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return account is null ? Outcome.NotFound() : ToDto(account, (await users.GetRolesAsync(account)).Order().ToList());
    }

    private AccountDto ToDto(UserAccount account, IReadOnlyList<string> roles)
    {
        var now = clock.GetCurrentInstant();
        var status = account.DisabledAt is not null ? StatusDisabled
            : account.LockoutEnd is { } end && end > now.ToDateTimeOffset() ? StatusLocked
            : account.PasswordHash is null && account.InvitationExpiresAt is not null ? StatusInvited
            : StatusActive;
        return new AccountDto(account.Id, account.Email ?? "", account.DisplayName, account.PersonId, account.Person?.Name, roles,
            account.LastSignInAt?.ToDateTimeOffset(), status, account.InvitationExpiresAt?.ToDateTimeOffset(), account.PasswordHash is not null);
    }

    public async Task<Outcome<AccountDto>> SetRolesAsync(string id, IReadOnlyList<string>? roles, string callerId, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } account)
        {
            return Outcome.NotFound();
        }
        if (roles is null || roles.Count == 0)
        {
            return Outcome.Invalid("roles", "Give the account at least one role: " + string.Join(", ", Roles.All) + ".");
        }
        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            return Outcome.Invalid("roles", $"\"{unknown[0]}\" is not a role; the roles are {string.Join(", ", Roles.All)}.");
        }
        var current = await users.GetRolesAsync(account);
        if (id == callerId && current.Contains(Roles.Admin) && !roles.Contains(Roles.Admin))
        {
            return Outcome.Invalid("roles", "You cannot take the admin role from yourself; ask another admin.");
        }
        var remove = current.Except(roles).ToList();
        var add = roles.Distinct().Except(current).ToList();
        if (remove.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(account, remove));
        }
        if (add.Count > 0)
        {
            Check(await users.AddToRolesAsync(account, add));
        }
        return await GetAsync(id, cancellationToken);
    }

    public async Task<Outcome<AccountDto>> DisableAsync(string id, string callerId, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } account)
        {
            return Outcome.NotFound();
        }
        if (id == callerId)
        {
            return Outcome.Invalid("id", "You cannot disable your own account.");
        }
        account.DisabledAt ??= clock.GetCurrentInstant();
        Check(await users.UpdateAsync(account));
        // A new security stamp ends every session of the account and every link sent to it.
        Check(await users.UpdateSecurityStampAsync(account));
        return await GetAsync(id, cancellationToken);
    }

    public async Task<Outcome<AccountDto>> EnableAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } account)
        {
            return Outcome.NotFound();
        }
        account.DisabledAt = null;
        Check(await users.UpdateAsync(account));
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>E-mails a password-reset link to the account (an admin's "send a reset link").</summary>
    public async Task<Outcome<AccountDto>> SendPasswordResetAsync(string id, string siteUrl, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } account)
        {
            return Outcome.NotFound();
        }
        if (account.DisabledAt is not null)
        {
            return Outcome.Invalid("id", "This account is disabled; enable it before sending a reset link.");
        }
        await QueueResetAsync(account, siteUrl, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>
    /// "Forgot password": a reset link if the address has an account that may sign in, and nothing
    /// otherwise. The caller answers the same either way.
    /// </summary>
    public async Task ForgotPasswordAsync(string email, string siteUrl, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { } account || account.DisabledAt is not null)
        {
            logger.LogInformation("A password reset was asked for an address with no usable account");
            return;
        }
        await QueueResetAsync(account, siteUrl, cancellationToken);
    }

    private async Task QueueResetAsync(UserAccount account, string siteUrl, CancellationToken cancellationToken)
    {
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var hours = Math.Max(1, options.Value.PasswordResetHours);
        await outbox.EnqueueToAddressAsync(account.Email!, string.IsNullOrEmpty(account.DisplayName) ? account.Email! : account.DisplayName, "password-reset",
            new() { ["link"] = Link(siteUrl, account, token, LinkKind.Reset), ["hours"] = hours }, Notifications.Categories.Security, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Invites a person: makes their account if needed and e-mails a link to set a password. Again: a new link, the old one dies.</summary>
    public async Task<Outcome<InvitationDto>> InviteAsync(int personId, string siteUrl, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return Outcome.NotFound();
        }
        if (!person.Active)
        {
            return Outcome.Invalid("personId", $"{person.Name} is no longer active on the roster.");
        }
        if (string.IsNullOrWhiteSpace(person.Email))
        {
            return Outcome.Invalid("email", $"{person.Name} has no e-mail address on the roster, so no invitation can reach them.");
        }
        var account = await db.Users.FirstOrDefaultAsync(u => u.PersonId == personId, cancellationToken) ?? await users.FindByEmailAsync(person.Email);
        if (account is not null && account.PersonId is { } other && other != personId)
        {
            return Outcome.Invalid("email", $"The address {person.Email} already belongs to another person's account.");
        }
        if (account is { PasswordHash: not null } || account?.LastSignInAt is not null)
        {
            return Outcome.Invalid("personId", $"{person.Name} already has an account; send a password-reset link from the accounts page instead.");
        }
        if (account is null)
        {
            account = new UserAccount { UserName = person.Email, Email = person.Email, DisplayName = person.Name, PersonId = person.Id };
            var created = await users.CreateAsync(account);
            if (!created.Succeeded)
            {
                return Outcome.Invalid("email", string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            Check(await users.AddToRoleAsync(account, Roles.Mentee));
        }
        else
        {
            account.PersonId = person.Id;
            // The earlier link stops working: only the newest invitation opens the account.
            Check(await users.UpdateSecurityStampAsync(account));
        }
        var now = clock.GetCurrentInstant();
        var days = Math.Max(1, options.Value.InvitationDays);
        account.InvitedAt = now;
        account.InvitationExpiresAt = now + Duration.FromDays(days);
        Check(await users.UpdateAsync(account));
        var token = await users.GenerateUserTokenAsync(account, AccountTokens.InvitationProvider, AccountTokens.InvitationPurpose);
        await outbox.EnqueueToAddressAsync(person.Email, person.Name, "account-invitation",
            new() { ["link"] = Link(siteUrl, account, token, LinkKind.Invitation), ["expires"] = Describe(account.InvitationExpiresAt.Value) },
            Notifications.Categories.Security, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new InvitationDto(account.InvitationExpiresAt.Value.ToDateTimeOffset());
    }

    /// <summary>Invites each of these people, or everyone active without an account when <paramref name="personIds"/> is null.</summary>
    public async Task<InvitationsSent> InviteManyAsync(IReadOnlyCollection<int>? personIds, string siteUrl, CancellationToken cancellationToken)
    {
        var ids = personIds?.Distinct().ToList() ?? await WithoutAccount().Select(p => p.Id).ToListAsync(cancellationToken);
        var (invited, skipped, problems) = (0, 0, new List<string>());
        foreach (var id in ids)
        {
            var outcome = await InviteAsync(id, siteUrl, cancellationToken);
            if (outcome.Succeeded)
            {
                invited++;
            }
            else
            {
                skipped++;
                if (problems.Count < 10)
                {
                    problems.AddRange(outcome.Errors.Select(e => e.Message));
                }
            }
        }
        return new InvitationsSent(invited, skipped, problems);
    }

    /// <summary>Active people with an e-mail address and no account.</summary>
    public IQueryable<Person> WithoutAccount() =>
        db.People.Where(p => p.Active && p.Email != null && p.Email != "" && !db.Users.Any(u => u.PersonId == p.Id));

    /// <summary>
    /// How many <see cref="WithoutAccount"/> holds, counted without asking the accounts once per person: the active
    /// people with an address (an index on SQLite, migration ScalePages2) less those of them who have an account.
    /// With <paramref name="upTo"/>, counted only that far: past it the answer is <paramref name="upTo"/> + 1 ("more than").
    /// </summary>
    public async Task<int> CountWithoutAccountAsync(CancellationToken cancellationToken, int? upTo = null)
    {
        var withAccount = await db.Users.Where(u => u.PersonId != null).Select(u => u.PersonId!.Value).Distinct()
            .CountAsync(id => db.People.Any(p => p.Id == id && p.Active && p.Email != null && p.Email != ""), cancellationToken);
        var limit = upTo is { } most ? withAccount + most + 1 : int.MaxValue;
        var withAddress = db.Database.IsSqlite()
            ? await db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM (SELECT 1 FROM "People" INDEXED BY "IX_People_Invitable" WHERE "Active" AND "Email" IS NOT NULL AND "Email" <> '' LIMIT {limit})""")
                .SingleAsync(cancellationToken)
            : await db.People.Where(p => p.Active && p.Email != null && p.Email != "").Take(limit).CountAsync(cancellationToken);
        return withAddress - withAccount;
    }

    /// <summary>Takes back a pending invitation: its link stops working and the unused account goes.</summary>
    public async Task<Outcome<Done>> RevokeInvitationAsync(int personId, CancellationToken cancellationToken)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, cancellationToken))
        {
            return Outcome.NotFound();
        }
        var account = await db.Users.FirstOrDefaultAsync(u => u.PersonId == personId, cancellationToken);
        if (account is null || account.InvitationExpiresAt is null)
        {
            return Outcome.Invalid("personId", "There is no pending invitation for this person.");
        }
        if (account.PasswordHash is null && account.LastSignInAt is null)
        {
            Check(await users.DeleteAsync(account));
        }
        else
        {
            account.InvitedAt = account.InvitationExpiresAt = null;
            Check(await users.UpdateAsync(account));
            Check(await users.UpdateSecurityStampAsync(account));
        }
        return Outcome.Done();
    }

    /// <summary>Whether a link from an e-mail still works, and if not, why.</summary>
    public async Task<(LinkState State, UserAccount? Account)> CheckLinkAsync(string? userId, string? code, LinkKind kind)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code) || await users.FindByIdAsync(userId) is not { } account || account.DisabledAt is not null)
        {
            return (LinkState.Unknown, null);
        }
        var token = Decode(code);
        if (token is not null && await Verify(account, token, kind))
        {
            return (LinkState.Usable, account);
        }
        if (kind == LinkKind.Invitation && account.PasswordHash is null && account.InvitationExpiresAt is { } expires && expires <= clock.GetCurrentInstant())
        {
            return (LinkState.Expired, account);
        }
        return (kind == LinkKind.Invitation && account.PasswordHash is not null) || token is not null ? (LinkState.Used, account) : (LinkState.Unknown, account);
    }

    /// <summary>Sets the password a link allows; the link then stops working (the security stamp changes with the password).</summary>
    public async Task<Outcome<Done>> SetPasswordAsync(string? userId, string? code, LinkKind kind, string password)
    {
        var (state, account) = await CheckLinkAsync(userId, code, kind);
        if (state != LinkState.Usable || account is null)
        {
            return Outcome.Invalid("code", "This link no longer works.");
        }
        var token = Decode(code!)!;
        IdentityResult result;
        if (kind == LinkKind.Invitation)
        {
            result = await users.AddPasswordAsync(account, password);
        }
        else
        {
            result = await users.ResetPasswordAsync(account, token, password);
        }
        if (!result.Succeeded)
        {
            return Outcome.Invalid("password", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        account.EmailConfirmed = true;
        account.InvitedAt = account.InvitationExpiresAt = null;
        Check(await users.UpdateAsync(account));
        // A new password also ends a lockout: whoever holds the e-mail is the owner.
        await users.ResetAccessFailedCountAsync(account);
        await users.SetLockoutEndDateAsync(account, null);
        return Outcome.Done();
    }

    private Task<bool> Verify(UserAccount account, string token, LinkKind kind) => kind == LinkKind.Invitation
        ? users.VerifyUserTokenAsync(account, AccountTokens.InvitationProvider, AccountTokens.InvitationPurpose, token)
        : users.VerifyUserTokenAsync(account, AccountTokens.PasswordResetProvider, UserManager<UserAccount>.ResetPasswordTokenPurpose, token);

    private static string? Decode(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The site's address for links: the configured public address, or the one this request came to.</summary>
    public string SiteUrl(HttpRequest request) =>
        (string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : options.Value.PublicUrl).TrimEnd('/');

    private static string Link(string siteUrl, UserAccount account, string token, LinkKind kind) =>
        $"{siteUrl}/Account/SetPassword?user={Uri.EscapeDataString(account.Id)}&code={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}"
        + (kind == LinkKind.Reset ? "&kind=reset" : "");

    public static string Describe(Instant instant) =>
        InstantPattern.CreateWithInvariantCulture("d MMMM uuuu, HH:mm").Format(instant) + " UTC";

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
