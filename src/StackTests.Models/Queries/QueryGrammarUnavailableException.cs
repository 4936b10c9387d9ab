namespace StackTests.Models.Queries;

/// <summary>The query grammars cannot run: node or the npm packages of tools/grammars are missing.</summary>
public sealed class QueryGrammarUnavailableException(string message) : Exception(message);
