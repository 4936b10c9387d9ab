namespace StackTests.Alloy.Syntax;

/// <summary>Turns character offsets into 1-based line and column.</summary>
public sealed class LineMap
{
    private readonly List<int> _lineStarts = [0];

    public LineMap(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') _lineStarts.Add(i + 1);
    }

    public Position PositionAt(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        if (index < 0) index = ~index - 1;
        return new Position(offset, index + 1, offset - _lineStarts[index] + 1);
    }
}
