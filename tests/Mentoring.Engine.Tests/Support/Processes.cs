using System.Diagnostics;

namespace Mentoring.Engine.Tests.Support;

/// <summary>The outcome of a finished process.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs the real <c>mentoring</c> executable (built beside the tests) and the reference checker
/// <c>shared/tools/engine_check.py</c>, as an outside user or tool would.
/// </summary>
internal static class Processes
{
    /// <summary>Runs <c>mentoring ARGS</c> (the product's own dll, through <c>dotnet</c>).</summary>
    public static ProcessResult Mentoring(params string[] args) =>
        Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "mentoring.dll"), .. args]);

    /// <summary>Runs <c>python3 engine_check.py ARGS</c> with Debian's Python, which has networkx and scipy.</summary>
    public static ProcessResult EngineCheck(params string[] args) =>
        Run(Python, [RepoPaths.EngineCheck, .. args]);

    /// <summary>Debian's python3 (where apt installs networkx and scipy); another python3 earlier on PATH may lack them.</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static ProcessResult Run(string fileName, IEnumerable<string> args, string? standardInput = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A temporary folder for generated problems and results, removed after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mentoring-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp folder are harmless.
        }
    }
}
