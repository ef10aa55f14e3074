using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Scim;

/// <summary>
/// SCIM users are the people on the roster: the same records the CSV import keys on their HR id
/// (<c>externalId</c>), with <c>userName</c> as their e-mail and the SCIM id as the person's id.
/// Writes go through the roster's validation (<see cref="PersonInput"/> and
/// <see cref="PeopleService.ApplyAsync"/>), so a person made by SCIM obeys the same rules as one
/// imported or typed in. Deleting a user deactivates the person; history stays.
/// </summary>
internal sealed class ScimUsers(MentoringDbContext db, PeopleService people)
{
    // Kept as person attributes (they export and import as roster columns); the employee number's
    // key is not "EmployeeNumber", which the import reads as the HR id.
    public const string LocaleAttribute = "Locale";
    public const string EmployeeNumberAttribute = "ScimEmployeeNumber";
    public const int MaxPageSize = 200;

    /// <summary>The SCIM attribute a roster field error is about (the roster's JSON names on the left).</summary>
    private static readonly Dictionary<string, string> AttributeOf = new(StringComparer.OrdinalIgnoreCase)
    {
        ["externalId"] = "externalId",
        ["name"] = "displayName",
        ["email"] = "userName",
        ["department"] = "department",
        ["jobTitle"] = "title",
        ["timeZone"] = "timezone",
        ["managerId"] = "manager",
    };

