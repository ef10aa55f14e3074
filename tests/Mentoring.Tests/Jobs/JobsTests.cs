using System.Net;
using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Features.Scheduling;
using Mentoring.Infrastructure.Jobs;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Jobs;

/// <summary>Background jobs through the real app: the API that reports them and the pages that follow them.</summary>
public sealed class JobsTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    private async Task<int> MentoringProgramIdAsync()
    {
        await using var db = app.OpenContext();
        return await db.Programs.Where(p => p.Name == "Hybrid Mentoring 2026").Select(p => p.Id).SingleAsync();
    }

    [Fact]
    public async Task A_plan_runs_as_a_job_that_the_api_and_the_page_report()
    {
        var programId = await MentoringProgramIdAsync();
        using var admin = app.As(Roles.Admin);
        var plan = await (await admin.PostJsonAsync($"/api/programs/{programId}/schedule/", new PlanInput(new DateOnly(2027, 9, 6), new DateOnly(2027, 9, 17), 5)))
            .ReadAsync<PlanResult>();

        Guid jobId;
        await using (var db = app.OpenContext())
        {
            jobId = await db.Jobs.Where(j => j.Kind == PlanJobs.JobKind).OrderByDescending(j => j.CreatedAt).Select(j => j.Id).FirstAsync();
        }
        var job = await (await admin.GetAsync($"/api/jobs/{jobId}")).ReadAsync<JobDto>();
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal(AppFixture.EmailOfRole[Roles.Admin], job.StartedBy);
        Assert.Equal(plan.Planned, job.Result!.Value.GetProperty("planned").GetInt32());
        Assert.NotNull(job.FinishedAt);

        var page = await admin.GetStringAsync($"/Programs/{programId}/Schedule?from=2027-09-06&to=2027-09-17&job={jobId}");
        Assert.Contains("The schedule is planned.", page, StringComparison.Ordinal);
        Assert.Contains("Schedule generated", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/jobs/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_running_job_is_shown_live_and_a_failed_one_with_its_error()
    {
        var programId = await MentoringProgramIdAsync();
        var payload = JsonSerializer.Serialize(new PlanJobInput(programId, new DateOnly(2027, 10, 4), new DateOnly(2027, 10, 15), 20), JsonSerializerOptions.Web);
        var now = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);
        // Claimed by an instance on another machine whose lease holds: this app leaves it alone.
        var running = new BackgroundJob
        {
            Kind = PlanJobs.JobKind, Payload = payload, StartedBy = "someone@demo.local", Status = JobStatus.Running,
            Progress = "Planning the schedule", CreatedAt = now, StartedAt = now, Owner = "elsewhere/1/x", LeaseUntil = now + Duration.FromHours(1),
        };
        var failed = new BackgroundJob
        {
            Kind = PlanJobs.JobKind, Payload = payload, StartedBy = "someone@demo.local", Status = JobStatus.Failed,
            Error = "the planner ran out of memory", CreatedAt = now, FinishedAt = now,
        };
        await using (var db = app.OpenContext())
        {
            db.Jobs.AddRange(running, failed);
            await db.SaveChangesAsync();
        }
        using var admin = app.As(Roles.Admin);
        var live = await admin.GetStringAsync($"/Programs/{programId}/Schedule?job={running.Id}");
        Assert.Contains("id=\"plan-job\"", live, StringComparison.Ordinal);
        Assert.Contains("data-poll=\"true\"", live, StringComparison.Ordinal);
        Assert.Contains("Planning the schedule…", live, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Running, (await (await admin.GetAsync($"/api/jobs/{running.Id}")).ReadAsync<JobDto>()).Status);

        var broken = await admin.GetStringAsync($"/Programs/{programId}/Schedule?job={failed.Id}");
        Assert.Contains("the planner ran out of memory", broken, StringComparison.Ordinal);
        Assert.DoesNotContain("data-poll=\"true\"", broken, StringComparison.Ordinal);

        // A job of another program is not shown on this program's page.
        var other = await admin.GetAsync($"/Programs/{programId + 1000}/Schedule?job={running.Id}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain("id=\"plan-job\"", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compose_job_with_a_mistake_answers_400_naming_the_field()
    {
        var programId = await MentoringProgramIdAsync();
        using var admin = app.As(Roles.Admin);
        var bad = await admin.PostJsonAsync($"/api/programs/{programId}/groups/compose",
            new Features.Groups.ComposeInput("karaoke", "x", new DateOnly(2027, 9, 8), []));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"kind\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.OpenContext();
        var job = await db.Jobs.Where(j => j.Kind == Features.Groups.ComposeJobs.JobKind).OrderByDescending(j => j.CreatedAt).FirstAsync();
        Assert.Equal((JobStatus.Failed, "kind"), (job.Status, job.ErrorField));
    }
}
