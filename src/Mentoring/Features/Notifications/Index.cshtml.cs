using Mentoring.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Notifications;

/// <summary>The admin's delivery list: the dead letters (and messages that may have arrived) with "send again", then the latest messages.</summary>
public sealed class IndexModel(NotificationSettingsService service) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public NotificationStatus? Status { get; set; }

    public IReadOnlyList<DeliveryDto> DeadLetters { get; private set; } = [];

    public IReadOnlyList<DeliveryDto> Latest { get; private set; } = [];

    public async Task OnGetAsync()
    {
        DeadLetters = await service.DeliveriesAsync([NotificationStatus.Dead, NotificationStatus.Unconfirmed], 200, HttpContext.RequestAborted);
        Latest = await service.DeliveriesAsync(Status is { } s ? [s] : null, 100, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostResendAsync(int id)
    {
        var resent = await service.ResendAsync(id, HttpContext.RequestAborted);
        TempData["StatusMessage"] = resent.Succeeded ? $"\"{resent.Value!.Subject}\" goes again to {resent.Value.Recipient}." : "That message cannot be sent again.";
        return RedirectToPage();
    }
}
