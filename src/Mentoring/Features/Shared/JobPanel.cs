using Mentoring.Domain;

namespace Mentoring.Features.Shared;

/// <summary>
/// What the job status panel (<c>_JobStatus</c>) shows of a background job: what it does, in a
/// person's words, and once done, what came of it and where to see it.
/// </summary>
public sealed record JobPanel(string Id, BackgroundJob Job, string Doing, string? Outcome, string ResultUrl, string ResultLink);
