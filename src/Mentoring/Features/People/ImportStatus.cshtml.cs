using Mentoring.Domain;
using Mentoring.Infrastructure.Jobs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.People;

/// <summary>An import job as its status page shows it.</summary>
public sealed record ImportJobView(string FileName, string StartedBy, JobStatus Status, ImportProgress? Progress, ImportResult? Result, string? Failure)
{
    public bool Finished => Status is JobStatus.Succeeded or JobStatus.Failed;
}

/// <summary>The live status of a confirmed import (queued, running, done or failed), then its outcome.</summary>
public sealed class ImportStatusModel(ImportJobs jobs) : PageModel
{
    public ImportJobView? Job { get; private set; }

    public async Task OnGetAsync(Guid id)
    {
        var job = await jobs.FindAsync(id, HttpContext.RequestAborted);
        if (job is not { Kind: ImportJobs.JobKind })
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var input = System.Text.Json.JsonSerializer.Deserialize<ImportJobInput>(job.Payload, System.Text.Json.JsonSerializerOptions.Web);
        Job = new ImportJobView(
            input?.FileName ?? "a roster", job.StartedBy, job.Status,
            job.Progress is null ? null : new ImportProgress(job.Progress, job.ProgressDone ?? 0, job.ProgressTotal ?? 0),
            job.Status == JobStatus.Succeeded ? JobQueue.ResultOf<ImportResult>(job) : null,
            job.Status == JobStatus.Failed ? job.Error ?? "unknown error" : null);
    }
}
