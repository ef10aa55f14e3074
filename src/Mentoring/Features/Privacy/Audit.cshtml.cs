using System.Text.Json.Nodes;
using Mentoring.Features.People;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Privacy;

/// <summary>The admin's audit page: who changed or read what, when and from where; filters, pages and CSV.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AuditModel(AuditTrail trail) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true)] public string? Action { get; set; }

    [BindProperty(SupportsGet = true)] public string? From { get; set; }

    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Page<AuditRecordDto> Results { get; private set; } = new([], 0, 1, PageSize);

    public async Task OnGetAsync()
    {
        var outcome = await trail.QueryAsync(Query(Math.Max(1, PageNumber)), HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            Results = outcome.Value!;
        }
        else
        {
            ModelState.AddErrors(outcome, "");
        }
    }

    private AuditQuery Query(int page) => new(Entity, EntityId, Actor, Action, From, To, page, PageSize);

    public int PageCount => Math.Max(1, (Results.Total + PageSize - 1) / PageSize);

    public string PageUrl(int page) => "/Privacy/Audit" + QueryString.Create(Filters().Append(new("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public string CsvUrl => "/api/audit/export" + QueryString.Create(Filters());

    private IEnumerable<KeyValuePair<string, string?>> Filters() =>
        new Dictionary<string, string?> { ["actor"] = Actor, ["entity"] = Entity, ["entityId"] = EntityId, ["action"] = Action, ["from"] = From, ["to"] = To }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value));

    /// <summary>The changed fields in words: "name: A → B", "passwordHash: changed (not recorded)".</summary>
    public static IEnumerable<string> Describe(string? changes)
    {
        if (changes is null || JsonNode.Parse(changes) is not JsonObject fields)
        {
            yield break;
        }
        foreach (var (name, value) in fields)
        {
            yield return value switch
            {
                JsonObject o when o.ContainsKey("hidden") => $"{name}: changed (not recorded)",
                JsonObject o when o.ContainsKey("erased") => $"{name}: erased",
                JsonObject o when o.ContainsKey("old") && o.ContainsKey("new") => $"{name}: {Show(o["old"])} → {Show(o["new"])}",
                JsonObject o when o.ContainsKey("new") => $"{name}: {Show(o["new"])}",
                JsonObject o when o.ContainsKey("old") => $"{name}: was {Show(o["old"])}",
                _ => $"{name}: {Show(value)}",
            };
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = node is null ? "(none)" : node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();
        return text.Length > 120 ? text[..120] + "…" : text;
    }
}
