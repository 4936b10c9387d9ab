using System.Text;
using Xunit;

namespace StackTests.Bdd;

/// <summary>A TextWriter onto the current xunit test's output, so steps can log what they see.</summary>
internal sealed class TestOutputWriter : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n') Flush();
        else if (value != '\r') _line.Append(value);
    }

    public override void Flush()
    {
        TestContext.Current.TestOutputHelper?.WriteLine(_line.ToString());
        _line.Clear();
    }
}
