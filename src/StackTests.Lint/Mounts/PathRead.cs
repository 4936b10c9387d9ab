namespace StackTests.Lint.Mounts;

/// <summary>
/// A container path a service's config makes it read, where the config says so, and what happens
/// when the path is not there: an error when the service then fails or does nothing of its job,
/// a warning when it runs but a part of it is idle.
/// </summary>
public sealed record PathRead(string ContainerPath, int Line, int Column, string What, Severity Severity, string Consequence);
