using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Infrastructure;

/// <summary>
/// Authenticates scripts by a personal API token in <c>Authorization: Bearer …</c>. The caller
/// gets the roles of the account that owns the token, so the same policies apply.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MentoringDbContext db,
    IUserClaimsPrincipalFactory<UserAccount> principals,
    IClock clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ApiTokens.ReadBearer(Request.Headers.Authorization);
        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }
        var hash = ApiTokens.Hash(secret);
        var allowed = SignInRules.AccountsThatMaySignIn(db);
        var found = await db.ApiTokens.Where(t => t.Hash == hash)
            .Select(t => new { Token = t, t.User, MaySignIn = allowed.Any(u => u.Id == t.UserId) })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (found?.User is null || found.Token.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("The API token is unknown or revoked.");
        }
        var token = found.Token;
        // A token works only while its account could sign in: disabling the account, or the person
        // leaving the roster, stops its scripts as it ends its sessions.
        if (!found.MaySignIn)
        {
            return AuthenticateResult.Fail("The API token's account is disabled or its person has left.");
        }
        var now = clock.GetCurrentInstant();
        if (AccountUserManager.IsLockedOut(found.User.LockoutEnabled, found.User.LockoutEnd, now.ToDateTimeOffset()))
        {
            return AuthenticateResult.Fail("The account is locked.");
        }
        // Recording use at most once a minute keeps reads from turning into writes on every call.
        if (token.LastUsedAt is null || now - token.LastUsedAt.Value > Duration.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }
        var principal = await principals.CreateAsync(found.User);
        Context.Features.Set(new SignedInAccount(found.User.Id, found.User.PersonId));
        // The audit trail names the token, not only its owner, for what a script does.
        principal.Identities.First().AddClaims([
            new System.Security.Claims.Claim(Audit.AuditContext.ApiTokenClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new System.Security.Claims.Claim(Audit.AuditContext.ApiTokenNameClaim, token.Name)]);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}

/// <summary>Making, reading and hashing API token secrets.</summary>
public static class ApiTokens
{
    private const string SecretPrefix = "mtk_";

    /// <summary>A new random secret: 32 bytes, URL-safe, with a recognisable prefix.</summary>
    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The part shown in lists so an owner can tell tokens apart.</summary>
    public static string PrefixOf(string secret) => secret[..Math.Min(12, secret.Length)];

    public static string? ReadBearer(string? authorization)
    {
        const string bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var secret = authorization[bearer.Length..].Trim();
        return secret.Length == 0 ? null : secret;
    }
}
