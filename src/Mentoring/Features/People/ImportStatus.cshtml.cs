using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.People;

/// <summary>The live status of a confirmed import, then its outcome.</summary>
public sealed class ImportStatusModel(ImportJobs jobs) : PageModel
{
    public ImportJob? Job { get; private set; }

    public void OnGet(Guid id)
    {
        Job = jobs.Find(id);
        if (Job is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
