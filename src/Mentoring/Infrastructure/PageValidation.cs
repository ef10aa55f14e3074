using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Mentoring.Infrastructure;

/// <summary>
/// Lets a page reuse the services' rules: the field errors of an <see cref="Outcome{T}"/> (keyed by
/// JSON field, e.g. <c>timeZone</c>) become model-state errors next to the page's inputs (e.g.
/// <c>Input.TimeZone</c>).
/// </summary>
public static class PageValidation
{
    /// <summary>The fields a service found at fault, next to the page's inputs.</summary>
    public static void AddErrors<T>(this ModelStateDictionary modelState, Outcome<T> outcome, string prefix,
        IReadOnlyDictionary<string, string>? keys = null)
    {
        foreach (var error in outcome.Errors)
        {
            var key = keys is not null && keys.TryGetValue(error.Field, out var mapped)
                ? mapped
                : prefix + "." + char.ToUpperInvariant(error.Field[0]) + error.Field[1..];
            modelState.AddModelError(key, Sentence(error.Message));
        }
    }

    /// <summary>The API writes messages in lower case to follow a field name; a page shows them on their own.</summary>
    public static string Sentence(string message) =>
        message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? "" : ".");
}
