using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Mentoring.Features.Reports;

/// <summary>
/// Runs the program report's code once, in the background, when the served app has answered its first
/// request (as a rule its first readiness probe, which so never waits for it): ReportService.WarmUpAsync,
/// no data read but a few empty queries, nothing written. Then the first report a person opens is not the
/// one that compiles it (the JIT's first tier and EF's query compilation). <c>Reports:WarmUp=false</c>
/// turns it off. The command line never starts it.
/// </summary>
public sealed class ReportWarmUp(IServiceScopeFactory scopes, IOptions<ReportOptions> options, ILogger<ReportWarmUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUp)
        {
            return;
        }
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var requests = new FirstRequest(answered))
        using (DiagnosticListener.AllListeners.Subscribe(requests))
        await using (stoppingToken.Register(() => answered.TrySetCanceled(stoppingToken)))
        {
            await answered.Task;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReportService>().WarmUpAsync(stoppingToken);
            logger.LogDebug("The program report's code is warmed up");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only the first report's speed depends on it.
            logger.LogWarning(e, "Warming up the program report failed");
        }
    }

    /// <summary>Hosting's end of a request (its diagnostic event, the only one asked for) sets the task.</summary>
    private sealed class FirstRequest(TaskCompletionSource answered) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private const string EndRequest = "Microsoft.AspNetCore.Hosting.EndRequest";
        private readonly List<IDisposable> subscriptions = [];

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.AspNetCore")
            {
                lock (subscriptions)
                {
                    subscriptions.Add(listener.Subscribe(this, name => name == EndRequest));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == EndRequest)
            {
                answered.TrySetResult();
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (subscriptions)
            {
                subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
