using System.Text;
using Microsoft.Extensions.Logging;

namespace CircularPlatform.EndToEnd.Tests;

/// <summary>The AppHost's log lines (what ./run.sh prints), kept for assertions and failure messages.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    private readonly StringBuilder _text = new();

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Append(string category, LogLevel level, string message)
    {
        lock (_text)
        {
            _text.Append(level).Append(": ").Append(category).Append(": ").AppendLine(message);
        }
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Append(category, logLevel, formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception));
            }
        }
    }
}
