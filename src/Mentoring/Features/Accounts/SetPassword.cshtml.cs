using System.ComponentModel.DataAnnotations;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Accounts;

/// <summary>Where the link in an invitation or a password-reset e-mail leads: choose a password, once.</summary>
[AllowAnonymous]
public sealed class SetPasswordModel(AccountsService accounts) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    /// <summary><c>reset</c> for a password-reset link; an invitation otherwise.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty]
    public SetPasswordInput Input { get; set; } = new();

    public LinkState State { get; private set; }

    public string? Email { get; private set; }

    public bool IsReset => Kind == "reset";

    private LinkKind LinkKind => IsReset ? LinkKind.Reset : LinkKind.Invitation;

    public async Task<IActionResult> OnGetAsync()
    {
        await ReadLinkAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await ReadLinkAsync();
        if (State != LinkState.Usable)
        {
            return Page();
        }
        if (Input.Password != Input.Confirm)
        {
            ModelState.AddModelError("Input.Confirm", "The two passwords are not the same.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var outcome = await accounts.SetPasswordAsync(UserId, Code, LinkKind, Input.Password);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome, "Input", new Dictionary<string, string> { ["password"] = "Input.Password", ["code"] = "" });
            return Page();
        }
        return Redirect("/Account/SignIn?passwordSet=true");
    }

    private async Task ReadLinkAsync()
    {
        var (state, account) = await accounts.CheckLinkAsync(UserId, Code, LinkKind);
        State = state;
        Email = state == LinkState.Usable ? account?.Email : null;
    }
}

public sealed class SetPasswordInput
{
    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Choose a password of at least 10 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the password again.")]
    [DataType(DataType.Password)]
    [Display(Name = "The same password again")]
    public string Confirm { get; set; } = "";
}
