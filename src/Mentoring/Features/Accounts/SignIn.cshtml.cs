using System.ComponentModel.DataAnnotations;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Accounts;

public sealed class SignInModel(SignInManager<UserAccount> signIn, IConfiguration configuration) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool SingleSignOn => Authentication.IsOidcEnabled(configuration);

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl);
        }
        ModelState.AddModelError("", result.IsLockedOut
            ? "Too many attempts. This account is locked for a few minutes; try again later."
            : "That e-mail address and password do not match an account.");
        return Page();
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
