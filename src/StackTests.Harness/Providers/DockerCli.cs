using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace StackTests.Harness.Providers;

/// <summary>Runs the docker CLI with a time bound; a missing CLI or a failing command says what and why.</summary>
/// <param name="executable">"docker" from PATH, or another program that speaks the same (tests use a fake)</param>
public sealed class DockerCli(string executable = "docker")
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public bool Succeeded => ExitCode == 0;
        public string FirstErrorLine => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
    }

    public async Task<Result> RunAsync(IReadOnlyList<string> arguments, TimeSpan bound, CancellationToken cancellationToken,
        string? workingDirectory = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        var command = Cli.Wrap(executable).WithArguments(arguments).WithValidation(CommandResultValidation.None);
        if (workingDirectory is not null) command = command.WithWorkingDirectory(workingDirectory);
        try
        {
            var result = await command.ExecuteBufferedAsync(timeout.Token);
            return new Result(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (Win32Exception e)
        {
            throw new StackStartException($"the docker CLI cannot be run ({e.Message}): install Docker, or use --stack local");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"'docker {string.Join(' ', arguments)}' did not finish within {bound.TotalSeconds:0}s");
        }
    }
}
