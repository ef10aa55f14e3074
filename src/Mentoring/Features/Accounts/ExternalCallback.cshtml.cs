using System.Security.Claims;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Accounts;

/// <summary>
/// Where single sign-on returns. A returning user signs in by their linked login; a first-time
/// user is matched by the e-mail their identity provider vouches for: to an existing account, or
/// to a person on the roster, who gets a new mentee account. Nobody off the roster gets in.
/// </summary>
public sealed class ExternalCallbackModel(
    SignInManager<UserAccount> signIn, UserManager<UserAccount> users, MentoringDbContext db,
    ILogger<ExternalCallbackModel> logger) : PageModel
{
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? remoteError = null)
    {
        if (remoteError is not null)
        {
            return Fail($"The single sign-on provider answered: {remoteError}");
        }
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return Fail("Single sign-on did not complete. Please start again from the sign-in page.");
        }
        if ((await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true)).Succeeded)
        {
            return LocalRedirect("/");
        }

        var email = info.Principal.FindFirstValue("email") ?? info.Principal.FindFirstValue(ClaimTypes.Email);
        if (string.IsNullOrWhiteSpace(email))
        {
            return Fail("Your single sign-on account did not share an e-mail address, so it cannot be matched to a person.");
        }
        // An address the provider itself has not verified must not unlock someone else's account.
        if (string.Equals(info.Principal.FindFirstValue("email_verified"), "false", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"Your single sign-on provider has not verified {email}.");
        }

        var account = await users.FindByEmailAsync(email);
        if (account is null)
        {
            var normalized = email.Trim().ToLowerInvariant();
            var person = await db.People.AsNoTracking()
                .Where(p => p.Email != null && p.Email.ToLower() == normalized)
                .OrderByDescending(p => p.Active).FirstOrDefaultAsync(HttpContext.RequestAborted);
            if (person is null || !person.Active)
            {
                return Fail($"No one on your organisation's roster has the e-mail address {email}. Ask your program admin to add you.");
            }
            account = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = person.Name, PersonId = person.Id };
            if (!await Succeeded(users.CreateAsync(account)) || !await Succeeded(users.AddToRoleAsync(account, Roles.Mentee)))
            {
                return Fail("Your account could not be created. Please tell your program admin.");
            }
            logger.LogInformation("Created a mentee account for {Email} at first single sign-on", email);
        }
        if (!await Succeeded(users.AddLoginAsync(account, info)))
        {
            return Fail("Your single sign-on login could not be linked to your account. Please tell your program admin.");
        }
        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        if (result.IsLockedOut)
        {
            return Fail("This account is locked for a few minutes; try again later.");
        }
        return result.Succeeded ? LocalRedirect("/") : Fail("You could not be signed in. Please tell your program admin.");
    }

    private PageResult Fail(string problem)
    {
        Problem = problem;
        return Page();
    }

    private async Task<bool> Succeeded(Task<IdentityResult> operation)
    {
        var result = await operation;
        if (!result.Succeeded)
        {
            logger.LogWarning("Single sign-on account step failed: {Errors}", string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        return result.Succeeded;
    }
}
