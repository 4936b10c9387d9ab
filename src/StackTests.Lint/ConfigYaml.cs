using StackTests.Models.Documents;
using YamlDotNet.RepresentationModel;

namespace StackTests.Lint;

/// <summary>A config file's YAML, or the yaml-syntax finding that says where it stops parsing.</summary>
public static class ConfigYaml
{
    /// <summary>Parses a config file; on a syntax error gives the yaml-syntax finding instead.</summary>
    public static bool TryParse(string path, string text, out YamlMappingNode root, out Finding syntaxError)
    {
        try
        {
            root = YamlDoc.Parse(text);
            syntaxError = null!;
            return true;
        }
        catch (YamlSyntaxException e)
        {
            root = new YamlMappingNode();
            syntaxError = new Finding(path, e.Line, e.Column, Severity.Error, RuleIds.YamlSyntax, e.Message);
            return false;
        }
    }
}
