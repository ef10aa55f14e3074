using System.Net;
using System.Text.Json;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.ScaleOut;

/// <summary>The app with <c>Metrics:Enabled</c> on (off by default), as an operator runs it.</summary>
public sealed class MetricsAppFixture() : AppFixture(DatabaseProvider.Sqlite)
{
    protected override Task<string[]> ExtraSettingsAsync() => Task.FromResult<string[]>(["--Metrics:Enabled=true"]);
}

/// <summary>What operators and load balancers read: health, readiness, metrics.</summary>
public sealed class OperationsTests(MetricsAppFixture app) : IClassFixture<MetricsAppFixture>
{
    [Fact]
    public async Task Live_and_ready_answer_anonymously_and_ready_checks_the_database_and_its_migrations()
    {
        using var client = app.Anonymous();
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // The detailed report names both checks that readiness is made of.
        using var health = JsonDocument.Parse(await client.GetStringAsync("/health"));
        var checks = health.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("every migration is applied", checks.GetProperty("migrations").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Metrics_show_requests_job_runs_and_the_outbox_depth_in_prometheus_format()
    {
        await using (var db = app.OpenContext())
        {
            db.Notifications.Add(new Notification { Channel = "email", Recipient = "waiting@example.com", Subject = "Waiting", Body = "…", CreatedAt = NodaTime.Instant.FromUtc(2027, 1, 1, 0, 0) });
            await db.SaveChangesAsync();
        }
        using var admin = app.As(Roles.Admin);
        (await admin.GetAsync("/api/people?search=a")).EnsureSuccessStatusCode();
        // A job run: a matching run of the demo program.
        int programId;
        await using (var db = app.OpenContext())
        {
            programId = await db.Programs.Where(p => p.Name == "Hybrid Mentoring 2026").Select(p => p.Id).SingleAsync();
        }
        using var started = await admin.PostAsync($"/api/programs/{programId}/matching/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        using var client = app.Anonymous();
        // Scraped until the run is counted and the gauge has read the waiting e-mail: the gauge keeps
        // its last value for five seconds, and while a busy store refuses its count.
        var depth = new System.Text.RegularExpressions.Regex("(?m)^mentoring_outbox_depth(_messages)?(\\{[^}]*\\})? [1-9]");
        string text = "";
        for (var i = 0; i < 100 && !(text.Contains("mentoring_job_runs", StringComparison.Ordinal) && depth.IsMatch(text)); i++)
        {
            await Task.Delay(200);
            using var metrics = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            text = await metrics.Content.ReadAsStringAsync();
        }
        Assert.Contains("http_server_request_duration_seconds_count{", text, StringComparison.Ordinal);
        Assert.Matches("mentoring_job_runs_total\\{[^}]*kind=\"matching\"[^}]*outcome=\"succeeded\"", text);
        Assert.Matches(depth, text);
    }
}
