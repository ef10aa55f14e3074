using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Mentoring.Features.Accounts;

public sealed record RolesInput
{
    public List<string>? Roles { get; init; }
}

public sealed record ForgotPasswordInput
{
    [Required(ErrorMessage = "Give the account's e-mail address."), EmailAddress(ErrorMessage = "Give an e-mail address such as name@company.com."), StringLength(320)]
    public string? Email { get; init; }
}

public sealed record InvitationsInput
{
    /// <summary>The people to invite.</summary>
    public List<int>? PersonIds { get; init; }

    /// <summary>True: everyone active on the roster with an e-mail address and no account.</summary>
    public bool Everyone { get; init; }
}

public sealed record ForgotPasswordAnswer(string Message);

/// <summary>The accounts API: the admin's list and changes, invitations from the roster, and "forgot password".</summary>
public static class AccountsApi
{

    public static IServiceCollection AddAccountsAdministration(this IServiceCollection services)
    {
        services.AddOptions<AccountsOptions>().BindConfiguration("Accounts");
        services.AddScoped<AccountsService>();
        return services;
    }

    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(Policies.Admin);
        accounts.MapGet("/", List).WithName("ListAccounts").WithSummary("Every account with its person, roles, last sign-in and status.");
        accounts.MapPut("/{id}/roles", SetRoles).WithName("SetAccountRoles").WithSummary("Replace an account's roles.");
        accounts.MapPost("/{id}/disable", Disable).WithName("DisableAccount").WithSummary("Disable an account: it cannot sign in and its sessions end.");
        accounts.MapPost("/{id}/enable", Enable).WithName("EnableAccount").WithSummary("Enable a disabled account again.");
        accounts.MapPost("/{id}/password-reset", PasswordReset).WithName("SendPasswordReset").WithSummary("E-mail the account a link to set a new password.");

        var people = api.MapGroup("/people").WithTags("Accounts").RequireAuthorization(Policies.Admin);
        people.MapPost("/{id:int}/invitation", Invite).WithName("InvitePerson")
            .WithSummary("Invite a person: an e-mail with a single-use link to set a password (again: a new link, the old one stops working).");
        people.MapDelete("/{id:int}/invitation", Revoke).WithName("RevokeInvitation").WithSummary("Take back a pending invitation.");
        people.MapPost("/invitations", InviteMany).WithName("InvitePeople")
            .WithSummary("Invite several people (personIds), or everyone active without an account (everyone: true).");

        api.MapPost("/account/forgot-password", ForgotPassword).AllowAnonymous().WithTags("Account").WithName("ForgotPassword")
            .WithSummary("E-mail a password-reset link to an account's address; the same answer whether it has an account or not.");
        return api;
    }

    private static async Task<Ok<List<AccountDto>>> List(AccountsService accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.ListAsync(cancellationToken));

    private static async Task<Results<Ok<AccountDto>, NotFound, ValidationProblem>> SetRoles(
        string id, RolesInput input, ClaimsPrincipal user, UserManager<UserAccount> users, AccountsService accounts, CancellationToken cancellationToken) =>
        (await accounts.SetRolesAsync(id, input.Roles, users.GetUserId(user)!, cancellationToken)).ToOk();

    private static async Task<Results<Ok<AccountDto>, NotFound, ValidationProblem>> Disable(
        string id, ClaimsPrincipal user, UserManager<UserAccount> users, AccountsService accounts, CancellationToken cancellationToken) =>
        (await accounts.DisableAsync(id, users.GetUserId(user)!, cancellationToken)).ToOk();

    private static async Task<Results<Ok<AccountDto>, NotFound, ValidationProblem>> Enable(string id, AccountsService accounts, CancellationToken cancellationToken) =>
        (await accounts.EnableAsync(id, cancellationToken)).ToOk();

    private static async Task<Results<Ok<AccountDto>, NotFound, ValidationProblem>> PasswordReset(
        string id, HttpRequest request, AccountsService accounts, CancellationToken cancellationToken) =>
        (await accounts.SendPasswordResetAsync(id, accounts.SiteUrl(request), cancellationToken)).ToOk();

    private static async Task<Results<Ok<InvitationDto>, NotFound, ValidationProblem>> Invite(
        int id, HttpRequest request, AccountsService accounts, CancellationToken cancellationToken) =>
        (await accounts.InviteAsync(id, accounts.SiteUrl(request), cancellationToken)).ToOk();

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> Revoke(int id, AccountsService accounts, CancellationToken cancellationToken) =>
        (await accounts.RevokeInvitationAsync(id, cancellationToken)).ToNoContent();

    private static async Task<Results<Ok<InvitationsSent>, ValidationProblem>> InviteMany(
        InvitationsInput input, HttpRequest request, AccountsService accounts, CancellationToken cancellationToken)
    {
        if (!input.Everyone && (input.PersonIds is null || input.PersonIds.Count == 0))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["personIds"] = ["Give the people to invite, or \"everyone\": true for everyone without an account."],
            });
        }
        return TypedResults.Ok(await accounts.InviteManyAsync(input.Everyone ? null : input.PersonIds, accounts.SiteUrl(request), cancellationToken));
    }

    private static async Task<Accepted<ForgotPasswordAnswer>> ForgotPassword(
        ForgotPasswordInput input, HttpRequest request, AccountsService accounts, CancellationToken cancellationToken)
    {
        await accounts.ForgotPasswordAsync(input.Email!, accounts.SiteUrl(request), cancellationToken);
        return TypedResults.Accepted((string?)null, new ForgotPasswordAnswer(AccountsService.ForgotPasswordAnswerText));
    }
}
