using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Mentoring.Data;

internal sealed class LocalDateConverter() : ValueConverter<LocalDate, DateOnly>(
    date => date.ToDateOnly(),
    value => LocalDate.FromDateOnly(value));

internal sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
    instant => instant.ToDateTimeUtc(),
    value => Instant.FromDateTimeUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc)));

/// <summary>Stores a string dictionary as one JSON text column, compared by content.</summary>
internal sealed class StringDictionaryConverter() : ValueConverter<Dictionary<string, string>, string>(
    value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null),
    json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>());

internal sealed class StringDictionaryComparer() : ValueComparer<Dictionary<string, string>>(
    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
    d => d.Aggregate(0, (hash, pair) => hash ^ HashCode.Combine(pair.Key, pair.Value)),
    d => new Dictionary<string, string>(d));

/// <summary>Stores a small value (a list of match reasons) as one JSON text column, compared by content.</summary>
internal sealed class JsonColumnConverter<T>() : ValueConverter<T, string>(
    value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null),
    json => JsonSerializer.Deserialize<T>(json, (JsonSerializerOptions?)null)!)
    where T : class;

internal sealed class JsonColumnComparer<T>() : ValueComparer<T>(
    (a, b) => JsonSerializer.Serialize(a, (JsonSerializerOptions?)null) == JsonSerializer.Serialize(b, (JsonSerializerOptions?)null),
    value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null).GetHashCode(StringComparison.Ordinal),
    value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, (JsonSerializerOptions?)null), (JsonSerializerOptions?)null)!)
    where T : class;
