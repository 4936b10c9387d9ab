using System.Text.RegularExpressions;
using StackTests.Alloy.Syntax;

namespace StackTests.Tests.Alloy.Corpus;

/// <summary>Our parser against files that Grafana Alloy's own parser accepts or rejects.</summary>
public sealed class AlloyCorpusTests
{
    public static TheoryData<string> ValidFiles => CorpusFolder.FileNames("alloy/valid", "*.alloy");
    public static TheoryData<string> InvalidFiles => CorpusFolder.FileNames("alloy/invalid", "*.alloy");

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void A_file_alloy_accepts_parses_without_error(string fileName)
    {
        var path = CorpusFolder.Require("alloy/valid", fileName);

        var result = AlloyParser.Parse(path, File.ReadAllText(path));

        result.Errors.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void A_file_alloy_rejects_fails_first_on_a_line_marked_ERROR(string fileName)
    {
        var path = CorpusFolder.Require("alloy/invalid", fileName);
        var text = File.ReadAllText(path);
        var markedLines = ErrorMarkers.Read(text).Select(m => m.Position.Line).ToHashSet();
        markedLines.Should().NotBeEmpty("an invalid corpus file carries ERROR markers");

        var result = AlloyParser.Parse(path, text);

        result.Succeeded.Should().BeFalse();
        markedLines.Should().Contain(result.Errors[0].Line, $"the first error was {result.Errors[0]}");
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void A_file_alloy_rejects_gets_exactly_the_marked_errors(string fileName)
    {
        var path = CorpusFolder.Require("alloy/invalid", fileName);
        var text = File.ReadAllText(path);
        var markers = ErrorMarkers.Read(text);

        var errors = AlloyParser.Parse(path, text).Errors;

        var reported = errors.Select(e => $"{e.Line}:{e.Column}").ToList();
        reported.Should().BeEquivalentTo(markers.Select(m => $"{m.Position.Line}:{m.Position.Column}"),
            $"errors reported: {string.Join("; ", errors)}");
        foreach (var error in errors)
        {
            var marker = markers.Single(m => m.Position.Offset == error.Position.Offset);
            Regex.IsMatch(error.Message, marker.MessagePattern).Should().BeTrue($"{error} should match \"{marker.MessagePattern}\"");
        }
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Any_truncation_of_a_valid_file_parses_to_a_result_without_throwing(string fileName)
    {
        var path = CorpusFolder.Require("alloy/valid", fileName);
        var text = File.ReadAllText(path);

        for (var cut = 0; cut < text.Length; cut += Math.Max(1, text.Length / 50))
        {
            var act = () => AlloyParser.Parse(path, text[..cut]);
            act.Should().NotThrow($"cut at offset {cut}");
        }
    }
}
