using System.Collections;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace StackTests.Settings;

/// <summary>
/// Every setting of the suite, read once: from this process's environment (<see cref="Current"/>),
/// or from given variables (<see cref="From"/>, for tests). Each variable is documented in
/// <see cref="Variables"/>, which README's table of settings matches. A value that cannot be used
/// fails here, naming its variable. Nothing else in the suite reads the environment.
/// </summary>
public sealed partial class SuiteSettings
{
    private static readonly SettingVariable RootVariable = new("STACKTESTS_ROOT",
        "the repository root (compose/, features/, tools/); must be a folder",
        "the nearest folder holding StackTests.sln above the running code, else above the working directory");
    private static readonly SettingVariable FeaturesVariable = new("STACKTESTS_FEATURES",
        "the folder of the feature files", "features/ of the repository root");
    private static readonly SettingVariable TagsVariable = new("STACKTESTS_TAGS",
        "a Cucumber tag expression selecting scenarios (`@metrics and not @slow`)", "every scenario");
    private static readonly SettingVariable DryRunVariable = new("STACKTESTS_DRY_RUN",
        "`1`: bind every step of every scenario (also `@ignore`), run nothing, write no report", "`0`");
    private static readonly SettingVariable FailOnSkipVariable = new("STACKTESTS_FAIL_ON_SKIP",
        "`1`: a skipped scenario counts as failed", "`0`");
    private static readonly SettingVariable ReportVariable = new("STACKTESTS_REPORT_DIR",
        "where every command's reports go: the tiers' (junit, trx, logs), the scenarios' (cucumber.ndjson, cucumber.html, summary.md, stack-start.txt, screenshots), the canary's in canary/ (unless its --report-dir)",
        "artifacts/ beside the features folder");
    private static readonly SettingVariable StackVariable = new("STACKTESTS_STACK",
        "the stack provider: `auto`, `local`, `testcontainers`, `compose` or `external`", "`auto`");
    private static readonly SettingVariable ProfilesVariable = new("STACKTESTS_PROFILES",
        "the compose profiles to run, comma-separated", "`core,iot`");
    private static readonly SettingVariable RunIdVariable = new("STACKTESTS_RUN_ID",
        "this run's id, carried by every signal and resource of the run: lower-case letters, digits, `-` and `_`",
        "`run-<UTC time>-<6 hex digits>`");
    private static readonly SettingVariable RunDirVariable = new("STACKTESTS_RUN_DIR",
        "where a run keeps data, configs and service logs", "`$TMPDIR/stacktests/<run id>` (`/tmp` without TMPDIR)");
    private static readonly SettingVariable LoopbackVariable = new("STACKTESTS_LOOPBACK",
        "the local stack's address block `127.X.Y` (services get 127.X.Y.10 and up); give a second run on one host another",
        "`127.0.0`");
    private static readonly SettingVariable BinDirVariable = new("STACKTESTS_BIN_DIR",
        "the first folder searched for programs (service binaries, promtool, amtool, Chromium)", "none");
    private static readonly SettingVariable PathVariable = new("PATH",
        "searched for programs after STACKTESTS_BIN_DIR and the checkout's .tools/sid/usr/bin, before /usr/bin, /usr/sbin and /sbin",
        "the process's");
    private static readonly SettingVariable ChromiumVariable = new("STACKTESTS_CHROMIUM",
        "the Chromium executable of the dashboard checks", "`chromium`, `chromium-browser` or `google-chrome`, searched like any program");
    private static readonly SettingVariable ImageRegistryVariable = new("STACKTESTS_IMAGE_REGISTRY",
        "a prefix for every image the container providers use (`PREFIX/<reference>`): a registry mirror, or the images CI builds",
        "none: compose's references");
    private static readonly SettingVariable GrammarsVariable = new("STACKTESTS_GRAMMARS_DIR",
        "the query grammars (check-queries.mjs and its npm packages)", "tools/grammars of the repository root");
    private static readonly SettingVariable DockerHostVariable = new("DOCKER_HOST",
        "the Docker engine, as Testcontainers and the docker command read it", "`unix:///var/run/docker.sock`");

