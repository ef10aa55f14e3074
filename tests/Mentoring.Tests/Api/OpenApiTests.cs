using System.Text.Json;
using Mentoring.Tests.Support;

namespace Mentoring.Tests.Api;

/// <summary>The OpenAPI document covers the whole API, and every operation can be found by name, summary and tag.</summary>
public sealed class OpenApiTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Every_operation_has_a_name_a_summary_and_a_tag()
    {
        using var client = app.Anonymous();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var operations = doc.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _))
                .Select(o => (Path: path.Name, Verb: o.Name, Operation: o.Value)))
            .ToList();
        Assert.True(operations.Count >= 60, $"only {operations.Count} operations in the document");
        foreach (var (path, verb, operation) in operations)
        {
            Assert.True(operation.TryGetProperty("operationId", out var id) && id.GetString() is { Length: > 0 }, $"{verb} {path} has no name");
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString() is { Length: > 0 }, $"{verb} {path} has no summary");
            Assert.True(operation.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, $"{verb} {path} has no tag");
        }
    }

    [Fact]
    public async Task The_description_names_every_area_of_the_api()
    {
        using var client = app.Anonymous();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var description = doc.RootElement.GetProperty("info").GetProperty("description").GetString() ?? "";
        foreach (var area in new[] { "people", "offices", "programs", "matching", "roulette", "group", "scheduling", "tokens", "bulk", "jobs", "scim" })
        {
            Assert.Contains(area, description, StringComparison.OrdinalIgnoreCase);
        }
    }
}
