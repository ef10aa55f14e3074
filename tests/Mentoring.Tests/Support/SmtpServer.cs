using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mentoring.Data;
using MimeKit;

namespace Mentoring.Tests.Support;

/// <summary>
/// A real SMTP server (Debian's python3-aiosmtpd) on a free loopback port, writing every message it
/// receives into a Maildir the tests read.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private readonly Process process;

    private SmtpServer(Process process, int port, string maildir)
    {
        this.process = process;
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    public static async Task<SmtpServer> StartAsync()
    {
        var maildir = Path.Combine(Path.GetTempPath(), "mentoring-mail-" + Guid.NewGuid().ToString("N"));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var process = Process.Start(new ProcessStartInfo(python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("python3 -m aiosmtpd did not start");
        var server = new SmtpServer(process, port, maildir);
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("aiosmtpd stopped (is python3-aiosmtpd installed?): " + await process.StandardError.ReadToEndAsync());
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"aiosmtpd did not listen on port {port}");
    }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).OrderBy(File.GetLastWriteTimeUtc).Select(f => MimeMessage.Load(f)).ToList()
            : [];
    }

    /// <summary>
    /// Waits (the outbox sends every second) for the first message to <paramref name="to"/> whose subject contains
    /// <paramref name="subject"/>, after <paramref name="skip"/> such messages. Up to two minutes: on a loaded machine
    /// the jobs that write and send a message can each take many seconds, and the wait only costs time when it fails.
    /// </summary>
    public async Task<MimeMessage> WaitForAsync(string to, string subject, int skip = 0)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            var found = Messages().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase))
                && (m.Subject ?? "").Contains(subject, StringComparison.Ordinal)).Skip(skip).FirstOrDefault();
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no e-mail \"{subject}\" to {to} arrived; the server has {Messages().Count} messages");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        if (Directory.Exists(Maildir))
        {
            Directory.Delete(Maildir, recursive: true);
        }
    }
}

/// <summary>The app on SQLite with a clock the test moves, its outbox job running against a real SMTP server.</summary>
public sealed class SmtpAppFixture() : AppFixture(DatabaseProvider.Sqlite, new NodaTime.Testing.FakeClock(NodaTime.Instant.FromUtc(2027, 6, 7, 9, 0)))
{
    public SmtpServer Smtp { get; private set; } = null!;

    protected override async Task<string[]> ExtraSettingsAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        return ["--Smtp:Host=127.0.0.1", $"--Smtp:Port={Smtp.Port}", "--Smtp:Security=None", "--Jobs:Enabled=true", "--Jobs:IntervalSeconds=1"];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
