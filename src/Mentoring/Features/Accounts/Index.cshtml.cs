using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Accounts;

/// <summary>The admin's accounts page: who can sign in, as what, when they last did; roles, disable and enable, reset links.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AccountsIndexModel(AccountsService accounts, UserManager<UserAccount> users) : PageModel
{
    public const int Shown = 200;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [TempData]
    public string? Message { get; set; }

    public IReadOnlyList<AccountDto> Accounts { get; private set; } = [];

    public int Total { get; private set; }

    public string? CurrentUserId { get; private set; }

    public async Task OnGetAsync()
    {
        CurrentUserId = users.GetUserId(User);
        var all = await accounts.ListAsync(HttpContext.RequestAborted);
        var search = Search?.Trim();
        var matching = string.IsNullOrEmpty(search) ? all : all.Where(a =>
            a.Email.Contains(search, StringComparison.OrdinalIgnoreCase) || a.DisplayName.Contains(search, StringComparison.OrdinalIgnoreCase)
            || (a.PersonName?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false)).ToList();
        Total = matching.Count;
        Accounts = matching.Take(Shown).ToList();
    }

    public Task<IActionResult> OnPostRolesAsync(string id, List<string> roles) =>
        Do(accounts.SetRolesAsync(id, roles, users.GetUserId(User)!, HttpContext.RequestAborted), a => $"{Name(a)} now has the roles {string.Join(", ", a.Roles)}.");

    public Task<IActionResult> OnPostDisableAsync(string id) =>
        Do(accounts.DisableAsync(id, users.GetUserId(User)!, HttpContext.RequestAborted), a => $"{Name(a)}'s account is disabled: it cannot sign in, and its sessions have ended.");

    public Task<IActionResult> OnPostEnableAsync(string id) =>
        Do(accounts.EnableAsync(id, HttpContext.RequestAborted), a => $"{Name(a)}'s account is enabled again.");

    public Task<IActionResult> OnPostResetAsync(string id) =>
        Do(accounts.SendPasswordResetAsync(id, accounts.SiteUrl(Request), HttpContext.RequestAborted), a => $"A password-reset link is on its way to {a.Email}.");

    private async Task<IActionResult> Do(Task<Outcome<AccountDto>> action, Func<AccountDto, string> said)
    {
        var outcome = await action;
        if (outcome.IsNotFound)
        {
            return NotFound();
        }
        Message = outcome.Succeeded ? said(outcome.Value!) : string.Join(" ", outcome.Errors.Select(e => PageValidation.Sentence(e.Message)));
        return RedirectToPage(new { q = Search });
    }

    private static string Name(AccountDto account) => account.PersonName ?? account.DisplayName;
}
