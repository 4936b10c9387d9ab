namespace StackTests.Settings;

/// <summary>One environment variable the suite reads: its name, what it means, and what holds when it is unset.</summary>
public sealed record SettingVariable(string Name, string Meaning, string Default);
