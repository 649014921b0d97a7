namespace CircularPlatform.Hosting;

/// <summary>Any program; it gets an HTTP endpoint only when asked (WithHttpEndpoint).</summary>
public sealed class ExecutableResource : ProcessResource
{
    public ExecutableResource(string name, string command, string workingDirectory, IEnumerable<string> args)
        : base(name)
    {
        Command = command;
        WorkingDirectory = Path.GetFullPath(workingDirectory);
        foreach (var arg in args)
        {
            Args.Add(arg);
        }
    }

    public override string Command { get; }

    public override string WorkingDirectory { get; }
}
