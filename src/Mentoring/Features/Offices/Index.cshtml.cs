using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Features.Offices;

/// <summary>An office as the list shows it, with its local time (sessions are planned in it).</summary>
public sealed record OfficeRow(Office Office, int People, string LocalTime);

public sealed class IndexModel(MentoringDbContext db, OfficesService officesService, IClock clock) : PageModel
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public IReadOnlyList<OfficeRow> Offices { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var offices = await db.Offices.AsNoTracking().Include(o => o.Rooms).OrderBy(o => o.Name).ToListAsync(cancellationToken);
        var counts = await officesService.CountsAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        Offices = offices.Select(o => new OfficeRow(o, counts.GetValueOrDefault(o.Id),
            DateTimeZoneProviders.Tzdb.GetZoneOrNull(o.TimeZone) is { } zone ? TimePattern.Format(now.InZone(zone).TimeOfDay) : "—")).ToList();
    }
}
