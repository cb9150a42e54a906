using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gongzhi.Platform.Data;

/// <summary>
/// Column mappings that behave the same on SQLite and PostgreSQL. Lists and small documents are JSON
/// text (PostgreSQL would otherwise pick native arrays, SQLite JSON); instants that queries compare or
/// sort are stored as UTC date-times, because SQLite cannot order or compare <see cref="DateTimeOffset"/>
/// columns but orders its UTC date-time text correctly.
/// </summary>
public static class ValueConversions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static PropertyBuilder<IReadOnlyList<T>> HasJsonListConversion<T>(this PropertyBuilder<IReadOnlyList<T>> property) =>
        property.HasConversion(
            new ValueConverter<IReadOnlyList<T>, string>(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<T>>(v, Json) ?? new List<T>()),
            new ValueComparer<IReadOnlyList<T>>(
                (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
                v => v.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
                v => v.ToList()));

    public static PropertyBuilder<IReadOnlyDictionary<string, string>> HasJsonMapConversion(
        this PropertyBuilder<IReadOnlyDictionary<string, string>> property) =>
        property.HasConversion(
            new ValueConverter<IReadOnlyDictionary<string, string>, string>(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, Json) ?? new Dictionary<string, string>()),
            new ValueComparer<IReadOnlyDictionary<string, string>>(
                (a, b) => (a == null && b == null) || (a != null && b != null && a.Count == b.Count && !a.Except(b).Any()),
                v => v.OrderBy(p => p.Key, StringComparer.Ordinal).Aggregate(0, (hash, p) => HashCode.Combine(hash, p.Key, p.Value)),
                v => new Dictionary<string, string>(v)));

    /// <summary>An immutable value (a record) kept as one JSON document; replaced whole, never mutated.</summary>
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class =>
        property.HasConversion(
            new ValueConverter<T, string>(v => JsonSerializer.Serialize(v, Json), v => JsonSerializer.Deserialize<T>(v, Json)!),
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Json), Json)!));

    public static PropertyBuilder<DateTimeOffset> HasUtcConversion(this PropertyBuilder<DateTimeOffset> property) =>
        property.HasConversion(UtcInstant);

    public static PropertyBuilder<DateTimeOffset?> HasUtcConversion(this PropertyBuilder<DateTimeOffset?> property) =>
        property.HasConversion(UtcInstant);

    private static readonly ValueConverter<DateTimeOffset, DateTime> UtcInstant = new(
        v => v.UtcDateTime,
        v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));
}
