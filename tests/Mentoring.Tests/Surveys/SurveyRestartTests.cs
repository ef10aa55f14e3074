using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mentoring.Domain;
using Mentoring.Features.Surveys;
using Mentoring.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Surveys;

/// <summary>The real <c>mentoring serve</c> process sending the stage surveys on its own clock, killed and started again.</summary>
public sealed class SurveyRestartTests : IAsyncLifetime
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
    public async Task The_mid_program_survey_is_sent_once_per_person_also_after_a_restart()
    {
        // Seeded on 1 March: the demo program started 45 days before and ends 140 days after, so its middle is 47 days on.
        var first = await ServeAsync("--Clock:Now=2027-03-01T09:00:00Z");
        await WaitForAsync(() => DeliveriesAsync(SurveyTemplate.Start), n => n > 0);
        Assert.Equal(0, await DeliveriesAsync(SurveyTemplate.Middle));
        first.Kill();
        await first.WaitForExitAsync();

        var second = await ServeAsync("--Clock:Now=2027-04-20T09:00:00Z");
        var enrolled = await EnrolledAsync();
        await WaitForAsync(() => DeliveriesAsync(SurveyTemplate.Middle), n => n == enrolled);
        second.Kill();
        await second.WaitForExitAsync();

        // Started again a day later: a few passes of the job send nobody the middle survey a second time.
        await ServeAsync("--Clock:Now=2027-04-21T09:00:00Z");
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(enrolled, await DeliveriesAsync(SurveyTemplate.Middle));
        await using var db = store.OpenContext();
        var title = QuestionBank.Title(SurveyTemplate.Middle);
        var perPerson = await db.Notifications.Where(n => n.Subject.EndsWith(title) && !n.Subject.StartsWith("Reminder"))
            .GroupBy(n => n.Recipient).Select(g => g.Count()).ToListAsync();
        Assert.Equal(enrolled, perPerson.Count);
        Assert.All(perPerson, count => Assert.Equal(1, count));
        Assert.Equal(1, await db.Surveys.CountAsync(s => s.AutoStage == SurveyTemplate.Middle));
    }

    private async Task<int> EnrolledAsync()
    {
        await using var db = store.OpenContext();
        return await db.Enrollments.CountAsync(e => e.Program!.Name == "Hybrid Mentoring 2026" && e.Person!.Active);
    }

    private async Task<int> DeliveriesAsync(SurveyTemplate stage)
    {
        await using var db = store.OpenContext();
        return await db.SurveyDeliveries.CountAsync(d => d.Survey!.AutoStage == stage && d.Survey.Program!.Name == "Hybrid Mentoring 2026");
    }

    private static async Task WaitForAsync(Func<Task<int>> read, Func<int, bool> done)
    {
        var watch = Stopwatch.StartNew();
        var last = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            last = await read();
            if (done(last))
            {
                return;
            }
            await Task.Delay(250);
        }
        Assert.Fail($"not reached in time; last value {last}");
    }

    private async Task<Process> ServeAsync(params string[] extra)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "mentoring.dll"), "serve", "--urls", $"http://127.0.0.1:{port}",
            .. store.Settings, "--Demo:Seed=true", "--Jobs:Enabled=true", "--Jobs:IntervalSeconds=1", "--Reports:WarmUp=false", .. extra])
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
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            Assert.False(process.HasExited, "mentoring serve exited:\n" + output);
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return process;
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
}
