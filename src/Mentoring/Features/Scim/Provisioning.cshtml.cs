using System.ComponentModel.DataAnnotations;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Scim;

/// <summary>Provisioning (SCIM): the base URL to give the identity provider, and its tokens (made, shown once, revoked).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ProvisioningModel(ScimTokenService tokens) : PageModel
{
    public IReadOnlyList<ScimTokenDto> Tokens { get; private set; } = [];

    /// <summary>Set only in the response to a create: the secret is never stored or shown again.</summary>
    public CreatedScimToken? Created { get; private set; }

    public string? Message { get; private set; }

    public string BaseUrl => ScimDiscovery.BaseUrl(Request);

    [BindProperty]
    [Required(ErrorMessage = "Give the token a name, such as \"Okta\" or \"Microsoft Entra\".")]
    [StringLength(200, ErrorMessage = "Keep the name under 200 characters.")]
    [Display(Name = "Token name")]
    public string Name { get; set; } = "";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
        {
            // No cache keeps the secret: antiforgery marks every page with a form "no-store".
            Created = await tokens.CreateAsync(Name, User.Identity?.Name, HttpContext.RequestAborted);
            Name = "";
            ModelState.Clear();
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        ModelState.Clear();
        Message = await tokens.RevokeAsync(id, HttpContext.RequestAborted)
            ? "The token is revoked: the identity provider using it can no longer provision people."
            : "That token was not found.";
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Tokens = await tokens.ListAsync(HttpContext.RequestAborted);
}
