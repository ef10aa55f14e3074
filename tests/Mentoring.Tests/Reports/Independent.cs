using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mentoring.Tests.Reports;

/// <summary>Runs independent.py (Debian's python3 with scipy) over a JSON spec and reads its answer.</summary>
internal static class Independent
{
    public const double Tolerance = 1e-9;

    public static JsonNode Run(object spec)
    {
        var input = Path.GetTempFileName();
        var output = Path.GetTempFileName();
        try
        {
            File.WriteAllText(input, JsonSerializer.Serialize(spec, JsonSerializerOptions.Web));
            var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            var start = new ProcessStartInfo(python) { RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Reports", "independent.py"));
            start.ArgumentList.Add(input);
            start.ArgumentList.Add(output);
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "independent.py failed: " + errors);
            return JsonNode.Parse(File.ReadAllText(output))!;
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    public static void Near(double expected, double? actual, string what)
    {
        Assert.True(actual is { } a && Math.Abs(a - expected) <= Tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }

    public static void Near(JsonNode? expected, double[]? actual, string what)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Near(expected![0]!.GetValue<double>(), actual![0], what + " low");
        Near(expected[1]!.GetValue<double>(), actual[1], what + " high");
    }
}
