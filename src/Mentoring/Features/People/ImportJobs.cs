using System.Collections.Concurrent;

namespace Mentoring.Features.People;

/// <summary>An import started from the upload page, and how far it has got.</summary>
public sealed class ImportJob
{
    public Guid Id { get; } = Guid.NewGuid();

    public required string FileName { get; init; }

    public required string StartedBy { get; init; }

    public volatile ImportProgress? Progress;

    public volatile ImportResult? Result;

    public volatile string? Failure;

    public bool Finished => Result is not null || Failure is not null;
}

/// <summary>
/// Runs uploaded imports in the background so the page can show a live status while a large file
/// is written. Each run has its own scope (and so its own database context and transaction).
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> logger)
{
    private readonly ConcurrentDictionary<Guid, ImportJob> jobs = new();

    public ImportJob? Find(Guid id) => jobs.GetValueOrDefault(id);

    public ImportJob Start(byte[] csv, string fileName, string startedBy)
    {
        var job = new ImportJob { FileName = fileName, StartedBy = startedBy };
        jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var importer = scope.ServiceProvider.GetRequiredService<RosterImporter>();
                var progress = new Progress<ImportProgress>(p => job.Progress = p);
                job.Result = await importer.ImportAsync(new MemoryStream(csv), dryRun: false, progress);
            }
#pragma warning disable CA1031 // A failed background import is reported on its status page, not lost.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "Import of {File} failed", fileName);
                job.Failure = e.Message;
            }
        });
        return job;
    }
}
