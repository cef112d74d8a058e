using DpsCloudServer.Gpio;
using Microsoft.Extensions.Time.Testing;

namespace Dps.CloudServer.Tests.Gpio;

/// <summary>A status LED that records every write with the fake time it happened at.</summary>
internal sealed class RecordingLed(FakeTimeProvider time) : IStatusLed
{
    private readonly DateTimeOffset _start = time.GetUtcNow();

    public List<(TimeSpan At, bool On)> Writes { get; } = [];

    public bool IsOn => Writes.Count > 0 && Writes[^1].On;

    public void Set(bool on) => Writes.Add((time.GetUtcNow() - _start, on));
}
