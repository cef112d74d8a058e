using Dps.Testing;
using Microsoft.Extensions.Logging;

namespace Dps.Ocf.Tests.Stack;

/// <summary>An <see cref="ILoggerFactory"/> over a <see cref="RecordingLogger"/>.</summary>
internal sealed class RecordingLoggerFactory(RecordingLogger root) : ILoggerFactory
{
    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => root.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
