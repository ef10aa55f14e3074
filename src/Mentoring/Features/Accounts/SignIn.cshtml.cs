using System.ComponentModel.DataAnnotations;
using Mentoring.Domain;
using Mentoring.Features.Demo;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Mentoring.Features.Accounts;

public sealed class SignInModel(
    SignInManager<UserAccount> signIn, UserManager<UserAccount> users, IPasswordHasher<UserAccount> hasher,
    IConfiguration configuration, DemoStatus demo, IOptions<DemoOptions> demoOptions, IOptions<IdentityOptions> identity) : PageModel
{
    /// <summary>
    /// One answer for every failure, locked or not, real account or not, so the page does not tell
    /// which addresses have accounts; it says how long a lockout lasts, so a locked-out owner knows when to try again.
    /// </summary>
    public static string Failure(LockoutOptions lockout) =>
        "That e-mail address and password do not match an account. "
        + $"After {lockout.MaxFailedAccessAttempts} wrong passwords an account is locked for {Minutes(lockout.DefaultLockoutTimeSpan)}: "
        + $"if this account exists and is locked, it opens again within {Minutes(lockout.DefaultLockoutTimeSpan)}. You can also reset your password.";

    private static string Minutes(TimeSpan span)
    {
        var minutes = (int)Math.Ceiling(span.TotalMinutes);
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }

    // Hashed once; checking a password against it costs what checking a real account's costs.
    private static string? dummyHash;

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool SingleSignOn => Authentication.IsOidcEnabled(configuration);

    /// <summary>Set when the person has just chosen a password from an e-mail's link.</summary>
    [BindProperty(SupportsGet = true)]
    public bool PasswordSet { get; set; }

    /// <summary>The demo store's published sign-in, shown on its sign-in page (null for a real store).</summary>
    public DemoOptions? Demo => demo.IsDemoStore ? demoOptions.Value : null;

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            SpendAsLongAsAPasswordCheck(Input.Password);
        }
        else
        {
            // Read before the attempt: an attempt that locks the account has checked its password, one on an
            // account locked already has not.
            var lockedBefore = await users.IsLockedOutAsync(user);
            var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return LocalRedirect(SafeReturnUrl);
            }
            if (result.IsNotAllowed || (result.IsLockedOut && lockedBefore))
            {
                // A disabled account (or one whose person left), or one locked already, is refused before its
                // password is checked; spend the time anyway, and write nothing, so it answers as an unknown address does.
                SpendAsLongAsAPasswordCheck(Input.Password);
            }
            else if (result.IsLockedOut)
            {
                // This attempt locked the account: its sessions end, once, when the lockout starts.
                await users.UpdateSecurityStampAsync(user);
            }
        }
        ModelState.AddModelError("", Failure(identity.Value.Lockout));
        return Page();
    }

    private void SpendAsLongAsAPasswordCheck(string password)
    {
        var probe = new UserAccount();
        dummyHash ??= hasher.HashPassword(probe, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(probe, dummyHash, password);
    }

    /// <summary>Only paths on this site, so the sign-in page cannot be used to send people elsewhere.</summary>
    private string SafeReturnUrl => ReturnUrl is { } url && Url.IsLocalUrl(url) ? url : "/";
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address such as name@company.com.")]
    [Display(Name = "E-mail address")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; set; }
}
