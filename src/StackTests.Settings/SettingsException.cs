namespace StackTests.Settings;

/// <summary>A setting whose value cannot be used; the message names its variable.</summary>
public sealed class SettingsException(string message) : Exception(message);
