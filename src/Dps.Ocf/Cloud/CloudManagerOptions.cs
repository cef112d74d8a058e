namespace Dps.Ocf.Cloud;

/// <summary>Settings of an <see cref="OcfCloudManager"/> (copied when handed in).</summary>
public sealed class CloudManagerOptions
{
    /// <summary>The device index; the configuration is stored as <c>cloud_&lt;index&gt;</c>.</summary>
    public int DeviceIndex { get; set; }

    /// <summary>
    /// Retry timeouts (PROTOCOL §7.8), default 2, 4, 8, 16, 32, 64 s: attempt <c>c</c> waits
    /// <c>entry/2 + random(entry/2)</c> (not for the first attempt) and times out after <c>entry</c>.
    /// </summary>
    public IReadOnlyList<TimeSpan> RetryTimeouts { get; set; } = CloudRetryPolicy.DefaultTimeouts;

    /// <summary>Keep-alive ping interval after a Pong; default 20 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a Ping waits for its Pong; default 4 s.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Missed pings in a row before the connection is dropped (clec 2); default 6.</summary>
    public int KeepAliveMaxMisses { get; set; } = 6;

    /// <summary>Timeout of publish and deregistration requests; default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>ttl</c> of published links in seconds; 0 = unlimited (default).</summary>
    public int PublishTtl { get; set; }

    /// <summary>
    /// While signed in, the links are published again after this long (iotivity republishes hourly);
    /// default 1 h, <see cref="Timeout.InfiniteTimeSpan"/> never.
    /// </summary>
    public TimeSpan RepublishInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Offer only the OCF "cloud" cipher suites (TLS 1.2, PROTOCOL §1.2) like the C device; default
    /// false (the platform's TLS 1.2/1.3 defaults).
    /// </summary>
    public bool RestrictToOcfCloudCipherSuites { get; set; }

    /// <summary>Send a CSM on the hub connection (the C device sends none); default true.</summary>
    public bool SendCsm { get; set; } = true;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid.</exception>
    public void Validate()
    {
        if (DeviceIndex < 0)
        {
            throw new InvalidOperationException("DeviceIndex must not be negative.");
        }

        if (RetryTimeouts is null || RetryTimeouts.Count == 0)
        {
            throw new InvalidOperationException("RetryTimeouts needs at least one entry.");
        }

        foreach (var timeout in RetryTimeouts)
        {
            if (timeout <= TimeSpan.Zero)
            {
                throw new InvalidOperationException("RetryTimeouts entries must be positive.");
            }
        }

        if (KeepAliveInterval <= TimeSpan.Zero || KeepAliveTimeout <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Keep-alive and request timeouts must be positive.");
        }

        if (KeepAliveMaxMisses < 1)
        {
            throw new InvalidOperationException("KeepAliveMaxMisses must be at least 1.");
        }

        if (RepublishInterval <= TimeSpan.Zero && RepublishInterval != Timeout.InfiniteTimeSpan)
        {
            throw new InvalidOperationException("RepublishInterval must be positive or infinite.");
        }

        if (PublishTtl < 0)
        {
            throw new InvalidOperationException("PublishTtl must not be negative.");
        }
    }

    /// <summary>A copy.</summary>
    public CloudManagerOptions Clone()
    {
        var copy = (CloudManagerOptions)MemberwiseClone();
        copy.RetryTimeouts = [.. RetryTimeouts];
        return copy;
    }
}
