namespace Dps.LoadTest.E2e;

/// <summary>What one start of dps_cloud_server measured; times are milliseconds since the process was started.</summary>
internal sealed class DeviceRun
{
    /// <summary>First arrival of each status line (<c>dps:-Has time</c>, <c>cloud:-Logged In</c>, <c>started</c>).</summary>
    public Dictionary<string, double> Milestones { get; } = new(StringComparer.Ordinal);

    /// <summary>When the service answered the device's first DPS request (its time step); null: none in this run.</summary>
    public double? FirstDpsRequest { get; set; }

    /// <summary>CPU time of the device process when it printed <c>-Logged In</c>.</summary>
    public double? CpuMs { get; set; }

    /// <summary>VmHWM of the device process just before it was stopped.</summary>
    public double? PeakRssMiB { get; set; }

    /// <summary>VmRSS of the device process the idle time after <c>-Logged In</c> (sampled runs only).</summary>
    public double? IdleRssMiB { get; set; }

    /// <summary>Why the run failed; null when it logged in.</summary>
    public string? Failure { get; set; }

    /// <summary>The time of the first line <paramref name="key"/>, or null.</summary>
    public double? At(string key) => Milestones.TryGetValue(key, out var t) ? t : null;

    /// <summary><paramref name="to"/> − <paramref name="from"/> when both were seen.</summary>
    public double? Between(string from, string to) => At(from) is { } a && At(to) is { } b ? b - a : null;
}
