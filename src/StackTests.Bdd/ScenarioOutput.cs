using System.Text;

namespace StackTests.Bdd;

/// <summary>A scenario's Output: each line goes to the test output and to the log of the running step.</summary>
internal sealed class ScenarioOutput(TextWriter sink, Action<string> line) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n') EmitLine();
        else if (value != '\r') _line.Append(value);
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "") Write(c);
    }

    public override void Flush()
    {
        if (_line.Length > 0) EmitLine();
    }

    private void EmitLine()
    {
        var text = _line.ToString();
        _line.Clear();
        sink.WriteLine(text);
        line(text);
    }
}
