using System.Globalization;
using System.Numerics;

namespace StackTests.Bdd;

/// <summary>
/// Turns step text and tables into the values step methods ask for: numbers (BigInteger too), bool, string, TimeSpan
/// ("30s", "1h30m"), enums (case-insensitive, spaces and dashes ignored), Guid, Uri, dates, nullables,
/// DataTable, DocString, rows of a table as objects, and anything a [StepArgumentTransformation] makes.
/// </summary>
public sealed class ArgumentConverter(IReadOnlyList<Transformation> transformations)
{
    /// <summary>The conversions that need no transformation; used by DataTable.CreateSet.</summary>
    public static ArgumentConverter BuiltIn { get; } = new([]);

    public bool CanConvertText(Type target) =>
        TextTransformations(target).Any() || IsBuiltIn(Nullable.GetUnderlyingType(target) ?? target);

    public bool HasTextTransformationTo(Type target) => TextTransformations(target).Any();

    public bool CanConvertTable(Type target) =>
        target == typeof(DataTable)
        || transformations.Any(t => t.TakesTable && target.IsAssignableFrom(t.ReturnType))
        || RowMapper.ElementTypeOf(target) is not null;

    public object? ConvertText(string? text, Type target, Func<Type, object> resolve)
    {
        if (text is null)
            return !target.IsValueType || Nullable.GetUnderlyingType(target) is not null
                ? null
                : throw new ArgumentConversionException($"no text to convert to {TypeNames.Of(target)} (an optional group did not match)");
        if (TextTransformations(target).FirstOrDefault(t => t.Accepts(text)) is { } transformation)
            return transformation.Invoke(text, resolve);
        try { return ConvertBuiltIn(text, Nullable.GetUnderlyingType(target) ?? target); }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentConversionException($"\"{text}\" is not a valid {TypeNames.Of(target)}: {e.Message}", e);
        }
    }

    public object ConvertTable(DataTable table, Type target, Func<Type, object> resolve)
    {
        if (target == typeof(DataTable)) return table;
        if (transformations.FirstOrDefault(t => t.TakesTable && target.IsAssignableFrom(t.ReturnType)) is { } transformation)
            return transformation.Invoke(table, resolve)!;
        return RowMapper.CreateCollection(table, target, this);
    }

    private IEnumerable<Transformation> TextTransformations(Type target) =>
        transformations.Where(t => !t.TakesTable && target.IsAssignableFrom(t.ReturnType) && target != typeof(object));

    private static bool IsBuiltIn(Type type) =>
        type.IsEnum || type == typeof(string) || type == typeof(object) || type == typeof(TimeSpan) || type == typeof(Guid)
        || type == typeof(Uri) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(BigInteger)
        || Type.GetTypeCode(type) is TypeCode.Int32 or TypeCode.Int64 or TypeCode.Int16 or TypeCode.Byte or TypeCode.Double
            or TypeCode.Single or TypeCode.Decimal or TypeCode.Boolean or TypeCode.Char;

    private static object ConvertBuiltIn(string text, Type type)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (type == typeof(string) || type == typeof(object)) return text;
        if (type.IsEnum) return ParseEnum(text, type);
        if (type == typeof(TimeSpan)) return DurationParser.Parse(text);
        if (type == typeof(Guid)) return Guid.Parse(text);
        if (type == typeof(Uri)) return new Uri(text, UriKind.RelativeOrAbsolute);
        if (type == typeof(DateTime)) return DateTime.Parse(text, invariant, DateTimeStyles.RoundtripKind);
        if (type == typeof(DateTimeOffset)) return DateTimeOffset.Parse(text, invariant);
        if (type == typeof(BigInteger)) return BigInteger.Parse(text, NumberStyles.Integer, invariant);
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 => int.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.Int64 => long.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.Int16 => short.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.Byte => byte.Parse(text, NumberStyles.Integer, invariant),
            TypeCode.Double => double.Parse(text, NumberStyles.Float, invariant),
            TypeCode.Single => float.Parse(text, NumberStyles.Float, invariant),
            TypeCode.Decimal => decimal.Parse(text, NumberStyles.Float, invariant),
            TypeCode.Boolean => ParseBool(text),
            TypeCode.Char => text.Length == 1 ? text[0] : throw new FormatException("expected a single character"),
            _ => throw new ArgumentException($"no conversion from text to {TypeNames.Of(type)}"),
        };
    }

    private static bool ParseBool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw new FormatException("expected true/false or yes/no"),
    };

    // "Not Ready", "not-ready" and "NOT_READY" all name NotReady.
    private static object ParseEnum(string text, Type type)
    {
        static string Key(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        var key = Key(text);
        var name = Enum.GetNames(type).FirstOrDefault(n => Key(n) == key)
            ?? throw new FormatException($"expected one of {string.Join(", ", Enum.GetNames(type))}");
        return Enum.Parse(type, name);
    }
}
