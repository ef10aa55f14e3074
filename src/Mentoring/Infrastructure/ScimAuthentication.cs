using System.Security.Claims;
using System.Text.Encodings.Web;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Scim;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Infrastructure;

/// <summary>
/// The identity provider's way in: a SCIM token as a bearer, for <c>/scim/v2</c> only. The scheme
/// is named by the SCIM policy alone, so a SCIM token opens no other endpoint (the default scheme
/// does not know it) and a personal API token or a cookie does not open SCIM.
/// </summary>
public static class ScimAuthentication
{
    public const string SchemeName = "scim";

    /// <summary>The policy every <c>/scim/v2</c> endpoint names.</summary>
    public const string Policy = "scim";

    public const string TokenIdClaim = "scim_token";

    public static IServiceCollection AddScimAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ScimTokenAuthenticationHandler>(SchemeName, "SCIM token", null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(TokenIdClaim));
        return services;
    }
}

internal sealed class ScimTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MentoringDbContext db,
    IClock clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ApiTokens.ReadBearer(Request.Headers.Authorization);
        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }
        var hash = ApiTokens.Hash(secret);
        // Looked up on every request, so that a revoked token stops at once.
        var token = await db.Set<ScimToken>().SingleOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token is null || token.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("The SCIM token is unknown or revoked.");
        }
        var now = clock.GetCurrentInstant();
        if (token.LastUsedAt is null || now - token.LastUsedAt.Value > Duration.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }
        var identity = new ClaimsIdentity(
            [new Claim(ScimAuthentication.TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, token.Name)],
            ScimAuthentication.SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ScimAuthentication.SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
        var detail = result.Failure is not null
            ? "The bearer token is not a valid SCIM token: it is unknown or revoked."
            : "Send a SCIM token as Authorization: Bearer …; an admin creates one on the Provisioning (SCIM) page.";
        await ScimErrors.Write(Context, StatusCodes.Status401Unauthorized, null, detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ScimErrors.Write(Context, StatusCodes.Status403Forbidden, null, "This token may not do that.");
}
