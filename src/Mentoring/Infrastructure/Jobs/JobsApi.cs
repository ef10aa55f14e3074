using System.Text.Json;
using Mentoring.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Mentoring.Infrastructure.Jobs;

/// <summary>A background job as the API shows it.</summary>
public sealed record JobDto(
    Guid Id, string Kind, JobStatus Status, string? Progress, int? ProgressDone, int? ProgressTotal,
    JsonElement? Result, string? ResultUrl, string? Error, string? ErrorField,
    string StartedBy, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public static JobDto From(BackgroundJob job) => new(
        job.Id, job.Kind, job.Status, job.Progress, job.ProgressDone, job.ProgressTotal,
        job.Result is null ? null : JsonDocument.Parse(job.Result).RootElement.Clone(), job.ResultUrl, job.Error, job.ErrorField,
        job.StartedBy, job.CreatedAt.ToDateTimeOffset(), job.StartedAt?.ToDateTimeOffset(), job.FinishedAt?.ToDateTimeOffset());
}

public static class JobsApi
{
    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/jobs/{id:guid}", Get).WithTags("Jobs").RequireAuthorization(Policies.Admin).WithName("GetJob")
            .WithSummary("A background job (a matching run, an import, a composition, a plan): queued, running, succeeded with its result, or failed with the error.");
        return api;
    }

    private static async Task<Results<Ok<JobDto>, NotFound>> Get(Guid id, JobQueue jobs, CancellationToken cancellationToken) =>
        await jobs.FindAsync(id, cancellationToken) is { } job ? TypedResults.Ok(JobDto.From(job)) : TypedResults.NotFound();
}
