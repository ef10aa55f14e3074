using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Programs;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Accounts;

public sealed record MeDto(string UserId, string Email, string DisplayName, IReadOnlyList<string> Roles, int? PersonId, IReadOnlyList<EnrollmentDto> Enrollments);

public sealed record TokenInput
{
    [Required, StringLength(200, MinimumLength = 1)]
    public string Name { get; init; } = "";
}

/// <summary>The caller's own account: who am I, my enrollments, my API tokens; plus sign-out and single sign-on.</summary>
public static class AccountApi
{
    public static IServiceCollection AddAccountFeature(this IServiceCollection services)
    {
        services.AddScoped<ApiTokenService>();
        services.AddAccountsAdministration();
        return services;
    }

    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Account").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/", Me).WithName("Me").WithSummary("The signed-in account, its roles and its enrollments.");

        var tokens = api.MapGroup("/tokens").WithTags("Account").RequireAuthorization(Policies.SignedIn);
        tokens.MapGet("/", ListTokens).WithName("ListTokens").WithSummary("My API tokens (never their secrets).");
        // Only a signed-in person makes tokens: a token (perhaps leaked) cannot mint more of itself.
        tokens.MapPost("/", CreateToken).RequireAuthorization(Policies.SignedInWithCookie).WithName("CreateToken").WithSummary("Create an API token; the secret is in this answer only.");
        tokens.MapDelete("/{id:int}", RevokeToken).WithName("RevokeToken").WithSummary("Revoke one of my API tokens.");
        api.MapAccountsApi();
        return api;
    }

    /// <summary>Non-API account endpoints: sign-out, and the single sign-on challenge.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/Account/SignOut", async (SignInManager<UserAccount> signIn, UserManager<UserAccount> users, ClaimsPrincipal principal) =>
        {
            // A new security stamp ends this session everywhere: a copy of the old cookie no longer signs in.
            if (await users.GetUserAsync(principal) is { } account)
            {
                await users.UpdateSecurityStampAsync(account);
            }
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/Account/SignIn");
        }).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();

        app.MapGet("/Account/Sso", (SignInManager<UserAccount> signIn, IConfiguration configuration) =>
        {
            if (!Authentication.IsOidcEnabled(configuration))
            {
                return Results.NotFound();
            }
            var properties = signIn.ConfigureExternalAuthenticationProperties(Authentication.OidcScheme, "/Account/ExternalCallback");
            return Results.Challenge(properties, [Authentication.OidcScheme]);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<MeDto>, UnauthorizedHttpResult>> Me(
        ClaimsPrincipal user, UserManager<UserAccount> users, MentoringDbContext db, CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(user);
        if (account is null)
        {
            return TypedResults.Unauthorized();
        }
        var roles = await users.GetRolesAsync(account);
        var enrollments = account.PersonId is { } personId
            ? await db.Enrollments.AsNoTracking().Include(e => e.Person).Where(e => e.PersonId == personId).ToListAsync(cancellationToken)
            : [];
        return TypedResults.Ok(new MeDto(account.Id, account.Email ?? "", account.DisplayName, roles.Order().ToList(), account.PersonId,
            enrollments.Select(EnrollmentDto.From).ToList()));
    }

    private static async Task<Ok<List<ApiTokenDto>>> ListTokens(ClaimsPrincipal user, UserManager<UserAccount> users, ApiTokenService tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.ListAsync(users.GetUserId(user)!, cancellationToken));

    private static async Task<Created<CreatedApiToken>> CreateToken(
        TokenInput input, ClaimsPrincipal user, UserManager<UserAccount> users, ApiTokenService tokens, CancellationToken cancellationToken)
    {
        var created = await tokens.CreateAsync(users.GetUserId(user)!, input.Name, cancellationToken);
        return TypedResults.Created($"/api/tokens/{created.Token.Id}", created);
    }

    private static async Task<Results<NoContent, NotFound>> RevokeToken(
        int id, ClaimsPrincipal user, UserManager<UserAccount> users, ApiTokenService tokens, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(users.GetUserId(user)!, id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