    public async Task<Person?> FindAsync(string id, CancellationToken cancellationToken) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var personId)
            ? await Query().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            : null;

    public async Task<(int Total, List<Person> Page)> ListAsync(ScimFilter? filter, int startIndex, int count, CancellationToken cancellationToken)
    {
        var people = db.People.AsNoTracking();
        if (filter is not null)
        {
            people = filter.Apply(people);
        }
        var total = await people.CountAsync(cancellationToken);
        var page = count == 0
            ? []
            : await people.OrderBy(p => p.Id).Skip(startIndex - 1).Take(count)
                .Include(p => p.Manager).ToListAsync(cancellationToken);
        return (total, page);
    }

    public async Task<Person> CreateAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var fields = ScimUserFields.Empty();
        fields.SetAll(body);
        if (!fields.UserNameSet || fields.UserName is null)
        {
            throw ScimException.Invalid("invalidValue", "userName is required (the person's e-mail address).");
        }
        // Okta sends no externalId by default: the employee number, else the e-mail, keys the person then.
        var externalId = fields.ExternalId ?? fields.EmployeeNumber ?? fields.UserName;
        var person = new Person { ExternalId = externalId, Name = "" };
        await SaveAsync(person, fields, isNew: true, cancellationToken);
        return (await Query().SingleAsync(p => p.Id == person.Id, cancellationToken));
    }

    /// <summary>PUT: the body's attributes replace the person's; attributes it leaves out are left as they are (RFC 7644 §3.5.1 allows either).</summary>
    public async Task<Person?> ReplaceAsync(string id, JsonObject body, CancellationToken cancellationToken)
    {
        var person = await TrackedAsync(id, cancellationToken);
        if (person is null)
        {
            return null;
        }
        var fields = ScimUserFields.From(person);
        fields.SetAll(body);
        if (!fields.UserNameSet || fields.UserName is null)
        {
            throw ScimException.Invalid("invalidValue", "userName is required (the person's e-mail address).");
        }
        await SaveAsync(person, fields, isNew: false, cancellationToken);
        return await Query().SingleAsync(p => p.Id == person.Id, cancellationToken);
    }

    public async Task<Person?> PatchAsync(string id, JsonObject body, CancellationToken cancellationToken)
    {
        var person = await TrackedAsync(id, cancellationToken);
        if (person is null)
        {
            return null;
        }
        var fields = ScimUserFields.From(person);
        foreach (var operation in ScimPatch.Read(body))
        {
            operation.ApplyTo(fields);
        }
        await SaveAsync(person, fields, isNew: false, cancellationToken);
        return await Query().SingleAsync(p => p.Id == person.Id, cancellationToken);
    }

    /// <summary>DELETE: the person stays, inactive; <c>active: true</c> brings them back.</summary>
    public async Task<bool> DeactivateAsync(string id, CancellationToken cancellationToken)
    {
        var person = await TrackedAsync(id, cancellationToken);
        if (person is null)
        {
            return false;
        }
        person.Active = false;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task SaveAsync(Person person, ScimUserFields fields, bool isNew, CancellationToken cancellationToken)
    {
        var email = fields.UserNameSet ? fields.UserName : fields.WorkEmailSet ? fields.WorkEmail : person.Email;
        var name = fields.ComposeName(isNew ? null : person.Name) ?? email ?? person.ExternalId;
        var input = new PersonInput
        {
            ExternalId = fields.ExternalIdSet && fields.ExternalId is not null ? fields.ExternalId : person.ExternalId,
            Name = name,
            Email = email,
            Department = fields.Department,
            JobTitle = fields.Title,
            Level = person.Level,
            OfficeId = person.OfficeId,
            TimeZone = fields.TimeZone,
            ManagerId = fields.ManagerSet ? await ResolveManagerAsync(fields.Manager, cancellationToken) : person.ManagerId,
            HireDate = person.HireDate?.ToDateOnly(),
            Interests = person.Interests,
            Skills = person.Skills,
            Values = person.Values,
            Active = fields.Active,
        };
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
        {
            var first = results[0];
            var member = first.MemberNames.FirstOrDefault() ?? "";
            throw ScimException.Invalid("invalidValue", $"{AttributeName(member)}: {first.ErrorMessage}");
        }
        if (fields.UserNameSet && fields.UserName is null)
        {
            throw ScimException.Invalid("invalidValue", "userName is required (the person's e-mail address).");
        }
        // Checked only when the address changes: an imported roster may already hold duplicates, and
        // they must not stop the provider from deactivating someone.
        if (email is not null && (isNew || !string.Equals(email, person.Email, StringComparison.OrdinalIgnoreCase)))
        {
            var lower = email.ToLowerInvariant();
            if (await db.People.AnyAsync(p => p.Id != person.Id && p.Email != null && p.Email.ToLower() == lower, cancellationToken))
            {
                throw new ScimException(StatusCodes.Status409Conflict, "uniqueness", $"userName \"{email}\" is already taken by another person.");
            }
        }
        if (await people.ApplyAsync(input, person, cancellationToken) is { Succeeded: false } applied)
        {
            var (field, message) = (applied.Errors[0].Field, applied.Errors[0].Message);
            var detail = $"{AttributeName(field)}: {message}";
            throw field == "externalId"
                ? new ScimException(StatusCodes.Status409Conflict, "uniqueness", detail)
                : ScimException.Invalid("invalidValue", detail);
        }
        var attributes = new Dictionary<string, string>(person.Attributes, StringComparer.Ordinal);
        SetAttribute(attributes, LocaleAttribute, fields.Locale, "locale");
        SetAttribute(attributes, EmployeeNumberAttribute, fields.EmployeeNumber, "employeeNumber");
        person.Attributes = attributes;
        if (isNew)
        {
            db.People.Add(person);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void SetAttribute(Dictionary<string, string> attributes, string key, string? value, string scimName)
    {
        if (value is null)
        {
            attributes.Remove(key);
            return;
        }
        if (value.Length > 64)
        {
            throw ScimException.Invalid("invalidValue", $"{scimName} is longer than 64 characters.");
        }
        attributes[key] = value;
    }

    /// <summary>The manager by their SCIM id (RFC 7643 §4.3), else by their HR id (externalId), as providers send either.</summary>
    private async Task<int?> ResolveManagerAsync(string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await db.People.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return id;
        }
        var byExternalId = await db.People.Where(p => p.ExternalId == value).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
        return byExternalId ?? throw ScimException.Invalid("invalidValue", $"manager: no user has id or externalId \"{value}\".");
    }

    private static string AttributeName(string field) => AttributeOf.GetValueOrDefault(field, field);

    private IQueryable<Person> Query() => db.People.AsNoTracking().Include(p => p.Manager);

    private async Task<Person?> TrackedAsync(string id, CancellationToken cancellationToken) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var personId)
            ? await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            : null;

    /// <summary>A person as a SCIM User resource.</summary>
    public static JsonObject ToResource(Person person, string baseUrl)
    {
        var id = person.Id.ToString(CultureInfo.InvariantCulture);
        var (given, family) = ScimUserFields.SplitName(person.Name);
        var name = new JsonObject { ["formatted"] = person.Name };
        AddIf(name, "givenName", given);
        AddIf(name, "familyName", family);
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimUserFields.CoreSchema, ScimUserFields.EnterpriseSchema),
            ["id"] = id,
            ["externalId"] = person.ExternalId,
            // A person imported without an e-mail still needs a userName: their HR id stands in.
            ["userName"] = person.Email ?? person.ExternalId,
            ["name"] = name,
            ["displayName"] = person.Name,
            ["active"] = person.Active,
        };
        AddIf(user, "title", person.JobTitle);
        AddIf(user, "timezone", person.TimeZone);
        AddIf(user, "locale", person.Attributes.GetValueOrDefault(LocaleAttribute));
        if (person.Email is not null)
        {
            user["emails"] = new JsonArray(new JsonObject { ["value"] = person.Email, ["type"] = "work", ["primary"] = true });
        }
        var enterprise = new JsonObject();
        AddIf(enterprise, "employeeNumber", person.Attributes.GetValueOrDefault(EmployeeNumberAttribute));
        AddIf(enterprise, "department", person.Department);
        if (person.ManagerId is { } managerId)
        {
            var manager = new JsonObject
            {
                ["value"] = managerId.ToString(CultureInfo.InvariantCulture),
                ["$ref"] = $"{baseUrl}/Users/{managerId.ToString(CultureInfo.InvariantCulture)}",
            };
            AddIf(manager, "displayName", person.Manager?.Name);
            enterprise["manager"] = manager;
        }
        user[ScimUserFields.EnterpriseSchema] = enterprise;
        user["meta"] = new JsonObject
        {
            ["resourceType"] = "User",
            ["location"] = $"{baseUrl}/Users/{id}",
        };
        return user;
    }

    private static void AddIf(JsonObject target, string key, string? value)
    {
        if (value is not null)
        {
            target[key] = value;
        }
    }
}
