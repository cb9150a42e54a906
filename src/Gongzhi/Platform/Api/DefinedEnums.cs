using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Platform.Actions;

namespace Gongzhi.Platform.Api;

/// <summary>
/// Enumerations as the API spells them (camelCase names; numbers are still read), refusing any value the enumeration
/// does not define. Without it <c>"urgency": 99</c> was stored as urgency 99, which no rule, page or count knows.
/// The serializer adds the field's path to the refusal, and the problem handler answers it as a ValidationProblem
/// naming the field.
/// </summary>
public sealed class DefinedEnumConverter(JsonNamingPolicy? naming = null) : JsonConverterFactory
{
    private readonly JsonStringEnumConverter names = new(naming ?? JsonNamingPolicy.CamelCase);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Checked<>).MakeGenericType(typeToConvert), names.CreateConverter(typeToConvert, options))!;

    private sealed class Checked<T>(JsonConverter inner) : JsonConverter<T>
        where T : struct, Enum
    {
        private readonly JsonConverter<T> names = (JsonConverter<T>)inner;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            T value;
            try
            {
                value = names.Read(ref reader, typeToConvert, options);
            }
            catch (JsonException)
            {
                throw new UndefinedEnumValueException(DefinedEnums.Allowed<T>());
            }
            return DefinedEnums.IsDefined(value) ? value : throw new UndefinedEnumValueException(DefinedEnums.Allowed<T>());
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => names.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = names.ReadAsPropertyName(ref reader, typeToConvert, options);
            return DefinedEnums.IsDefined(value) ? value : throw new UndefinedEnumValueException(DefinedEnums.Allowed<T>());
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            names.WriteAsPropertyName(writer, value, options);
    }
}

/// <summary>A value the enumeration does not define: the message lists the ones it does.</summary>
public sealed class UndefinedEnumValueException(string allowed) : JsonException(PlatformText.Format("Validation.UndefinedValue", allowed));

/// <summary>Checks for enumerations read from anywhere else: a query string, a form, a route.</summary>
public static class DefinedEnums
{
    /// <summary>Defined, or for a [Flags] enumeration made only of defined flags.</summary>
    public static bool IsDefined<T>(T value)
        where T : struct, Enum
    {
        if (Enum.IsDefined(value))
        {
            return true;
        }
        if (!typeof(T).IsDefined(typeof(FlagsAttribute), false))
        {
            return false;
        }
        var all = Enum.GetValues<T>().Aggregate(0UL, (bits, flag) => bits | Convert.ToUInt64(flag, System.Globalization.CultureInfo.InvariantCulture));
        return (Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture) & ~all) == 0;
    }

    /// <summary>
    /// Parses a name as the API spells it (any case), never a number: "99" or "high,low" is not a value, whatever
    /// <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would make of it.
    /// </summary>
    public static bool TryParse<T>(string? text, [NotNullWhen(true)] out T? value)
        where T : struct, Enum
    {
        value = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || !char.IsLetter(text[0]) || text.Contains(',', StringComparison.Ordinal)
            || !Enum.TryParse<T>(text, ignoreCase: true, out var parsed) || !IsDefined(parsed))
        {
            return false;
        }
        value = parsed;
        return true;
    }

    /// <summary>
    /// A query filter: nothing when absent, else a defined name; anything else is a 400 naming <paramref name="field"/>
    /// (an undefined state would only find nothing, and the caller would not know why).
    /// </summary>
    public static T? Filter<T>(string? text, string field)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return TryParse<T>(text, out var value)
            ? value
            : throw FieldValidationException.Field(field, PlatformText.Format("Validation.UndefinedValue", Allowed<T>()));
    }

    /// <summary>The names a field takes, as the API spells them.</summary>
    public static string Allowed<T>()
        where T : struct, Enum =>
        string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));
}
