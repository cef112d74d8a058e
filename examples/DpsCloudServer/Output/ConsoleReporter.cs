using System.Globalization;
using System.Text;
using Dps.Client;
using Dps.Ocf;
using Dps.Ocf.Cloud;

namespace DpsCloudServer.Output;

/// <summary>
/// Writes what <c>dps_cloud_server</c> prints (PROTOCOL.md §6) in the C app's layout: a blank
/// line, a header, then one <c>\t\t-Flag</c> line per set flag. Each block is written in one piece
/// and flushed, so blocks raised from different threads never interleave.
/// </summary>
internal sealed class ConsoleReporter
{
    private const string FlagIndent = "\t\t";

    private readonly TextWriter _output;
    private readonly Lock _gate = new();

    /// <summary>Creates a reporter writing to <paramref name="output"/> (normally stdout).</summary>
    public ConsoleReporter(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>Prints the <c>DPS Manager Status:</c> block of <paramref name="status"/>.</summary>
    public void ReportDpsStatus(DpsStatus status)
    {
        var text = new StringBuilder("\nDPS Manager Status:\n");
        foreach (var line in status.ToConsoleLines())
        {
            text.Append(FlagIndent).Append(line).Append('\n');
        }
        Write(text.ToString());
    }

    /// <summary>Prints the <c>Cloud Manager Status:</c> block of <paramref name="status"/>.</summary>
    /// <param name="status">The cloud status (with its event bits).</param>
    /// <param name="tokenExpirySeconds">The access token lifetime shown with <c>-Token Expiry</c>, or null when unknown.</param>
    public void ReportCloudStatus(CloudStatus status, long? tokenExpirySeconds)
    {
        var text = new StringBuilder("\nCloud Manager Status:\n");
        foreach (var line in ToConsoleLines(status, tokenExpirySeconds))
        {
            text.Append(FlagIndent).Append(line).Append('\n');
        }
        Write(text.ToString());
    }

    /// <summary>Prints <c>Started device with ID: &lt;uuid&gt;</c>.</summary>
    public void ReportStartedDevice(OcfUuid deviceId) => ReportStartedDevice(deviceId.ToString());

    /// <summary>Prints <c>Started device with ID: &lt;uuid&gt;</c>.</summary>
    public void ReportStartedDevice(string deviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        Write($"Started device with ID: {deviceId}\n");
    }

    /// <summary>Prints <c>Endpoints:</c> and one tab-indented URI per line.</summary>
    public void ReportEndpoints(IEnumerable<string> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var text = new StringBuilder("Endpoints:\n");
        foreach (var endpoint in endpoints)
        {
            text.Append('\t').Append(endpoint).Append('\n');
        }
        Write(text.ToString());
    }

    /// <summary>
    /// The lines under <c>Cloud Manager Status:</c>, in the C app's order: <c>-Registered</c>,
    /// <c>-Token Expiry: n</c>, <c>-Failure</c>, <c>-Logged In</c>, <c>-Logged Out</c>,
    /// <c>-DeRegistered</c>, <c>-Refreshed Token</c>. No line for <see cref="CloudStatus.Initialized"/>.
    /// </summary>
    public static IReadOnlyList<string> ToConsoleLines(CloudStatus status, long? tokenExpirySeconds)
    {
        var lines = new List<string>();
        if ((status & CloudStatus.Registered) != 0)
        {
            lines.Add("-Registered");
        }
        if ((status & CloudStatus.TokenExpiry) != 0)
        {
            lines.Add(tokenExpirySeconds is { } expiry
                ? "-Token Expiry: " + expiry.ToString(CultureInfo.InvariantCulture)
                : "-Token Expiry: ");
        }
        if ((status & CloudStatus.Failure) != 0)
        {
            lines.Add("-Failure");
        }
        if ((status & CloudStatus.LoggedIn) != 0)
        {
            lines.Add("-Logged In");
        }
        if ((status & CloudStatus.LoggedOut) != 0)
        {
            lines.Add("-Logged Out");
        }
        if ((status & CloudStatus.Deregistered) != 0)
        {
            lines.Add("-DeRegistered");
        }
        if ((status & CloudStatus.RefreshedToken) != 0)
        {
            lines.Add("-Refreshed Token");
        }
        return lines;
    }

    private void Write(string text)
    {
        lock (_gate)
        {
            _output.Write(text);
            _output.Flush();
        }
    }
}
