using System.ComponentModel.DataAnnotations;
using Mentoring.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Accounts;

/// <summary>My personal API tokens: list, create (the secret is shown once, in this response only), revoke.</summary>
public sealed class TokensModel(ApiTokenService tokens, UserManager<UserAccount> users) : PageModel
{
    public IReadOnlyList<ApiTokenDto> Tokens { get; private set; } = [];

    /// <summary>Set only in the response to a create: the secret is never stored or shown again.</summary>
    public CreatedApiToken? Created { get; private set; }

    public string? Message { get; private set; }

    [BindProperty]
    [Required(ErrorMessage = "Give the token a name, such as \"nightly HR sync\".")]
    [StringLength(200, ErrorMessage = "Keep the name under 200 characters.")]
    [Display(Name = "Token name")]
    public string Name { get; set; } = "";

    private string UserId => users.GetUserId(User)!;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
        {
            // No cache keeps the secret: antiforgery marks every page with a form "no-store".
            Created = await tokens.CreateAsync(UserId, Name, HttpContext.RequestAborted);
            Name = "";
            ModelState.Clear();
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        ModelState.Clear();
        Message = await tokens.RevokeAsync(UserId, id, HttpContext.RequestAborted)
            ? "The token is revoked: scripts using it can no longer call the API."
            : "That token was not found.";
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Tokens = await tokens.ListAsync(UserId, HttpContext.RequestAborted);
}
