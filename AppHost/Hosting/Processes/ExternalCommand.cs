using System.Text;

namespace CircularPlatform.Hosting;

internal sealed record CommandResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs a short-lived tool (rabbitmqctl, initdb, psql...) and collects its output.</summary>
internal static class ExternalCommand
{
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var output = new StringBuilder();
        var process = ChildProcess.Start(fileName, arguments, workingDirectory, environment, (line, _) =>
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        });
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        int code;
        try
        {
            code = await process.Exited.WaitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish in time. Output:\n{output}");
        }
        // Bounded: a daemon the tool started may keep the pipes open.
        await Task.WhenAny(process.OutputCompleted, Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None)).ConfigureAwait(false);
        lock (output)
        {
            return new CommandResult(code, output.ToString());
        }
    }
}
