using System.Collections.Concurrent;
using System.Globalization;
using Xunit.Abstractions;

namespace CircularPlatform.AppHost.Tests;

/// <summary>
/// Where <see cref="TestSupport.TestOutputLoggerProvider"/> writes the AppHost's log lines, kept for
/// assertions when no test's own output is there to take them (a class fixture's app model).
/// </summary>
public sealed class CapturedOutput : ITestOutputHelper
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Text => string.Join("\n", _lines);

    public void WriteLine(string message) => _lines.Enqueue(message);

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(CultureInfo.InvariantCulture, format, args));
}
