using System.Text.Json;
using System.Text.Json.Nodes;
using Mentoring.Domain;

namespace Mentoring.Features.Scim;

/// <summary>
/// The SCIM attributes of a user that map to a <see cref="Person"/>, with which of them a request
/// set. A POST starts empty, a PUT or PATCH starts from the person; the body (or each PATCH
/// operation) then sets attributes by path, and <see cref="ScimUsers"/> writes the result back
/// through the roster's own validation.
/// </summary>
internal sealed class ScimUserFields
{
    public const string CoreSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string EnterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public string? UserName { get; private set; }
    public bool UserNameSet { get; private set; }
    public string? WorkEmail { get; private set; }
    public bool WorkEmailSet { get; private set; }
    public string? ExternalId { get; private set; }
    public bool ExternalIdSet { get; private set; }
    public string? DisplayName { get; private set; }
    public bool DisplayNameSet { get; private set; }
    public string? Formatted { get; private set; }
    public bool FormattedSet { get; private set; }
    public string? GivenName { get; private set; }
    public string? FamilyName { get; private set; }
    public bool NamePartsSet { get; private set; }
    public string? Title { get; private set; }
    public string? Department { get; private set; }
    public string? TimeZone { get; private set; }
    public string? Locale { get; private set; }
    public string? EmployeeNumber { get; private set; }
    public string? Manager { get; private set; }
    public bool ManagerSet { get; private set; }
    public bool Active { get; private set; } = true;

    /// <summary>A new user: nothing set, active.</summary>
    public static ScimUserFields Empty() => new();

    /// <summary>The person as SCIM sees them, with nothing marked as set.</summary>
    public static ScimUserFields From(Person person)
    {
        var (given, family) = SplitName(person.Name);
        return new ScimUserFields
        {
            UserName = person.Email,
            WorkEmail = person.Email,
            ExternalId = person.ExternalId,
            DisplayName = person.Name,
            Formatted = person.Name,
            GivenName = given,
            FamilyName = family,
            Title = person.JobTitle,
            Department = person.Department,
            TimeZone = person.TimeZone,
            Locale = person.Attributes.GetValueOrDefault(ScimUsers.LocaleAttribute),
            EmployeeNumber = person.Attributes.GetValueOrDefault(ScimUsers.EmployeeNumberAttribute),
            Manager = person.ManagerId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Active = person.Active,
        };
    }

    /// <summary>
    /// A person has one name; SCIM splits it. The family name is taken as the last word, which is
    /// right for most names and harmless where not (the whole name is kept as it came).
    /// </summary>
    public static (string? Given, string? Family) SplitName(string name)
    {
        var trimmed = name.Trim();
        var space = trimmed.LastIndexOf(' ');
        return space <= 0 ? (trimmed.Length == 0 ? null : trimmed, null) : (trimmed[..space].TrimEnd(), trimmed[(space + 1)..]);
    }

    /// <summary>Every attribute of a resource body (POST, PUT, or a PATCH value with no path).</summary>
    public void SetAll(JsonObject body)
    {
        foreach (var (key, value) in body)
        {
            Set(key, value);
        }
    }

    /// <summary>
    /// Sets one attribute by its SCIM path: <c>active</c>, <c>name.givenName</c>,
    /// <c>emails[type eq "work"].value</c>, <c>urn:…:enterprise:2.0:User:department</c> …; a null
    /// value removes it. Attributes this product does not keep (phone numbers, addresses …) are
    /// ignored, as RFC 7644 lets a service provider do, so that a provider's default mapping works.
    /// </summary>
    public void Set(string path, JsonNode? value)
    {
        var p = path.Trim();
        if (p.StartsWith(EnterpriseSchema, StringComparison.OrdinalIgnoreCase))
        {
            var rest = p[EnterpriseSchema.Length..].TrimStart(':');
            if (rest.Length == 0)
            {
                foreach (var (key, inner) in AsObject(value, EnterpriseSchema))
                {
                    SetEnterprise(key, inner);
                }
            }
            else
            {
                SetEnterprise(rest, value);
            }
            return;
        }
        if (p.StartsWith(CoreSchema, StringComparison.OrdinalIgnoreCase))
        {
            p = p[CoreSchema.Length..].TrimStart(':');
            if (p.Length == 0)
            {
                SetAll(AsObject(value, CoreSchema));
                return;
            }
        }
        switch (p.ToLowerInvariant())
        {
            case "schemas" or "id" or "meta" or "groups" or "password":
                break;
            case "username":
                UserName = Text(value, "userName");
                UserNameSet = true;
                break;
            case "externalid":
                ExternalId = Text(value, "externalId");
                ExternalIdSet = true;
                break;
            case "displayname":
                DisplayName = Text(value, "displayName");
                DisplayNameSet = true;
                break;
            case "name":
                if (value is null)
                {
                    GivenName = FamilyName = Formatted = null;
                    NamePartsSet = true;
                    break;
                }
                foreach (var (key, inner) in AsObject(value, "name"))
                {
                    Set("name." + key, inner);
                }
                break;
            case "name.givenname":
                GivenName = Text(value, "name.givenName");
                NamePartsSet = true;
                break;
            case "name.familyname":
                FamilyName = Text(value, "name.familyName");
                NamePartsSet = true;
                break;
            case "name.formatted":
                Formatted = Text(value, "name.formatted");
                FormattedSet = true;
                break;
            case "title":
                Title = Text(value, "title");
                break;
            case "timezone":
                TimeZone = Text(value, "timezone");
                break;
            case "locale":
                Locale = Text(value, "locale");
                break;
            case "active":
                Active = Bool(value, "active");
                break;
            case "emails":
                WorkEmail = value is null ? null : PickEmail(value);
                WorkEmailSet = true;
                break;
            case var emails when emails.StartsWith("emails[", StringComparison.Ordinal) || emails == "emails.value":
                // emails[type eq "work"].value, emails[primary eq true].value: the person has one address.
                if (!emails.EndsWith("].value", StringComparison.Ordinal) && emails != "emails.value" && !emails.EndsWith(']'))
                {
                    throw ScimException.Invalid("invalidPath", $"\"{path}\" is not a path this service understands.");
                }
                WorkEmail = value is JsonObject or JsonArray ? PickEmail(value) : Text(value, "emails.value");
                WorkEmailSet = true;
                break;
            case "department" or "manager" or "employeenumber" or "manager.value":
                // Sent by some providers without the extension's URN.
                SetEnterprise(p, value);
                break;
        }
    }

