namespace Dps.Client.Tests.Context;

/// <summary>plgd time kept in memory.</summary>
internal sealed class FakeTimeSink : IDpsTimeSink
{
    public DateTimeOffset? LastSyncedTime { get; private set; }

    public int ApplyCount { get; private set; }

    public bool IsActive => LastSyncedTime is not null;

    public DateTimeOffset? GetTime() => LastSyncedTime;

    public void Apply(DateTimeOffset serverTime)
    {
        LastSyncedTime = serverTime;
        ApplyCount++;
    }
}
