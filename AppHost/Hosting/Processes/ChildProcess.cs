using System.Diagnostics;

namespace CircularPlatform.Hosting;

/// <summary>
/// A launched process whose output is read line by line and whose whole tree can be stopped.
/// Output is read by our own loops rather than BeginOutputReadLine because daemons started by a
/// child (epmd, postmaster) inherit its pipes: waiting for end-of-stream would then never finish,
/// while exit detection must not depend on it.
/// </summary>
internal sealed class ChildProcess
{
    private const string SetSid = "/usr/bin/setsid";

    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process)
    {
        _process = process;
        Pid = process.Id;
        Identity = ProcFs.Identify(Pid);
    }

    public int Pid { get; }

    public ProcFs.ProcessIdentity? Identity { get; }

    /// <summary>Completes with the exit code when the process has ended.</summary>
    public Task<int> Exited => _exit.Task;

    public bool HasExited => _exit.Task.IsCompleted;

    /// <summary>Completes when both output streams closed; never, while a daemon holds them.</summary>
    public Task OutputCompleted { get; private set; } = Task.CompletedTask;

    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory,
        IReadOnlyDictionary<string, string?>? environment,
        Action<string, bool>? onLine,
        bool newSession = false)
    {
        var executable = Resolve(fileName, workingDirectory);
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        if (newSession && File.Exists(SetSid))
        {
            // Its own session keeps the terminal's Ctrl+C from reaching the child directly, so the
            // children are stopped by us, in order. setsid execs in place: the pid stays the child's.
            info.FileName = SetSid;
            info.ArgumentList.Add(executable);
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null)
                {
                    info.Environment.Remove(key);
                }
                else
                {
                    info.Environment[key] = value;
                }
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.Start();
        // Children never read stdin; closing it stops tools that prompt from waiting forever.
        process.StandardInput.Close();
        var child = new ChildProcess(process);
        child.OutputCompleted = Task.WhenAll(
            Pump(process.StandardOutput, false, onLine),
            Pump(process.StandardError, true, onLine));
        _ = child.WatchExit();
        return child;
    }

    /// <summary>The full path of a command (relative to the working directory, or looked up on PATH); throws when there is none.</summary>
    public static string Resolve(string fileName, string? workingDirectory = null)
    {
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(fileName, string.IsNullOrEmpty(workingDirectory) ? System.Environment.CurrentDirectory : workingDirectory);
            return File.Exists(path) ? path : throw new FileNotFoundException($"'{path}' does not exist.", path);
        }
        foreach (var directory in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"'{fileName}' was not found on PATH.", fileName);
    }

    /// <summary>
    /// SIGTERM to the process, up to <paramref name="grace"/> for it to end, then SIGKILL to
    /// whatever is left of its tree — including descendants orphaned when their parent died first
    /// (a shell killed while waiting on its child leaves that child behind).
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            return;
        }
        var tree = ProcFs.Descendants(Pid).ToList();
        Posix.Signal(Pid, Posix.SigTerm);
        await Task.WhenAny(Exited, Task.Delay(grace)).ConfigureAwait(false);
        Kill(tree);
        await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
    }

    /// <summary>SIGKILL to the process and all of its descendants.</summary>
    public void Kill() => Kill([]);

    private void Kill(List<ProcFs.ProcessIdentity> knownTree)
    {
        if (!HasExited && (Identity is not { } self || ProcFs.IsAlive(self)))
        {
            knownTree.AddRange(ProcFs.Descendants(Pid));
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Ended meanwhile.
            }
        }
        foreach (var process in knownTree)
        {
            if (ProcFs.IsAlive(process))
            {
                Posix.Signal(process.Pid, Posix.SigKill);
            }
        }
    }

    private async Task WatchExit()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        int code;
        try
        {
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            code = -1;
        }
        _exit.TrySetResult(code);
    }

    private static async Task Pump(StreamReader reader, bool isError, Action<string, bool>? onLine)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                onLine?.Invoke(line, isError);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe closed under us: nothing more to read.
        }
    }
}
