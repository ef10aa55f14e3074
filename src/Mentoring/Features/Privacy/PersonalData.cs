using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Features.Privacy;

/// <summary>
/// The seam every feature that holds personal data plugs into: what it holds about a person for
/// their export, and what it removes when they are erased. Registered per feature with
/// <see cref="PersonalDataSetup.AddPersonalDataContributor{T}"/>; export and erasure ask them all.
/// </summary>
public interface IPersonalDataContributor
{
    /// <summary>Adds this feature's sections about the person: what they wrote (private texts included) and what concerns them, never anyone else's private text.</summary>
    Task ExportAsync(int personId, PersonalDataExport export, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the person's own texts from this feature's rows (what others wrote stays) and names
    /// the texts that may be quoted elsewhere with <see cref="PersonErasure.Forget"/>, so the sweep
    /// removes them from derived columns too. Runs in the erasure's transaction; it saves nothing itself.
    /// </summary>
    Task EraseAsync(PersonErasure erasure, CancellationToken cancellationToken);
}

/// <summary>One person's export, section by section, as one JSON document.</summary>
public sealed class PersonalDataExport(int personId, Instant at)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new InstantJson(), new LocalDateJson(), new LocalTimeJson() },
    };

    private readonly JsonObject sections = [];

    public int PersonId { get; } = personId;

    /// <summary>Sets (or replaces) a section; <paramref name="data"/> is serialised as the API would.</summary>
    public void Add(string section, object? data) => sections[section] = JsonSerializer.SerializeToNode(data, Json);

    public JsonObject Sections => sections;

    public JsonObject ToJson() => new()
    {
        ["personId"] = PersonId,
        ["exportedAt"] = InstantPattern.ExtendedIso.Format(at),
        ["sections"] = sections.DeepClone(),
    };

    private sealed class InstantJson : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            InstantPattern.ExtendedIso.Parse(reader.GetString()!).Value;

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }

    private sealed class LocalDateJson : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LocalDatePattern.Iso.Parse(reader.GetString()!).Value;

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
    }

    private sealed class LocalTimeJson : JsonConverter<LocalTime>
    {
        public override LocalTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LocalTimePattern.ExtendedIso.Parse(reader.GetString()!).Value;

        public override void Write(Utf8JsonWriter writer, LocalTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalTimePattern.GeneralIso.Format(value));
    }
}

/// <summary>What one erasure is removing: the person (still as they were; pseudonymised after the contributors ran) and the texts to sweep from everywhere they were quoted.</summary>
public sealed class PersonErasure(Domain.Person person, string? accountId, IReadOnlyList<string> identifying)
{
    /// <summary>The e-mail they had (the person's own field is still set while contributors run).</summary>
    public string? Email { get; } = person.Email;

    private readonly List<string> texts = [];

    public Domain.Person Person { get; } = person;

    public int PersonId => Person.Id;

    /// <summary>The account the person had, deleted by the erasure; null when they had none.</summary>
    public string? AccountId { get; } = accountId;

    /// <summary>The name and e-mail they had: swept from every text column of every table.</summary>
    public IReadOnlyList<string> Identifying { get; } = identifying;

    /// <summary>Their own texts: swept from the columns that quote people (match reasons, messages, the audit trail).</summary>
    public IReadOnlyList<string> Texts => texts;

    public void Forget(string? text)
    {
        if (!string.IsNullOrWhiteSpace(text) && text.Trim().Length >= ErasureService.MinSweptLength)
        {
            texts.Add(text.Trim());
        }
    }

    public void Forget(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Forget(value);
        }
    }
}

public static class PersonalDataSetup
{
    public static IServiceCollection AddPersonalDataContributor<T>(this IServiceCollection services)
        where T : class, IPersonalDataContributor =>
        services.AddScoped<IPersonalDataContributor, T>();
}
