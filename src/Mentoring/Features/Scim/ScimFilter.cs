using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mentoring.Domain;

namespace Mentoring.Features.Scim;

/// <summary>
/// The filters identity providers send to find a user before they create one:
/// <c>userName eq "…"</c>, <c>externalId eq "…"</c> (also <c>id</c> and <c>emails.value</c>).
/// Anything else is answered with 400 <c>invalidFilter</c>, as RFC 7644 §3.4.2.2 asks.
/// </summary>
internal sealed partial record ScimFilter(string Attribute, string Value)
{
    public static ScimFilter Parse(string filter)
    {
        var match = Equality().Match(filter);
        if (!match.Success)
        {
            throw ScimException.Invalid("invalidFilter",
                $"The filter \"{filter}\" is not supported: use userName eq \"…\", externalId eq \"…\", id eq \"…\" or emails.value eq \"…\".");
        }
        var attribute = match.Groups["attribute"].Value;
        if (attribute.StartsWith(ScimUserFields.CoreSchema + ":", StringComparison.OrdinalIgnoreCase))
        {
            attribute = attribute[(ScimUserFields.CoreSchema.Length + 1)..];
        }
        attribute = attribute.ToLowerInvariant() switch
        {
            "username" => "userName",
            "externalid" => "externalId",
            "id" => "id",
            "emails.value" or "emails" or "emails[type eq \"work\"].value" => "email",
            _ => throw ScimException.Invalid("invalidFilter", $"Filtering on \"{attribute}\" is not supported: use userName, externalId, id or emails.value."),
        };
        string value;
        try
        {
            value = JsonSerializer.Deserialize<string>(match.Groups["value"].Value)!;
        }
        catch (JsonException)
        {
            throw ScimException.Invalid("invalidFilter", $"The value in \"{filter}\" is not a valid string.");
        }
        return new ScimFilter(attribute, value);
    }

    public IQueryable<Person> Apply(IQueryable<Person> people)
    {
        switch (Attribute)
        {
            case "id":
                return int.TryParse(Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    ? people.Where(p => p.Id == id)
                    : people.Where(p => false);
            case "externalId":
                return people.Where(p => p.ExternalId == Value);
            case "userName":
            {
                // userName is not case-sensitive (RFC 7643 §4.1.1); a person without an e-mail goes by their HR id.
                var lower = Value.ToLowerInvariant();
                return people.Where(p => p.Email != null ? p.Email.ToLower() == lower : p.ExternalId == Value);
            }
            default:
            {
                var lower = Value.ToLowerInvariant();
                return people.Where(p => p.Email != null && p.Email.ToLower() == lower);
            }
        }
    }

    [GeneratedRegex("""^\s*(?<attribute>[A-Za-z0-9:._\-]+(?:\[type eq "work"\]\.value)?)\s+eq\s+(?<value>"(?:[^"\\]|\\.)*")\s*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Equality();
}
