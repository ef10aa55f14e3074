using Mentoring.Domain;
using Mentoring.Infrastructure.Jobs;

namespace Mentoring.Features.People;

/// <summary>The input of an import job: the confirmed upload (kept by <see cref="ImportUploads"/>) and its name.</summary>
public sealed record ImportJobInput(string UploadKey, string FileName);

/// <summary>
/// Runs confirmed uploads as background jobs, so the page can show a live status while a large file
/// is written. The job is in the database; its status page reads it there.
/// </summary>
public sealed class ImportJobs(ImportUploads uploads, JobQueue jobs)
{
    public const string JobKind = "import";

    /// <summary>Queues the import of an upload; null when the upload has expired or was already imported.</summary>
    public async Task<BackgroundJob?> StartAsync(string uploadKey, string fileName, string startedBy, CancellationToken cancellationToken)
    {
        // The upload moves under a key only the job knows, so it is imported once however often the form is sent.
        if (uploads.Claim(uploadKey) is not { } jobKey)
        {
            return null;
        }
        return await jobs.EnqueueAsync(JobKind, new ImportJobInput(jobKey, fileName), startedBy, cancellationToken);
    }

    public Task<BackgroundJob?> FindAsync(Guid id, CancellationToken cancellationToken) => jobs.FindAsync(id, cancellationToken);
}

/// <summary>Imports the upload in the job's own scope (its own database context and transaction).</summary>
public sealed class ImportJobHandler(RosterImporter importer, ImportUploads uploads) : IJobHandler
{
    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var input = job.Payload<ImportJobInput>();
        job.Report("Reading the file");
        ImportResult result;
        await using (var csv = uploads.Open(input.UploadKey) ?? throw new JobFailedException("the uploaded file is no longer there; choose the file again"))
        {
            var progress = new Progress<ImportProgress>(p => job.Report(p.Phase, p.Done, p.Total));
            result = await importer.ImportAsync(csv, dryRun: false, progress, cancellationToken);
        }
        uploads.Delete(input.UploadKey);
        job.Succeed(result, "/People");
    }

    public Task AbandonedAsync(BackgroundJob job, CancellationToken cancellationToken)
    {
        // Nothing was written (the import is one transaction); the upload is swept after a day.
        return Task.CompletedTask;
    }
}
