using System.Globalization;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Features.Profiles;

/// <summary>A person's own profile, as the API reads and writes it. Times are local, "HH:mm".</summary>
public sealed record ProfileDto(
    int PersonId, string Name, string? Office, string? OfficeTimeZone, string? TimeZone,
    string? WorkdayStart, string? WorkdayEnd,
    IReadOnlyList<string> Interests, IReadOnlyList<string> Skills, IReadOnlyList<string> Values,
    IReadOnlyList<string> HopesToGet, IReadOnlyList<string> HopesToGive, IReadOnlyList<string> Languages,
    IReadOnlyList<string> PreferredFormats, IReadOnlyList<string> Channels);

/// <summary>What a person may change about themselves. A field left out is cleared: PUT replaces the profile.</summary>
public sealed record ProfileInput
{
    public List<string>? Interests { get; init; }

    public List<string>? Skills { get; init; }

    public List<string>? Values { get; init; }

    public List<string>? HopesToGet { get; init; }

    public List<string>? HopesToGive { get; init; }

    public List<string>? Languages { get; init; }

    /// <summary>IANA id, e.g. Europe/London; empty for the office's zone.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Start of their working day, local, "HH:mm"; empty for 09:00.</summary>
    public string? WorkdayStart { get; init; }

    public string? WorkdayEnd { get; init; }

    public List<string>? PreferredFormats { get; init; }

    public List<string>? Channels { get; init; }
}

/// <summary>
/// The rules of a person's own profile, shared by <c>/api/me/profile</c> and the My profile page.
/// It only ever reads or writes the person it is given: callers pass the caller's own person id.
/// </summary>
public sealed class ProfileService(MentoringDbContext db)
{
    public const int MaxItems = 20;
    public const int MaxItemLength = 100;

    private static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public async Task<Outcome<ProfileDto>> GetAsync(int personId, CancellationToken cancellationToken) =>
        await db.People.AsNoTracking().Include(p => p.Office).SingleOrDefaultAsync(p => p.Id == personId, cancellationToken) is { } person
            ? Dto(person)
            : Outcome.NotFound();

    public async Task<Outcome<ProfileDto>> SaveAsync(int personId, ProfileInput input, CancellationToken cancellationToken)
    {
        var person = await db.People.Include(p => p.Office).SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return Outcome.NotFound();
        }
        var errors = new List<FieldError>();
        var interests = Items(input.Interests, "interests", errors);
        var skills = Items(input.Skills, "skills", errors);
        var values = Items(input.Values, "values", errors);
        var hopesToGet = Items(input.HopesToGet, "hopesToGet", errors);
        var hopesToGive = Items(input.HopesToGive, "hopesToGive", errors);
        var languages = Items(input.Languages, "languages", errors);
        var formats = Choices(input.PreferredFormats, ActivityFormats.All, "preferredFormats", "format", errors);
        var channels = Choices(input.Channels, ContactChannels.All, "channels", "channel", errors);

        var zone = string.IsNullOrWhiteSpace(input.TimeZone) ? null : input.TimeZone.Trim();
        if (zone is not null && Problems.Zone(zone) is null)
        {
            errors.Add(new FieldError("timeZone", $"unknown time zone \"{Shown(zone)}\" (use an IANA id such as Europe/London)"));
        }
        var start = Time(input.WorkdayStart, "workdayStart", errors);
        var end = Time(input.WorkdayEnd, "workdayEnd", errors);
        if (start is { } s && end is { } e && e <= s)
        {
            errors.Add(new FieldError("workdayEnd", $"ends at {Clock.Format(e)}, not after the start at {Clock.Format(s)}"));
        }
        else if ((start is null) != (end is null) && !errors.Any(x => x.Field is "workdayStart" or "workdayEnd"))
        {
            // One end alone would mix the person's hours with the default ones without their knowing.
            errors.Add(start is null
                ? new FieldError("workdayStart", "is needed with an end of the working day")
                : new FieldError("workdayEnd", "is needed with a start of the working day"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        person.Interests = interests;
        person.Skills = skills;
        person.Values = values;
        person.HopesToGet = hopesToGet;
        person.HopesToGive = hopesToGive;
        person.Languages = languages;
        person.PreferredFormats = formats;
        person.Channels = channels;
        person.TimeZone = zone;
        person.WorkdayStart = start;
        person.WorkdayEnd = end;
        await db.SaveChangesAsync(cancellationToken);
        return Dto(person);
    }

    public static ProfileDto Dto(Person p) => new(
        p.Id, p.Name, p.Office?.Name, p.Office?.TimeZone, p.TimeZone,
        p.WorkdayStart is { } s ? Clock.Format(s) : null, p.WorkdayEnd is { } e ? Clock.Format(e) : null,
        p.Interests, p.Skills, p.Values, p.HopesToGet, p.HopesToGive, p.Languages, p.PreferredFormats, p.Channels);

    /// <summary>Trimmed, without blanks or repeats (compared ignoring case), each short and on one line.</summary>
    private static List<string> Items(List<string>? items, string field, List<FieldError> errors)
    {
        var result = new List<string>();
        foreach (var raw in items ?? [])
        {
            var item = raw?.Trim() ?? "";
            if (item.Length == 0 || result.Contains(item, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            if (FieldRules.Check(item, MaxItemLength) is { } problem)
            {
                errors.Add(new FieldError(field, $"\"{Shown(item)}\" {problem}"));
                return [];
            }
            result.Add(item);
        }
        if (result.Count > MaxItems)
        {
            errors.Add(new FieldError(field, $"has {result.Count.ToString(CultureInfo.InvariantCulture)} entries; at most {MaxItems} are kept"));
        }
        return result;
    }

    private static List<string> Choices(List<string>? items, IReadOnlyList<string> known, string field, string noun, List<FieldError> errors)
    {
        var result = new List<string>();
        foreach (var raw in items ?? [])
        {
            var item = raw?.Trim().ToLowerInvariant() ?? "";
            if (item.Length == 0 || result.Contains(item))
            {
                continue;
            }
            if (!known.Contains(item))
            {
                errors.Add(new FieldError(field, $"unknown {noun} \"{Shown(raw!.Trim())}\" (use {string.Join(", ", known)})"));
                return [];
            }
            result.Add(item);
        }
        return result;
    }

    private static LocalTime? Time(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var parsed = Clock.Parse(text.Trim());
        if (!parsed.Success)
        {
            errors.Add(new FieldError(field, $"\"{Shown(text.Trim())}\" is not a time of day (use HH:mm, e.g. 08:30)"));
            return null;
        }
        return parsed.Value;
    }

    /// <summary>A value quoted back to the caller, cut short and without control characters.</summary>
    private static string Shown(string value)
    {
        var clean = new string(value.Where(c => !FieldRules.IsControl(c)).ToArray());
        return clean.Length <= 60 ? clean : clean[..57] + "…";
    }
}
