namespace StackTests.Lint.Grafana;

/// <summary>A datasource of Grafana's provisioning files, where it is declared.</summary>
public sealed record GrafanaDatasource(string Name, string? Uid, string Type, string? Url, bool IsDefault, string Path, int Line);
