using System.Globalization;
using System.Text.RegularExpressions;

namespace StackTests.Bdd;

/// <summary>Durations as people write them in scenarios: "30s", "2m", "1h30m", "500ms", "1.5s", or "00:01:30".</summary>
public static partial class DurationParser
{
    [GeneratedRegex(@"^(?:(?<value>\d+(?:\.\d+)?)(?<unit>ms|d|h|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Units();

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var trimmed = text.Trim().Replace(" ", "");
        var match = Units().Match(trimmed);
        if (match.Success)
        {
            var values = match.Groups["value"].Captures;
            var units = match.Groups["unit"].Captures;
            for (var i = 0; i < values.Count; i++)
            {
                var value = double.Parse(values[i].Value, CultureInfo.InvariantCulture);
                duration += units[i].Value switch
                {
                    "ms" => TimeSpan.FromMilliseconds(value),
                    "s" => TimeSpan.FromSeconds(value),
                    "m" => TimeSpan.FromMinutes(value),
                    "h" => TimeSpan.FromHours(value),
                    _ => TimeSpan.FromDays(value),
                };
            }
            return true;
        }
        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration);
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"\"{text}\" is not a duration; write e.g. 30s, 2m, 1h30m, 500ms");
}
