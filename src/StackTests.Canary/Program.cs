using StackTests.Canary;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(CanaryOptions.Usage);
    return ExitCodes.Passed;
}
CanaryOptions options;
try
{
    options = CanaryOptions.Parse(args);
}
catch (Exception e) when (e is UsageException or StackTests.Settings.SettingsException)
{
    Console.Error.WriteLine($"canary: {e.Message}\n{CanaryOptions.Usage}");
    return ExitCodes.BadInput;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
try
{
    return await new CanaryRunner(options, Console.Out).RunAsync(cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    // Interrupted before anything was measured (while the stack started): what it started is gone.
    Console.Error.WriteLine("canary: interrupted before sending; nothing measured");
    return ExitCodes.Interrupted;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    Console.Error.WriteLine($"canary: {e}");
    return ExitCodes.CanaryError;
}
