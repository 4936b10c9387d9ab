namespace StackTests.Harness.Clients;

/// <summary>
/// A W3C/OTLP trace id (16 bytes), kept as 32 lower-case hex characters so that ids compare equal
/// however a component wrote them: hex, hex without leading zeros (Tempo search returns
/// "af7..." for "0af7..."), upper case, or base64 (Tempo's /api/traces JSON).
/// </summary>
public readonly record struct TraceId
{
    private const int Bytes = 16;

    private TraceId(string hex) => Hex = hex;

    /// <summary>32 lower-case hex characters.</summary>
    public string Hex { get; }

    public static TraceId FromBytes(ReadOnlySpan<byte> bytes) => new(OtlpId.ToHex(bytes, Bytes));

    /// <summary>Reads an id written as hex (leading zeros optional, any case) or base64.</summary>
    public static TraceId Parse(string text) => new(OtlpId.Normalize(text, Bytes));

    public static bool TryParse(string? text, out TraceId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        try { id = Parse(text); return true; }
        catch (FormatException) { return false; }
    }

    public override string ToString() => Hex ?? "";
}

/// <summary>Hex/base64 normalisation of OTLP ids (16-byte trace ids, 8-byte span ids).</summary>
public static class OtlpId
{
    /// <summary>A span id (8 bytes) as 16 lower-case hex characters, from hex or base64.</summary>
    public static string NormalizeSpanId(string text) => text.Length == 0 ? "" : Normalize(text, 8);

    /// <summary>
    /// Hex when every character is a hex digit and it fits (shorter means leading zeros were
    /// dropped); base64 otherwise (it then contains '=', '+', '/' or a letter beyond 'f').
    /// </summary>
    public static string Normalize(string text, int bytes)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is > 0 && trimmed.Length <= bytes * 2 && trimmed.All(Uri.IsHexDigit))
            return trimmed.ToLowerInvariant().PadLeft(bytes * 2, '0');
        byte[] decoded;
        try { decoded = Convert.FromBase64String(trimmed); }
        catch (FormatException) { throw new FormatException($"'{text}' is neither a hex nor a base64 id of {bytes} bytes"); }
        return ToHex(decoded, bytes);
    }

    public static string ToHex(ReadOnlySpan<byte> value, int bytes)
    {
        if (value.Length > bytes) throw new FormatException($"an id of {value.Length} bytes is longer than {bytes} bytes");
        return Convert.ToHexStringLower(value).PadLeft(bytes * 2, '0');
    }
}
