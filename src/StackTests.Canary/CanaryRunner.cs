using StackTests.Compose;
using StackTests.Harness;

namespace StackTests.Canary;

/// <summary>Runs the canary: checks the input, starts the stack, measures on it, prints and writes the report.</summary>
public sealed class CanaryRunner(CanaryOptions options, TextWriter output)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
        if (await CanaryInput.ProblemAsync(options, compose, cancellationToken) is { } problem)
        {
            await output.WriteLineAsync($"canary: {problem}");
            return ExitCodes.BadInput;
        }
        var services = options.Signals.SelectMany(SignalProbe.ServicesOf).Distinct().ToList();
        await using var stack = StackFactory.Create(options.Stack, options.Profiles, TestRun.Directory, services);
        if (StackFactory.AutoChosen is { } auto) await output.WriteLineAsync($"canary: {auto.Why}");
        try
        {
            await stack.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Directory.CreateDirectory(options.ReportDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.ReportDirectory, "stack-start-failure.txt"), e.Message + "\n", cancellationToken);
            await output.WriteLineAsync($"canary: the {stack.Provider} stack could not start: {e.Message}");
            return ExitCodes.StackFailed;
        }
        await output.WriteLineAsync($"canary: run {TestRun.Id} on the {stack.Provider} stack ({string.Join(", ", stack.RunningServices)}); " +
                                    $"{options.Rate}/s for {CanaryOptions.Seconds(options.Duration)}, signals {string.Join(", ", options.Signals)}");

        var report = await new CanaryMeasurement(options, output).RunOnAsync(stack, cancellationToken);
        await output.WriteAsync(Report.ConsoleTable(report));
        foreach (var file in Report.Write(report, options.ReportDirectory)) await output.WriteLineAsync($"canary: wrote {file}");
        await output.WriteLineAsync(report.CountsLine());
        return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted
            : report.Passed ? ExitCodes.Passed : ExitCodes.ThresholdCrossed;
    }
}
