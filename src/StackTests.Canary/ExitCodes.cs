namespace StackTests.Canary;

/// <summary>
/// Exit codes: 0 every threshold met, 1 one crossed (or a restart failed, no requested signal was
/// measured, a measured one sent nothing, a skip under --fail-on-skip), 2 bad input (nothing sent),
/// 3 the canary itself failed, 4 no stack.
/// </summary>
public static class ExitCodes
{
    public const int Passed = 0, ThresholdCrossed = 1, BadInput = 2, CanaryError = 3, StackFailed = 4;

    /// <summary>Ctrl-C: the run was cut short; what it measured so far is reported (128 + SIGINT, as shells do).</summary>
    public const int Interrupted = 130;
}
