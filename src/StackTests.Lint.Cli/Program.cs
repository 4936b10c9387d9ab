using StackTests.Lint;

// Default: the stack's compose/ folder, named relative to where lint runs when it is below it.
var compose = Path.Combine(RepositoryRoot.Find() ?? Directory.GetCurrentDirectory(), "compose");
var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), compose);
var defaultPath = relative.StartsWith("..", StringComparison.Ordinal) ? compose : relative;
return LintCommand.Run(args, Console.Out, Console.Error, defaultPath);
