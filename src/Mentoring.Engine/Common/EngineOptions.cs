namespace Mentoring.Engine.Common;

/// <summary>
/// How the engine may use the machine. The app binds it from its configuration section
/// <c>Engine</c> (e.g. <c>Engine:Workers</c>); the command line uses <see cref="Default"/>.
/// </summary>
public sealed class EngineOptions
{
    /// <summary>The configuration section the app binds.</summary>
    public const string Section = "Engine";

    /// <summary>The options when nobody set any.</summary>
    public static EngineOptions Default { get; } = new();

    /// <summary>
    /// CP-SAT worker threads for the schedule solver. The default is the machine's cores, at least
    /// two (one full-problem worker and one neighbourhood search) and at most eight, where
    /// measurements stopped gaining. The groups solver does not use it: it always runs a fixed
    /// deterministic portfolio so that the same input and seed give the same tables on any machine.
    /// </summary>
    public int Workers { get; set; } = Math.Clamp(Environment.ProcessorCount, 2, 8);

    /// <summary>The worker count to run with, refusing nonsense from a configuration file.</summary>
    internal int CheckedWorkers => Workers is >= 1 and <= 256
        ? Workers
        : throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "Engine:Workers must be from 1 to 256");
}
