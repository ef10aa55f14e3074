using System.Text.Json.Nodes;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Privacy;

/// <summary>My data: everything the product holds about the signed-in person, readable, with the JSON download.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class MyDataModel(CurrentPerson current, PersonalDataService data) : PageModel
{
    public JsonObject? Sections { get; private set; }

    public async Task OnGetAsync()
    {
        if (await current.IdAsync(HttpContext.RequestAborted) is { } id
            && await data.ExportAsync(id, HttpContext.RequestAborted) is { Succeeded: true } export)
        {
            Sections = export.Value!["sections"] as JsonObject;
        }
    }

    /// <summary>"mentorRequests" as a heading: "Mentor requests".</summary>
    public static string Heading(string key)
    {
        var words = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(key).Replace('_', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
