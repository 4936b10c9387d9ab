using StackTests.Lint.Queries;
using StackTests.Models.Queries;

namespace StackTests.Tests.Lint;

/// <summary>One located grammar for all tests; a missing node or npm install fails with its clear message.</summary>
public static class SharedGrammar
{
    private static readonly Lazy<QueryGrammar> Instance = new(() => QueryGrammar.Locate());

    public static QueryGrammar Value => Instance.Value;
}
