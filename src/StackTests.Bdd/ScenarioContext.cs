namespace StackTests.Bdd;

/// <summary>
/// What a step or hook can know about, and do to, the scenario it runs in. Injected through
/// constructors (and hook parameters) like any per-scenario object.
/// </summary>
public sealed class ScenarioContext
{
    private readonly List<Attachment> _attachments = [];
    private readonly List<string> _evidence = [];

    public ScenarioContext(ScenarioCase scenario, TextWriter output, FeatureContext? feature = null)
    {
        Scenario = scenario;
        Output = output;
        Feature = feature ?? new FeatureContext(scenario.Feature);
    }

    public ScenarioCase Scenario { get; }
    public FeatureContext Feature { get; }
    public string Title => Scenario.Name;

    /// <summary>The scenario's tags without @, including those inherited from feature, rule and examples.</summary>
    public IReadOnlyList<string> Tags => Scenario.Tags;

    /// <summary>Text for the test's output and the report (one log entry per step).</summary>
    public TextWriter Output { get; }

    /// <summary>The first failure of the scenario, for after-hooks; null while all went well.</summary>
    public Exception? Error { get; internal set; }

    /// <summary>The step running now (null in scenario hooks).</summary>
    public ScenarioStep? CurrentStep { get; internal set; }

    public IReadOnlyList<Attachment> Attachments => _attachments;

    /// <summary>Called by the runner to file an attachment under the step or hook running now.</summary>
    internal Action<Attachment>? Attached { get; set; }

    /// <summary>Attaches bytes (a screenshot, a response body) to the report under the running step.</summary>
    public void Attach(string name, string mediaType, byte[] content) => Add(new Attachment(name, mediaType, content, IsText: false));

    /// <summary>Attaches text (a query, a log excerpt) to the report under the running step.</summary>
    public void Attach(string name, string text, string mediaType = "text/plain") =>
        Add(new Attachment(name, mediaType, System.Text.Encoding.UTF8.GetBytes(text), IsText: true));

    /// <summary>
    /// Attaches a measured duration (how long something took to happen) under the running step, as
    /// application/json; the run's summary lists every duration attached.
    /// </summary>
    public void AttachDuration(string name, TimeSpan duration)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { name, seconds = Math.Round(duration.TotalSeconds, 3) });
        Add(new Attachment(name, "application/json", System.Text.Encoding.UTF8.GetBytes(json), IsText: true) { Duration = duration });
    }

    /// <summary>
    /// What the scenario's result rests on, one line each (what the suite asked, and what answered):
    /// shown with the result in the run summary, and attached to the report as "evidence".
    /// </summary>
    public IReadOnlyList<string> Evidence => _evidence;

    /// <summary>Adds lines to the scenario's evidence and attaches them, as text, under the running step or hook.</summary>
    public void AddEvidence(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0) return;
        _evidence.AddRange(lines);
        Attach("evidence", string.Join("\n", lines));
    }

    /// <summary>Ends the scenario as skipped; the reason is reported with it. After-hooks still run.</summary>
    public void Skip(string reason) => throw new ScenarioSkippedException(reason);

    private void Add(Attachment attachment)
    {
        _attachments.Add(attachment);
        Attached?.Invoke(attachment);
    }
}

/// <summary>Something a scenario attached to the report.</summary>
public sealed record Attachment(string Name, string MediaType, byte[] Content, bool IsText)
{
    /// <summary>The duration this attachment reports (see ScenarioContext.AttachDuration), else null.</summary>
    public TimeSpan? Duration { get; init; }


    public string Text => System.Text.Encoding.UTF8.GetString(Content);
}

/// <summary>The feature a scenario belongs to; what BeforeFeature/AfterFeature hooks receive.</summary>
public sealed class FeatureContext(FeatureInfo feature)
{
    public FeatureInfo Feature { get; } = feature;
    public string Title => Feature.Name;
    public string Uri => Feature.Uri;
    public IReadOnlyList<string> Tags => Feature.Tags;
    public string Description => Feature.Description;
}

/// <summary>Thrown to skip the running scenario; never reported as a pass.</summary>
public sealed class ScenarioSkippedException(string reason) : Exception(reason);
