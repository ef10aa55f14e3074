using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Surveys;

/// <summary>A survey's aggregates with charts, for an admin or the program's sponsor; the rule next to every hidden figure.</summary>
public sealed class ResultsModel(SurveysService surveys) : PageModel
{
    public SurveyResultsDto? Results { get; private set; }

    public SurveyDto? Survey { get; private set; }

    public string? By { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? by)
    {
        By = SurveysService.ParseBreakdown(by)?.ToString().ToLowerInvariant();
        var results = await surveys.ResultsAsync(id, By, HttpContext.RequestAborted);
        if (!results.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Results = results.Value;
        Survey = await surveys.GetAsync(id, HttpContext.RequestAborted);
        return Page();
    }
}
