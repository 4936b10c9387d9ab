using System.Globalization;
using System.Text.RegularExpressions;
using StackTests.Settings;

namespace StackTests.Canary;

/// <summary>The command line, checked before anything starts or is sent; a problem is a UsageException (exit 2).</summary>
public sealed record CanaryOptions
{
    public static IReadOnlyList<string> AllSignals { get; } = ["metrics", "otlp-metrics", "iot", "alerts", "logs", "container-logs", "traces", "tempo-direct-traces"];

    public string Stack { get; init; } = "auto";
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public double Rate { get; init; } = 5;
    public IReadOnlyList<string> Signals { get; init; } = AllSignals;
    public IReadOnlyDictionary<string, TimeSpan> MaxP95 { get; init; } = new Dictionary<string, TimeSpan>();
    public IReadOnlyDictionary<string, long> MaxRss { get; init; } = new Dictionary<string, long>();
    public IReadOnlyList<RestartPlan> Restarts { get; init; } = [];
    /// <summary>--report-dir, else canary/ in the suite's report folder (STACKTESTS_REPORT_DIR, default artifacts/).</summary>
    public string ReportDirectory { get; init; } = Path.Combine("artifacts", "canary");
    public Uri? PushMetrics { get; init; }
    /// <summary>How long to keep querying after the last send for entries still on their way.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Send only, query nothing: the bare emitter, to measure the canary's own overhead.</summary>
    public bool NoVerify { get; init; }
    public IReadOnlyList<string> Profiles { get; init; } = ["core", "iot"];
    /// <summary>A requested signal the stack cannot serve fails the run instead of being skipped.</summary>
    public bool FailOnSkip { get; init; }

    public const string Usage =
        "usage: stacktests-canary [--stack auto|local|testcontainers|compose|external] [--duration 60s] [--rate N/s]\n" +
        "       [--signals metrics,otlp-metrics,iot,alerts,logs,container-logs,traces,tempo-direct-traces] [--max-p95 metrics=10s,...] [--max-rss service=512MiB,...]\n" +
        "       [--restart SERVICE@T] [--drain 60s] [--report-dir DIR (default $STACKTESTS_REPORT_DIR/canary)] [--push-metrics URL] [--no-verify] [--fail-on-skip]";

