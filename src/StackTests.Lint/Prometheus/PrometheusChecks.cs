using StackTests.Models;
using StackTests.Lint.Compose;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;
using StackTests.Models.Prometheus;

namespace StackTests.Lint.Prometheus;

/// <summary>
/// Prometheus and Alertmanager files, checked by their own tools (promtool, amtool) and,
/// given compose.yaml, for wiring: scrape targets, alerting target and rule files.
/// </summary>
public static class PrometheusChecks
{
    /// <summary>prometheus.yml. Without a stack only the syntax is checked (rule paths are container paths).</summary>
    public static IReadOnlyList<Finding> CheckConfig(string path, string text, ComposeStack? stack)
    {
        if (!ConfigYaml.TryParse(path, text, out var root, out var syntaxError)) return [syntaxError];

        var findings = new List<Finding>();
        var promtool = ExternalTool.Find("promtool");
        if (promtool.Path is null)
            findings.Add(new Finding(path, 0, 0, Severity.Error, RuleIds.ToolMissing, promtool.MissingMessage));
        else
            findings.AddRange(RunCheckConfig(promtool, path, text, stack));
        if (stack is null) return findings;

        findings.AddRange(CheckRuleFiles(path, root, stack));
        findings.AddRange(CheckScrapeTargets(path, root, stack));
        findings.AddRange(CheckAlerting(path, root, stack));
        return findings;
    }

    /// <summary>The host files the config's rule_files patterns match, through the prometheus service's mounts.</summary>
    public static IReadOnlyList<string> RuleFiles(string configPath, string text, ComposeStack stack)
    {
        try
        {
            return YamlDoc.Parse(text).Seq("rule_files").OfType<YamlScalarNode>()
                .SelectMany(p => Glob(HostPattern(configPath, p.Value ?? "", stack)))
                .Distinct().ToList();
        }
        catch (YamlSyntaxException) { return []; }
    }

