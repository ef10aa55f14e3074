using Mentoring.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Reports;

/// <summary>The program report for leadership: charts, the figures behind them, and what is hidden and why.</summary>
public class ReportModel(ReportService reports) : PageModel
{
    public ProgramReport? Report { get; private set; }

    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOf { get; set; }

    public string? AsOfError { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!ReportsApi.TryParseAsOf(AsOf, out var date))
        {
            AsOfError = "Give the date as year-month-day, for example 2027-03-01.";
            ModelState.AddModelError(nameof(AsOf), AsOfError);
            date = null;
        }
        var built = await reports.BuildAsync(id, date, cancellationToken);
        Report = built.Succeeded ? built.Value : null;
        if (Report is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}

/// <summary>The same report as one printable page: no navigation, A4 or Letter.</summary>
public sealed class PrintModel(ReportService reports) : ReportModel(reports);
