using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gongzhi.Tests.Infrastructure;

/// <summary>
/// The last errors the app logged, with their exceptions: a test that meets an unexpected 500 shows the cause, which the
/// ProblemDetails body (rightly) does not carry.
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    private const int Kept = 50;
    private readonly ConcurrentQueue<string> entries = new();

    public IReadOnlyList<string> Latest(int count) => entries.TakeLast(count).ToList();

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        entries.Enqueue(entry);
        while (entries.Count > Kept && entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Collector(ServerErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {category}: {formatter(state, exception)}\n{exception}");
            }
        }
    }
}
