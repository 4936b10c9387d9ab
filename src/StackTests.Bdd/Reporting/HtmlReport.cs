using Cucumber.HtmlFormatter;
using Io.Cucumber.Messages.Types;

namespace StackTests.Bdd.Reporting;

/// <summary>
/// The Cucumber messages of a run as one self-contained HTML page, by Cucumber's own formatter
/// (Cucumber.HtmlFormatter: its page template and React components, the messages embedded as JSON).
/// </summary>
public static class HtmlReport
{
    public static async Task WriteAsync(string path, IEnumerable<Envelope> envelopes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // The writer owns the file stream and closes it in DisposeAsync, which also writes the page's closing half.
        var writer = new MessagesToHtmlWriter(File.Create(path),
            (stream, envelope) => stream.WriteAsync(MessageJson.Serialize(envelope)),
            new HtmlReportSettings { Title = "StackTests" });
        try
        {
            foreach (var envelope in envelopes) await writer.WriteAsync(envelope);
        }
        finally { await writer.DisposeAsync(); }
    }
}