    /// <param name="settings">the stack, profiles and report folder unless the arguments name them; the process's settings when null</param>
    public static CanaryOptions Parse(IReadOnlyList<string> args, SuiteSettings? settings = null)
    {
        settings ??= SuiteSettings.Current;
        var options = new CanaryOptions
        {
            Stack = settings.Stack,
            Profiles = settings.Profiles,
            FailOnSkip = settings.FailOnSkip,
            ReportDirectory = Path.Combine(settings.ReportDirectory, "canary"),
        };
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (args[i], null);
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value"));
            options = name switch
            {
                "--stack" => options with { Stack = Value() },
                "--duration" => options with { Duration = Positive(name, Value()) },
                "--rate" => options with { Rate = ParseRate(Value()) },
                "--signals" => options with { Signals = ParseSignals(Value()) },
                "--max-p95" => options with { MaxP95 = Merge(options.MaxP95, Pairs(name, Value(), ParseDuration)) },
                "--max-rss" => options with { MaxRss = Merge(options.MaxRss, Pairs(name, Value(), ParseSize)) },
                "--restart" => options with { Restarts = [.. options.Restarts, .. List(Value()).Select(ParseRestart)] },
                "--drain" => options with { Drain = ParseDuration(Value()) },
                "--report-dir" => options with { ReportDirectory = Value() },
                "--push-metrics" => options with { PushMetrics = ParseUrl(Value()) },
                "--no-verify" => options with { NoVerify = true },
                "--fail-on-skip" => options with { FailOnSkip = true },
                _ => throw new UsageException($"unknown option '{args[i]}'"),
            };
        }
        foreach (var key in options.MaxP95.Keys.Where(k => !AllSignals.Contains(k)))
            throw new UsageException($"--max-p95: unknown signal '{key}'; signals are {string.Join(", ", AllSignals)}");
        foreach (var restart in options.Restarts.Where(r => r.At >= options.Duration))
            throw new UsageException($"--restart {restart}: {Seconds(restart.At)} is not within the run's {Seconds(options.Duration)}");
        return options;
    }

    public static TimeSpan ParseDuration(string text)
    {
        var match = Regex.Match(text.Trim(), @"^(\d+(?:\.\d+)?)(ms|s|m|h)$");
        if (!match.Success) throw new UsageException($"'{text}' is not a duration (e.g. 500ms, 20s, 2m, 1h)");
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            _ => TimeSpan.FromHours(value),
        };
    }

    /// <summary>"5", "5/s", "300/m": entries per second.</summary>
    public static double ParseRate(string text)
    {
        var match = Regex.Match(text.Trim(), @"^(\d+(?:\.\d+)?)(?:/(s|m))?$");
        if (!match.Success) throw new UsageException($"--rate: '{text}' is not a rate (e.g. 5/s, 300/m)");
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / (match.Groups[2].Value == "m" ? 60 : 1);
        return value > 0 ? value : throw new UsageException($"--rate: '{text}' must be more than zero");
    }

    /// <summary>"512MiB", "1GiB", "300MB", "1048576": bytes.</summary>
    public static long ParseSize(string text)
    {
        var match = Regex.Match(text.Trim(), @"^(\d+(?:\.\d+)?)(B|KiB|MiB|GiB|KB|MB|GB)?$");
        if (!match.Success) throw new UsageException($"'{text}' is not a size (e.g. 512MiB, 1GiB)");
        var factor = match.Groups[2].Value switch
        {
            "KiB" => 1L << 10, "MiB" => 1L << 20, "GiB" => 1L << 30,
            "KB" => 1000L, "MB" => 1000_000L, "GB" => 1000_000_000L,
            _ => 1L,
        };
        return (long)(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * factor);
    }

    public static RestartPlan ParseRestart(string text) =>
        text.Split('@') is [{ Length: > 0 } service, { Length: > 0 } at]
            ? new RestartPlan(service, ParseDuration(at))
            : throw new UsageException($"--restart: '{text}' is not SERVICE@TIME (e.g. pushgateway@10s)");

    private static IReadOnlyList<string> ParseSignals(string text)
    {
        var signals = List(text);
        if (signals.Count == 0) throw new UsageException("--signals: name at least one signal");
        foreach (var signal in signals.Where(s => !AllSignals.Contains(s)))
            throw new UsageException($"--signals: unknown signal '{signal}'; signals are {string.Join(", ", AllSignals)}");
        return signals.Distinct().ToList();
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url : throw new UsageException($"--push-metrics: '{text}' is not an http(s) URL");

    private static TimeSpan Positive(string name, string text) =>
        ParseDuration(text) is var d && d > TimeSpan.Zero ? d : throw new UsageException($"{name}: '{text}' must be more than zero");

    private static Dictionary<string, T> Pairs<T>(string name, string text, Func<string, T> parse) =>
        List(text).Select(pair => pair.Split('=') is [{ Length: > 0 } key, { Length: > 0 } value]
                ? KeyValuePair.Create(key, parse(value))
                : throw new UsageException($"{name}: '{pair}' is not NAME=VALUE"))
            .ToDictionary();

    private static Dictionary<string, T> Merge<T>(IReadOnlyDictionary<string, T> first, Dictionary<string, T> second) =>
        first.Concat(second).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    private static List<string> List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    internal static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s";
}

/// <summary>Restart a service at a time of the run.</summary>
public sealed record RestartPlan(string Service, TimeSpan At)
{
    public override string ToString() => $"{Service}@{CanaryOptions.Seconds(At)}";
}

/// <summary>Bad input: the run does not start (exit 2).</summary>
public sealed class UsageException(string message) : Exception(message);
