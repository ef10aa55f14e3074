using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Matching;
using Mentoring.Infrastructure;
using Mentoring.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Jobs;

/// <summary>The real <c>mentoring serve</c> process, started, killed and started again on one SQLite file.</summary>
public sealed class ServeRestartTests : IAsyncLifetime
{
    private readonly SqliteStore store = new();
    private readonly List<Process> processes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit 2 calls IAsyncLifetime on a test class (not IAsyncDisposable): the served processes must not outlive the test.
    public async Task DisposeAsync()
    {
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        SqliteConnection.ClearAllPools();
        await store.DisposeAsync();
    }

    [Fact]
    public async Task A_matching_run_cut_short_by_kill_9_does_not_block_the_next_run_after_a_restart()
    {
        var (first, address, _) = await ServeAsync();
        using var admin = await AdminClientAsync(address);
        var programId = await MentoringProgramIdAsync();
        var started = await admin.PostAsync($"/api/programs/{programId}/matching/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.ReadAsync<MatchRunDto>()).Id;

        // Kill once the process has claimed the run's job (a kill before that leaves a queued job, which simply runs later).
        for (var i = 0; i < 300 && !await ClaimedAsync(); i++)
        {
            await Task.Delay(100);
        }
        first.Kill(); // SIGKILL: no shutdown, no clean-up.
        await first.WaitForExitAsync();

        // The demo program matches in milliseconds, so the run may have finished before the kill: put
        // the store back in the state a kill in the middle of the run leaves, with a claim that has not
        // lapsed, so only knowing its owner is gone frees it.
        await using (var db = store.OpenContext())
        {
            var job = await db.Jobs.SingleAsync(j => j.Kind == MatchRunner.JobKind);
            Assert.Contains($"/{first.Id}/", job.Owner ?? "", StringComparison.Ordinal);
            job.Status = JobStatus.Running;
            job.FinishedAt = null;
            job.LeaseUntil = SystemClockNow() + Duration.FromHours(1);
            var run = await db.MatchRuns.SingleAsync(r => r.Id == runId);
            run.Status = MatchRunStatus.Running;
            run.FinishedAt = null;
            await db.SaveChangesAsync();
        }

        var (_, again, _) = await ServeAsync();
        using var admin2 = Client(again, admin.DefaultRequestHeaders.Authorization!);
        var interrupted = await (await admin2.GetAsync($"/api/matching/runs/{runId}")).ReadAsync<MatchRunDto>();
        Assert.Equal(MatchRunStatus.Failed, interrupted.Status);
        Assert.Contains("stopped", interrupted.Error, StringComparison.Ordinal);

        var next = await admin2.PostAsync($"/api/programs/{programId}/matching/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
        var run2 = await next.ReadAsync<MatchRunDto>();
        for (var i = 0; i < 300 && run2.Status == MatchRunStatus.Running; i++)
        {
            await Task.Delay(100);
            run2 = await (await admin2.GetAsync($"/api/matching/runs/{run2.Id}")).ReadAsync<MatchRunDto>();
        }
        Assert.Equal(MatchRunStatus.Proposed, run2.Status);
        Assert.True(run2.Matched > 0);
    }

    [Fact]
    public async Task Clock_Now_starts_the_apps_clock_there_and_health_says_so()
    {
        var (_, address, output) = await ServeAsync("--Clock:Now=2027-03-01T09:00:00Z");
        using var client = new HttpClient { BaseAddress = address };
        using var health = JsonDocument.Parse(await client.GetStringAsync("/health"));
        Assert.Matches("^2027-03-01T09:00:[0-9.]+Z$", health.RootElement.GetProperty("now").GetString());
        Assert.Contains("Clock:Now is set", output.ToString(), StringComparison.Ordinal);
    }

    private async Task<bool> ClaimedAsync()
    {
        await using var db = store.OpenContext();
        return await db.Jobs.AnyAsync(j => j.Kind == MatchRunner.JobKind && j.Owner != null);
    }

    private static Instant SystemClockNow() => Instant.FromDateTimeOffset(DateTimeOffset.UtcNow);

    private async Task<(Process Process, Uri Address, StringBuilder Output)> ServeAsync(params string[] extra)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "mentoring.dll"), "serve", "--urls", $"http://127.0.0.1:{port}",
            .. store.Settings, "--Demo:Seed=true", "--Jobs:Enabled=false", "--Reports:WarmUp=false", .. extra])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        processes.Add(process);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        // A first start migrates the file and seeds the demo organisation: on a busy machine that takes a while.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            Assert.False(process.HasExited, "mentoring serve exited:\n" + output);
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return (process, address, output);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("mentoring serve did not answer /health:\n" + output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<HttpClient> AdminClientAsync(Uri address)
    {
        await using var db = store.OpenContext();
        var admin = await db.Users.SingleAsync(u => u.Email == AppFixture.EmailOfRole[Roles.Admin]);
        var secret = ApiTokens.NewSecret();
        db.ApiTokens.Add(new ApiToken { UserId = admin.Id, Name = "restart test", Prefix = ApiTokens.PrefixOf(secret), Hash = ApiTokens.Hash(secret), CreatedAt = SystemClockNow() });
        await db.SaveChangesAsync();
        return Client(address, new AuthenticationHeaderValue("Bearer", secret));
    }

    private static HttpClient Client(Uri address, AuthenticationHeaderValue authorization)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    private async Task<int> MentoringProgramIdAsync()
    {
        await using var db = store.OpenContext();
        return await db.Programs.Where(p => p.Name == "Hybrid Mentoring 2026").Select(p => p.Id).SingleAsync();
    }
}
