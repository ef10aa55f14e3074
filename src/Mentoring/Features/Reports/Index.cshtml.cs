using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Reports;

/// <summary>The organisation report: every program together, against a three-day mandate.</summary>
public sealed class IndexModel(OrganisationReportService reports) : PageModel
{
    public OrganisationReport Report { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOf { get; set; }

    public string? AsOfError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ReportsApi.TryParseAsOf(AsOf, out var date))
        {
            AsOfError = "Give the date as year-month-day, for example 2027-03-01.";
        }
        Report = await reports.BuildAsync(date, cancellationToken);
    }
}
