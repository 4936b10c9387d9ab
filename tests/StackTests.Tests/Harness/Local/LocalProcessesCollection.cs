namespace StackTests.Tests.Harness.Local;

/// <summary>
/// Tests that run real service processes on the compose ports of 127.0.0.N. They run one class at
/// a time, after the parallel tests, since two local stacks cannot hold the same addresses.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalProcessesCollection
{
    public const string Name = "local processes";
}
