using StackTests.Config;

var root = RepositoryRoot.Find() ?? Directory.GetCurrentDirectory();
var defaultPath = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(root, "compose"));
return LintCommand.Run(args, Console.Out, Console.Error, defaultPath);
