using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CircularPlatform.TestSupport;

/// <summary>
/// Servers started once per test run and shared by its test classes, each class isolated in its
/// own databases: a cluster's start and stop cost far more than a database. Only under
/// <see cref="SharedServersTestFramework"/>, which stops them once every test has run, failed
/// ones included; if the test process dies, the orchestrator that runs them stops them.
/// </summary>
public static class SharedServers
{
    private static readonly Lazy<Task<PostgresCluster>> Postgres = new(StartPostgresAsync);

    /// <summary>Whether this test run stops the shared servers at its end.</summary>
    public static bool Enabled { get; internal set; }

    public static Task<PostgresCluster> PostgresAsync() => Postgres.Value;

    private static async Task<PostgresCluster> StartPostgresAsync()
    {
        var cluster = new PostgresCluster();
        await cluster.StartAsync().ConfigureAwait(false);
        return cluster;
    }

    internal static async Task StopAsync()
    {
        if (Postgres.IsValueCreated)
        {
            // A start that failed has stopped what it had started.
            var started = await Postgres.Value.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default).ConfigureAwait(false);
            if (started is not null)
            {
                await started.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}

/// <summary>
/// xunit's own framework, which stops the <see cref="SharedServers"/> once the assembly's tests
/// have all run. A test assembly opts in with
/// <c>[assembly: TestFramework(SharedServersTestFramework.TypeName, SharedServersTestFramework.AssemblyName)]</c>.
/// </summary>
public sealed class SharedServersTestFramework : XunitTestFramework
{
    public const string TypeName = "CircularPlatform.TestSupport.SharedServersTestFramework";
    public const string AssemblyName = "CircularPlatform.TestSupport";

    public SharedServersTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
    }

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync().ConfigureAwait(false);
        }
    }

    private sealed class AssemblyRunner(
        ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task AfterTestAssemblyStartingAsync()
        {
            SharedServers.Enabled = true;
            await base.AfterTestAssemblyStartingAsync().ConfigureAwait(false);
        }

        // A failure to stop is reported as the assembly's cleanup failure.
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await Aggregator.RunAsync(SharedServers.StopAsync).ConfigureAwait(false);
            await base.BeforeTestAssemblyFinishedAsync().ConfigureAwait(false);
        }
    }
}
