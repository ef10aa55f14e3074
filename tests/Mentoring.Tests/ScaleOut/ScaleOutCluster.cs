using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mentoring.Tests.Support;

namespace Mentoring.Tests.ScaleOut;

/// <summary>
/// Two real <c>mentoring serve</c> processes on one PostgreSQL database (the server ./test.sh starts),
/// a real SMTP server, and Debian's nginx in front of both on a free loopback port, run as the test's
/// own user with its own configuration in a temporary folder.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    private readonly List<Process> processes = [];
    private readonly string folder = Directory.CreateTempSubdirectory("mentoring-scale-out-").FullName;

    private ScaleOutCluster(PostgresStore store, SmtpServer smtp)
    {
        Store = store;
        Smtp = smtp;
    }

    public PostgresStore Store { get; }

    public SmtpServer Smtp { get; }

    public List<Instance> Instances { get; } = [];

    public Uri Proxy { get; private set; } = null!;

    public sealed record Instance(Process Process, Uri Address, StringBuilder Output);

    /// <summary>The settings every instance shares: the store, the mail server, the clock, the proxy in front.</summary>
    private string[] Settings(bool jobs) =>
    [
        .. Store.Settings, "--Demo:Seed=true", "--Reports:WarmUp=false", $"--Jobs:Enabled={(jobs ? "true" : "false")}", "--Jobs:IntervalSeconds=1",
        "--Smtp:Host=127.0.0.1", $"--Smtp:Port={Smtp.Port}", "--Smtp:Security=None",
        // A Wednesday: the demo roulette's current round is due, whatever day the test runs on.
        "--Clock:Now=2027-03-03T12:00:00Z", "--ForwardedHeaders:Enabled=true",
    ];

    public static async Task<ScaleOutCluster> CreateAsync()
    {
        var cluster = new ScaleOutCluster(PostgresStore.Create(), await SmtpServer.StartAsync());
        return cluster;
    }

    /// <summary>Starts one instance and waits until it is ready.</summary>
    public async Task<Instance> StartInstanceAsync(bool jobs)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "mentoring.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", .. Settings(jobs)])
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
        await WaitReadyAsync(address, () => process.HasExited ? "mentoring serve exited:\n" + output : null);
        var instance = new Instance(process, address, output);
        Instances.Add(instance);
        return instance;
    }

    public async Task StopAsync(Instance instance)
    {
        instance.Process.Kill(entireProcessTree: true);
        await instance.Process.WaitForExitAsync();
        Instances.Remove(instance);
    }

    /// <summary>Starts nginx with both (all) instances as its upstream; each answer names the instance in <c>X-Upstream</c>.</summary>
    public async Task StartProxyAsync()
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: ./test.sh installs Debian's nginx");
        var port = FreePort();
        var servers = string.Concat(Instances.Select(i => $"    server {i.Address.Authority};\n"));
        // Running as root (CI), nginx's workers would become "nobody" and could not write the temp folder.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        var config = $$"""
            {{user}}worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
              access_log {{folder}}/access.log;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream mentoring {
            {{servers}}  }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://mentoring;
                  proxy_set_header Host $host:$server_port;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_set_header X-Forwarded-Host $host:$server_port;
                  add_header X-Upstream $upstream_addr always;
                }
              }
            }
            """;
        var path = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(path, config);
        var start = new ProcessStartInfo(nginx) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", path, "-g", "daemon off;"])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        processes.Add(process);
        Proxy = new Uri($"http://127.0.0.1:{port}");
        await WaitReadyAsync(Proxy, () => process.HasExited
            ? "nginx exited: " + process.StandardError.ReadToEnd() + File.ReadAllText(Path.Combine(folder, "error.log"))
            : null);
    }

    private static async Task WaitReadyAsync(Uri address, Func<string?> failed)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (failed() is { } why)
            {
                throw new InvalidOperationException(why);
            }
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{address} did not answer /health/ready");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
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
        await Smtp.DisposeAsync();
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file is harmless.
        }
    }
}
