using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Training;

/// <summary>My training: the courses the person's programs assign them with their progress, their self-assessments, and the library.</summary>
public sealed class IndexModel(TrainingService training, CurrentPerson current) : PageModel
{
    public MyTrainingDto? Mine { get; private set; }

    public IReadOnlyList<CourseSummaryDto> Library { get; private set; } = [];

    public bool IsAdmin => User.IsInRole(Domain.Roles.Admin);

    public async Task<IActionResult> OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await current.IdAsync(cancellationToken) is { } personId)
        {
            Mine = await training.MineAsync(personId, cancellationToken);
        }
        Library = await training.ListAsync(cancellationToken);
        return Page();
    }
}
