using Microsoft.AspNetCore.Http.HttpResults;

namespace Mentoring.Infrastructure;

/// <summary>ProblemDetails answers that name the field at fault, as the built-in validation does.</summary>
public static class Problems
{
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>For calls that act as "me": the signed-in account must belong to someone on the roster.</summary>
    public static ValidationProblem NotLinkedToPerson() =>
        Field("person", "your account is not linked to a person on the roster");

    public static NodaTime.DateTimeZone? Zone(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
}