    private void SetEnterprise(string name, JsonNode? value)
    {
        switch (name.ToLowerInvariant())
        {
            case "department":
                Department = Text(value, "department");
                break;
            case "employeenumber":
                EmployeeNumber = Text(value, "employeeNumber");
                break;
            case "manager":
                Manager = value is JsonObject manager ? Text(manager["value"], "manager.value") : Text(value, "manager");
                ManagerSet = true;
                break;
            case "manager.value":
                Manager = Text(value, "manager.value");
                ManagerSet = true;
                break;
        }
    }

    private static JsonObject AsObject(JsonNode? value, string path) =>
        value as JsonObject ?? throw ScimException.Invalid("invalidValue", $"{path} must be an object.");

    /// <summary>A string attribute; numbers and booleans are taken as their text, empty as removed.</summary>
    private static string? Text(JsonNode? value, string path)
    {
        if (value is null)
        {
            return null;
        }
        if (value is JsonArray { Count: 1 } single)
        {
            // Some providers wrap single values in an array.
            return Text(single[0], path);
        }
        if (value is not JsonValue scalar)
        {
            throw ScimException.Invalid("invalidValue", $"{path} must be a string.");
        }
        var text = scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => scalar.ToJsonString(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>true or false; Microsoft Entra sends them as the strings "True" and "False".</summary>
    private static bool Bool(JsonNode? value, string path)
    {
        if (value is JsonValue scalar)
        {
            switch (scalar.GetValueKind())
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.String when bool.TryParse(scalar.GetValue<string>().Trim(), out var parsed):
                    return parsed;
            }
        }
        throw ScimException.Invalid("invalidValue", $"{path} must be true or false.");
    }

    /// <summary>The person's one address from a list of e-mails: the primary, else the work one, else the first.</summary>
    private static string? PickEmail(JsonNode value)
    {
        var entries = value switch
        {
            JsonArray array => array.OfType<JsonObject>().ToList(),
            JsonObject one => [one],
            _ => throw ScimException.Invalid("invalidValue", "emails must be a list of {\"value\": …}."),
        };
        var chosen = entries.FirstOrDefault(e => e["primary"] is JsonValue v && (v.GetValueKind() == JsonValueKind.True
                || v.GetValueKind() == JsonValueKind.String && string.Equals(v.GetValue<string>(), "true", StringComparison.OrdinalIgnoreCase)))
            ?? entries.FirstOrDefault(e => e["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String
                && string.Equals(t.GetValue<string>(), "work", StringComparison.OrdinalIgnoreCase))
            ?? entries.FirstOrDefault();
        return chosen is null ? null : Text(chosen["value"], "emails.value");
    }

    /// <summary>The person's name: the display name, else the formatted name, else given and family names.</summary>
    public string? ComposeName(string? current)
    {
        if (DisplayNameSet && DisplayName is not null)
        {
            return DisplayName;
        }
        if (FormattedSet && Formatted is not null)
        {
            return Formatted;
        }
        if (NamePartsSet)
        {
            var joined = string.Join(' ', new[] { GivenName, FamilyName }.Where(s => !string.IsNullOrWhiteSpace(s)));
            if (joined.Length > 0)
            {
                return joined;
            }
        }
        return current;
    }
}
