using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features;

/// <summary>
/// Shown by the exception handler outside development, and for bare status codes of pages
/// (404 and the like, re-executed with <c>?code=</c>); the reference ties an error to the logs.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string RequestId => Activity.Current?.Id ?? HttpContext.TraceIdentifier;

    /// <summary>The status code re-executed here, or null after an unhandled error.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Code { get; set; }

    public bool IsNotFound => Code == StatusCodes.Status404NotFound;
}