    /// <summary>Every variable the suite reads, in the order of README's table.</summary>
    public static IReadOnlyList<SettingVariable> Variables { get; } =
    [
        RootVariable, FeaturesVariable, TagsVariable, DryRunVariable, FailOnSkipVariable, ReportVariable,
        StackVariable, ProfilesVariable, RunIdVariable, RunDirVariable, LoopbackVariable,
        BinDirVariable, PathVariable, ChromiumVariable, ImageRegistryVariable, GrammarsVariable, DockerHostVariable,
        // Named at run time, read through Variable(name): the external stack's (ExternalSettings) and compose's own.
        new("STACKTESTS_SETTINGS", "the external stack's settings file (JSON or YAML); the variables below win over it", "none"),
        new("STACKTESTS_<SERVICE>_URL", "the external stack: base URL of a service's main API (service name upper-case, `-` as `_`)",
            "the settings file's"),
        new("STACKTESTS_<SERVICE>_<PORT>_URL", "the external stack: URL of another named port of the service",
            "the service URL's host with that port"),
        new("STACKTESTS_<SERVICE>_USER / _PASSWORD / _TOKEN", "the external stack: a service's login (Grafana); never printed",
            "the settings file's"),
        new("${NAME}", "a variable compose.yaml names, interpolated into it as docker compose does", "the .env beside compose.yaml"),
    ];

    private static readonly Lazy<SuiteSettings> FromProcess = new(() => new SuiteSettings(ProcessEnvironment()));

    private readonly IReadOnlyDictionary<string, string> _environment;

    /// <summary>The settings of this process, read at first use; a bad value throws the same <see cref="SettingsException"/> at every use.</summary>
    public static SuiteSettings Current => FromProcess.Value;

    /// <summary>The settings these variables give (an absent name is an unset variable).</summary>
    public static SuiteSettings From(IReadOnlyDictionary<string, string> environment) => new(environment);

