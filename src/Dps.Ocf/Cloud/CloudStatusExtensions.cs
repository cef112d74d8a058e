namespace Dps.Ocf.Cloud;

/// <summary>Helpers for <see cref="CloudStatus"/>.</summary>
public static class CloudStatusExtensions
{
    /// <summary>The event-like bits, cleared after each status notification.</summary>
    public const CloudStatus EventBits =
        CloudStatus.TokenExpiry | CloudStatus.RefreshedToken | CloudStatus.LoggedOut | CloudStatus.Failure | CloudStatus.Deregistered;

    /// <summary>The status without its event bits.</summary>
    public static CloudStatus WithoutEvents(this CloudStatus status) => status & ~EventBits;
}
