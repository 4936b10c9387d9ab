using StackTests.Lint;
using StackTests.Settings;

string? root;
try { root = RepositoryRoot.Find(); }
catch (SettingsException e)
{
    Console.Error.WriteLine($"stacktests-lint: {e.Message}");
    return 2;
}
// Default: the stack's compose/ folder, named relative to where lint runs when it is below it.
var compose = Path.Combine(root ?? Directory.GetCurrentDirectory(), "compose");
var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), compose);
var defaultPath = relative.StartsWith("..", StringComparison.Ordinal) ? compose : relative;
return LintCommand.Run(args, Console.Out, Console.Error, defaultPath);