    private SuiteSettings(IReadOnlyDictionary<string, string> environment)
    {
        _environment = environment;
        Root = ExistingFolder(RootVariable) ?? RepositoryRoot.Search(AppContext.BaseDirectory, Directory.GetCurrentDirectory());
        FeaturesFolder = FullPath(FeaturesVariable) ?? (Root is null ? null : Path.Combine(Root, "features"));
        Tags = Text(TagsVariable) ?? "";
        DryRun = Flag(DryRunVariable);
        FailOnSkip = Flag(FailOnSkipVariable);
        ReportDirectory = FullPath(ReportVariable)
            ?? Path.Combine(FeaturesFolder is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(FeaturesFolder)!, "artifacts");
        Stack = Text(StackVariable) ?? "auto";
        Profiles = Text(ProfilesVariable) is { } profiles ? List(ProfilesVariable, profiles) : ["core", "iot"];
        RunId = Text(RunIdVariable) is { } id ? RunIdOf(id) : $"run-{DateTime.UtcNow:yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        RunDirectory = FullPath(RunDirVariable) ?? Path.Combine(Path.GetTempPath(), "stacktests", RunId);
        Loopback = Text(LoopbackVariable) ?? "127.0.0";
        BinDirectory = FullPath(BinDirVariable);
        SearchPath = (Text(PathVariable) ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        Chromium = FullPath(ChromiumVariable);
        ImageRegistry = Text(ImageRegistryVariable)?.Trim().TrimEnd('/') is { Length: > 0 } prefix ? prefix : null;
        GrammarsFolder = FullPath(GrammarsVariable) ?? (Root is null ? null : Path.Combine(Root, "tools", "grammars"));
        DockerHost = Text(DockerHostVariable);
    }

    /// <summary>The repository root (STACKTESTS_ROOT); null when it is not set and no StackTests.sln was found.</summary>
    public string? Root { get; }

    /// <summary>The features folder (STACKTESTS_FEATURES); null when neither it nor the repository root is known.</summary>
    public string? FeaturesFolder { get; }

    /// <summary>The tag expression selecting scenarios (STACKTESTS_TAGS); empty selects every one.</summary>
    public string Tags { get; }

    /// <summary>Bind every step, run nothing (STACKTESTS_DRY_RUN).</summary>
    public bool DryRun { get; }

    /// <summary>A skipped scenario counts as failed (STACKTESTS_FAIL_ON_SKIP).</summary>
    public bool FailOnSkip { get; }

    /// <summary>Where the scenarios' reports go (STACKTESTS_REPORT_DIR).</summary>
    public string ReportDirectory { get; }

    /// <summary>The stack provider's name (STACKTESTS_STACK), checked by the harness.</summary>
    public string Stack { get; }

    /// <summary>The compose profiles to run (STACKTESTS_PROFILES).</summary>
    public IReadOnlyList<string> Profiles { get; }

    /// <summary>This run's id (STACKTESTS_RUN_ID), generated when unset.</summary>
    public string RunId { get; }

    /// <summary>Where this run keeps service data, copied configs and logs (STACKTESTS_RUN_DIR).</summary>
    public string RunDirectory { get; }

    /// <summary>The local stack's address block (STACKTESTS_LOOPBACK), checked by the local stack.</summary>
    public string Loopback { get; }

    /// <summary>The first folder searched for programs (STACKTESTS_BIN_DIR); null when unset.</summary>
    public string? BinDirectory { get; }

    /// <summary>The folders of PATH, in order.</summary>
    public IReadOnlyList<string> SearchPath { get; }

    /// <summary>The Chromium executable given (STACKTESTS_CHROMIUM); null when unset.</summary>
    public string? Chromium { get; }

    /// <summary>The image prefix of the container providers (STACKTESTS_IMAGE_REGISTRY), without a trailing '/'; null when unset.</summary>
    public string? ImageRegistry { get; }

    /// <summary>The query grammars' folder (STACKTESTS_GRAMMARS_DIR); null when neither it nor the repository root is known.</summary>
    public string? GrammarsFolder { get; }

    /// <summary>DOCKER_HOST; null when unset.</summary>
    public string? DockerHost { get; }

    /// <summary>
    /// A variable as it was when the settings were read, for names known only at run time: compose.yaml's
    /// ${NAME}s and the external stack's STACKTESTS_&lt;SERVICE&gt;_* (an empty value is kept: compose tells it from unset).
    /// </summary>
    public string? Variable(string name) => _environment.GetValueOrDefault(name);

    private static Dictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);

    private string? Text(SettingVariable variable) =>
        _environment.TryGetValue(variable.Name, out var value) && value.Length > 0 ? value : null;

    private string? FullPath(SettingVariable variable) => Text(variable) is { } path ? Path.GetFullPath(path) : null;

    private string? ExistingFolder(SettingVariable variable) =>
        FullPath(variable) is not { } folder ? null
        : Directory.Exists(folder) ? folder
        : throw new SettingsException($"{variable.Name}={Text(variable)}: no such folder");

    private bool Flag(SettingVariable variable) => Text(variable)?.ToLowerInvariant() switch
    {
        null or "0" or "false" or "no" => false,
        "1" or "true" or "yes" => true,
        _ => throw new SettingsException($"{variable.Name}={Text(variable)}: not a yes/no value; use 1, true or yes, or 0, false or no"),
    };

    private static IReadOnlyList<string> List(SettingVariable variable, string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } items
            ? items
            : throw new SettingsException($"{variable.Name}={text}: names nothing; give a comma-separated list");

    // The run id names the compose project stacktests-<run id>, whose name compose restricts to these characters.
    private static string RunIdOf(string id) =>
        RunIdPattern().IsMatch(id)
            ? id
            : throw new SettingsException($"{RunIdVariable.Name}={id}: use lower-case letters, digits, '-' and '_', starting with a letter or digit " +
                                          "(it names the compose project stacktests-<run id>)");

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex RunIdPattern();
}