    /// <summary>
    /// promtool check config on a copy of the config's folder (rule files relative to it keep
    /// working), with the container paths the prometheus service mounts rewritten to host paths.
    /// </summary>
    private static IReadOnlyList<Finding> RunCheckConfig(ExternalTool promtool, string path, string text, ComposeStack? stack)
    {
        var temp = Directory.CreateTempSubdirectory("stacktests-promtool-");
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            CopyFolder(folder, temp.FullName);
            var copy = Path.Combine(temp.FullName, Path.GetFileName(path));
            var arguments = new List<string> { "check", "config" };
            if (stack is null) arguments.Add("--syntax-only");
            else text = WithHostPaths(text, stack);
            File.WriteAllText(copy, text);
            arguments.Add(copy);
            var (code, output) = promtool.Run(temp.FullName, [.. arguments]);
            return ToolOutput.ToFindings(output, code, path, RuleIds.PrometheusConfig, temp.FullName,
                    new Dictionary<string, string> { [copy] = Path.GetFullPath(path), [temp.FullName] = folder })
                .Select(f => f.Line == 0 && f.Message.Contains("error parsing regexp", StringComparison.Ordinal) && RejectedRegex(text) is { } at
                    ? f with { Line = at.Line(), Column = at.Column() } : f)
                .ToList();
        }
        finally { temp.Delete(recursive: true); }
    }

    /// <summary>
    /// promtool names no line when a relabel regex does not compile ("error parsing regexp"); the
    /// first <c>regex</c> value of the file that RE2 refuses is where it is (Re2Syntax, the same rules).
    /// </summary>
    private static YamlDotNet.RepresentationModel.YamlScalarNode? RejectedRegex(string text)
    {
        if (!ConfigYaml.TryParse("", text, out var root, out _)) return null;
        var pending = new Stack<YamlDotNet.RepresentationModel.YamlNode>([root]);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case YamlDotNet.RepresentationModel.YamlMappingNode map:
                    foreach (var (key, value) in map.Children.Reverse())
                    {
                        if ((key as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value == "regex" && value is YamlDotNet.RepresentationModel.YamlScalarNode regex
                            && Re2Syntax.Problem(regex.Value ?? "") is not null) return regex;
                        pending.Push(value);
                    }
                    break;
                case YamlDotNet.RepresentationModel.YamlSequenceNode seq:
                    foreach (var item in seq.Children.Reverse()) pending.Push(item);
                    break;
            }
        }
        return null;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Rewrites the container paths the prometheus service mounts into the host paths they come from.</summary>
    private static string WithHostPaths(string text, ComposeStack stack)
    {
        if (!stack.HasService("prometheus")) return text;
        foreach (var mount in stack.File.Service("prometheus").Volumes.Where(v => v.IsBind).OrderByDescending(v => v.Target.Length))
            text = text.Replace(mount.Target, stack.HostPath("prometheus", mount.Target), StringComparison.Ordinal);
        return text;
    }

    private static IEnumerable<Finding> CheckRuleFiles(string path, YamlMappingNode root, ComposeStack stack)
    {
        foreach (var pattern in root.Seq("rule_files").OfType<YamlScalarNode>())
        {
            var host = HostPattern(path, pattern.Value ?? "", stack);
            if (host is null)
                yield return new Finding(path, pattern.Line(), pattern.Column(), Severity.Error, RuleIds.PrometheusRuleFiles,
                    $"rule file '{pattern.Value}' is not inside any bind mount of the prometheus service in {Path.GetFileName(stack.Path)}");
            else if (Glob(host).Count == 0)
                yield return new Finding(path, pattern.Line(), pattern.Column(), Severity.Error, RuleIds.PrometheusRuleFiles,
                    $"rule file pattern '{pattern.Value}' matches no file (looked for {host})");
        }
    }

    /// <summary>A rule_files pattern as a host path: relative ones are relative to the config file, absolute ones go through the mounts.</summary>
    private static string? HostPattern(string configPath, string pattern, ComposeStack stack) =>
        Path.IsPathRooted(pattern)
            ? stack.HostPath("prometheus", pattern)
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, pattern));

    private static IEnumerable<Finding> CheckScrapeTargets(string path, YamlMappingNode root, ComposeStack stack)
    {
        foreach (var target in ScrapeConfig.StaticTargets(root))
        {
            var problem = target.Endpoint is { } endpoint
                ? stack.EndpointProblem(target.Service!, endpoint.Port)
                : $"target '{target.Target}' is not host:port";
            if (problem is not null)
                yield return new Finding(path, target.Line, target.Column, Severity.Error, RuleIds.PrometheusScrapeTarget,
                    $"job '{target.Job}' scrapes {target.Target}: {problem}");
        }
    }

    private static IEnumerable<Finding> CheckAlerting(string path, YamlMappingNode root, ComposeStack stack)
    {
        var targets = (root.At("alerting", "alertmanagers") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>()
            .SelectMany(am => am.Seq("static_configs").OfType<YamlMappingNode>())
            .SelectMany(sc => sc.Seq("targets").OfType<YamlScalarNode>()).ToList() ?? [];
        if (targets.Count == 0)
        {
            yield return new Finding(path, 1, 0, Severity.Error, RuleIds.PrometheusAlertingTarget,
                "no alerting.alertmanagers static target: alerts would go nowhere; add alertmanager:9093");
            yield break;
        }
        foreach (var target in targets)
        {
            var endpoint = Endpoint.TryParse(target.Value);
            var problem = endpoint is null ? $"'{target.Value}' is not host:port"
                : endpoint.Host != "alertmanager" ? $"'{target.Value}' is not the alertmanager service"
                : stack.EndpointProblem(endpoint.Host, endpoint.Port);
            if (problem is not null)
                yield return new Finding(path, target.Line(), target.Column(), Severity.Error, RuleIds.PrometheusAlertingTarget,
                    $"alerting target {problem}");
        }
    }

    public static IReadOnlyList<Finding> CheckRules(string path) =>
        RunTool("promtool", path, RuleIds.PrometheusRules, locateQuoted: true, "check", "rules");

    /// <summary>promtool test rules, run in the test file's folder (its rule_files are relative to it).</summary>
    public static IReadOnlyList<Finding> TestRules(string path) =>
        RunTool("promtool", path, RuleIds.PrometheusRuleTests, locateQuoted: false, "test", "rules").Select(f => WithTestLine(f, path)).ToList();

    /// <summary>promtool names the failing alert, not the line: point at the test's first check of that alert.</summary>
    private static Finding WithTestLine(Finding finding, string path)
    {
        if (finding.Line > 0) return finding;
        var alert = System.Text.RegularExpressions.Regex.Match(finding.Message, @"alertname: ?(\w+)");
        if (!alert.Success) return finding with { Line = 1 };
        var lines = File.ReadAllLines(path);
        var index = Array.FindIndex(lines, l => l.Contains($"alertname: {alert.Groups[1].Value}", StringComparison.Ordinal));
        return finding with { Line = index + 1 > 0 ? index + 1 : 1 };
    }

    public static IReadOnlyList<Finding> CheckAlertmanager(string path) =>
        RunTool("amtool", path, RuleIds.AlertmanagerConfig, locateQuoted: true, "check-config");

    private static IReadOnlyList<Finding> RunTool(string toolName, string path, string ruleId, bool locateQuoted, params string[] command)
    {
        var tool = ExternalTool.Find(toolName);
        if (tool.Path is null) return [new Finding(path, 0, 0, Severity.Error, RuleIds.ToolMissing, tool.MissingMessage)];
        var full = Path.GetFullPath(path);
        var (code, output) = tool.Run(Path.GetDirectoryName(full)!, [.. command, Path.GetFileName(full)]);
        return ToolOutput.ToFindings(output, code, path, ruleId, Path.GetDirectoryName(full)!)
            .Select(f => f.Line > 0 || f.Path != path || !locateQuoted ? f : f with { Line = ToolOutput.LineOfQuotedName(f.Message, full) })
            .ToList();
    }

    private static IReadOnlyList<string> Glob(string? hostPattern)
    {
        if (hostPattern is null) return [];
        var folder = Path.GetDirectoryName(hostPattern)!;
        var pattern = Path.GetFileName(hostPattern);
        if (!Directory.Exists(folder)) return [];
        return pattern.IndexOfAny(['*', '?', '[']) < 0
            ? File.Exists(hostPattern) ? [hostPattern] : []
            : Directory.GetFiles(folder, pattern).Order().ToList();
    }
}
