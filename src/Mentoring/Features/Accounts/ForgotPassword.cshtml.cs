using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Accounts;

/// <summary>"Forgot password": a reset link by e-mail; the page answers the same whether the address has an account or not.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(AccountsService accounts) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter an e-mail address such as name@company.com.")]
    [Display(Name = "E-mail address")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await accounts.ForgotPasswordAsync(Email, accounts.SiteUrl(Request), HttpContext.RequestAborted);
        Sent = true;
        return Page();
    }
}
