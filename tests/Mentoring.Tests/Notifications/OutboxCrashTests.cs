using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NodaTime;

namespace Mentoring.Tests.Notifications;

/// <summary>
/// The real <c>mentoring serve</c> process killed while an SMTP server has taken a message but not
/// yet said so, then started again: every message arrives, none twice.
/// </summary>
public abstract class OutboxCrashTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly TestStore store = TestStore.Create(provider);
    private readonly List<Process> processes = [];
    private readonly string maildir = Path.Combine(Path.GetTempPath(), "mentoring-crash-mail-" + Guid.NewGuid().ToString("N"));

    /// <summary>An SMTP server that stores the first message it is given, then waits two minutes before saying 250 (so the sender can be killed in between).</summary>
    private const string SlowSmtp = """
        import asyncio, mailbox, sys, time
        from aiosmtpd.controller import Controller
        class Slow:
            def __init__(self, path):
                self.box = mailbox.Maildir(path, create=True)
                self.count = 0
            async def handle_DATA(self, server, session, envelope):
                self.box.add(envelope.original_content)
                self.count += 1
                if self.count == 1:
                    await asyncio.sleep(120)
                return '250 OK'
        controller = Controller(Slow(sys.argv[1]), hostname='127.0.0.1', port=int(sys.argv[2]))
        controller.start()
        print('ready', flush=True)
        while True:
            time.sleep(3600)
        """;

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit 2 calls IAsyncLifetime on a test class (not IAsyncDisposable): the served processes must not outlive the test.
    public async Task DisposeAsync()
    {
        foreach (var process in processes.Where(p => !p.HasExited))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        foreach (var process in processes)
        {
            process.Dispose();
        }
        SqliteConnection.ClearAllPools();
        await store.DisposeAsync();
        if (Directory.Exists(maildir))
        {
            Directory.Delete(maildir, recursive: true);
        }
    }

    [Fact]
    public async Task A_kill_after_the_server_took_a_message_and_a_restart_send_nothing_twice()
    {
        var smtpPort = FreePort();
        var script = Path.Combine(Path.GetTempPath(), $"slow-smtp-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(script, SlowSmtp);
        var smtp = Start(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3", [script, maildir, smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal("ready", await smtp.StandardOutput.ReadLineAsync());

        var settings = new[]
        {
            "--Smtp:Host=127.0.0.1", $"--Smtp:Port={smtpPort}", "--Smtp:Security=None", "--Smtp:From=Mentoring <mentoring@demo.local>",
            "--Jobs:IntervalSeconds=1", "--Outbox:LeaseSeconds=5",
        };
        // The first start migrates and seeds with the outbox off; then messages are written the old way (only the first columns).
        var (first, _) = await ServeAsync(["--Jobs:Enabled=false"]);
        first.Kill();
        await first.WaitForExitAsync();
        await using (var db = store.OpenContext())
        {
            // Only these four wait at first (the demo's own invitations count as gone), so the first one handed over is one of them.
            await db.Notifications.ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationStatus.Sent));
            for (var i = 1; i <= 4; i++)
            {
                db.Notifications.Add(new Notification
                {
                    Channel = "email", Recipient = $"crash{i}@example.com", Subject = $"Crash test {i}", Body = $"Message {i}",
                    CreatedAt = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow),
                });
            }
            await db.SaveChangesAsync();
        }

        var (sending, _) = await ServeAsync([.. settings, "--Jobs:Enabled=true"]);
        // The server has the first message stored and has not answered yet: stop the sender dead.
        for (var i = 0; i < 300 && Messages().Count == 0; i++)
        {
            await Task.Delay(100);
        }
        Assert.Single(Messages());
        sending.Kill(); // SIGKILL: no clean-up, no "sent" written.
        await sending.WaitForExitAsync();
        int stuck;
        await using (var db = store.OpenContext())
        {
            var row = await db.Notifications.AsNoTracking().SingleAsync(n => n.Status == NotificationStatus.Sending);
            stuck = row.Id;
            Assert.Equal("<" + Messages()[0].MessageId + ">", row.MessageIdFor("demo.local"));
        }

        // Started again (the server now answers at once): the rest goes, the one in doubt does not go again.
        var (_, address) = await ServeAsync([.. settings, "--Jobs:Enabled=true"]);
        for (var i = 0; i < 300 && Messages().Count(m => (m.Subject ?? "").StartsWith("Crash test", StringComparison.Ordinal)) < 4; i++)
        {
            await Task.Delay(100);
        }
        await Task.Delay(8000); // past the dead sender's lease, and a few passes more
        // Whatever else the restarted app sent (its own roulette round, say), nothing arrived twice.
        var received = Messages();
        Assert.Equal(received.Count, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 4).Select(i => $"Crash test {i}"),
            received.Where(m => (m.Subject ?? "").StartsWith("Crash test", StringComparison.Ordinal)).Select(m => m.Subject).Order());
        await using (var db = store.OpenContext())
        {
            var rows = await db.Notifications.AsNoTracking().Where(n => n.Subject.StartsWith("Crash test")).ToListAsync();
            Assert.Equal(NotificationStatus.Unconfirmed, rows.Single(n => n.Id == stuck).Status);
            Assert.All(rows.Where(n => n.Id != stuck), n => Assert.Equal(NotificationStatus.Sent, n.Status));
        }
        _ = address;
    }

    private List<MimeMessage> Messages()
    {
        var folder = Path.Combine(maildir, "new");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Select(f => MimeMessage.Load(f)).ToList() : [];
    }

    private Process Start(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        processes.Add(process);
        return process;
    }

    private async Task<(Process Process, Uri Address)> ServeAsync(string[] extra)
    {
        var port = FreePort();
        var process = Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "mentoring.dll"), "serve", "--urls", $"http://127.0.0.1:{port}",
            .. store.Settings, "--Demo:Seed=true", "--Reports:WarmUp=false", .. extra]);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            Assert.False(process.HasExited, "mentoring serve exited:\n" + output);
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return (process, address);
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

public sealed class SqliteOutboxCrashTests() : OutboxCrashTests(DatabaseProvider.Sqlite);

public sealed class PostgresOutboxCrashTests() : OutboxCrashTests(DatabaseProvider.Postgres);
