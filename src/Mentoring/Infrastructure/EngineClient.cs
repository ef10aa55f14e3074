using System.Text.Json;
using System.Text.Json.Serialization;
using Mentoring.Engine;

namespace Mentoring.Infrastructure;

/// <summary>
/// Runs an engine verb for the app's features through the same JSON contract as
/// <c>mentoring engine …</c> (shared/contracts/engine.md), so the app gets exactly what outside tools check.
/// </summary>
public static class EngineClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static TResult Run<TProblem, TResult>(string verb, TProblem problem)
    {
        var input = JsonSerializer.SerializeToUtf8Bytes(problem, Json);
        using var output = new MemoryStream();
        EngineCommands.Get(verb).Run(input, output);
        return JsonSerializer.Deserialize<TResult>(output.ToArray(), Json)
            ?? throw new InvalidOperationException($"the engine's {verb} verb returned no result");
    }
}
