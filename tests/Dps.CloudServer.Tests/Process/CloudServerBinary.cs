using System.Globalization;
using System.Text.RegularExpressions;
using Dps.Testing.Processes;

namespace Dps.CloudServer.Tests.Process;

/// <summary>The built <c>dps_cloud_server</c> (copied next to the tests) and reading its output.</summary>
internal static partial class CloudServerBinary
{
    /// <summary>How long one provisioning step or start may take on a loaded machine.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "dps_cloud_server.dll");

    /// <summary>Starts <c>dotnet dps_cloud_server.dll</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static ExternalProcess Start(string workingDirectory, IEnumerable<string> arguments) =>
        ExternalProcess.Start("dotnet", [DllPath, .. arguments], workingDirectory);

    /// <summary>Runs it to its end; returns the exit code and the output (stdout and stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments)
    {
        await using var process = Start(workingDirectory, arguments);
        var exitCode = await process.WaitForExitAsync(Timeout);
        return (exitCode, process.Output);
    }

    /// <summary>Waits until the <paramref name="count"/>-th line matching <paramref name="match"/> (counting lines already seen).</summary>
    public static Task<string> WaitForNthLineAsync(this ExternalProcess process, Func<string, bool> match, int count, CancellationToken cancellationToken)
    {
        var seen = 0;
        return process.WaitForLineAsync(l => match(l) && ++seen >= count, Timeout, cancellationToken);
    }

    /// <summary>Waits until the <paramref name="count"/>-th status line <paramref name="flag"/> (e.g. <c>-Logged In</c>).</summary>
    public static Task<string> WaitForFlagAsync(this ExternalProcess process, string flag, CancellationToken cancellationToken, int count = 1) =>
        process.WaitForNthLineAsync(l => l.Trim() == flag, count, cancellationToken);

    /// <summary>The lines of the output.</summary>
    public static List<string> Lines(this ExternalProcess process) =>
        process.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>Every <c>Started device with ID:</c> value so far.</summary>
    public static IReadOnlyList<string> DeviceIds(this ExternalProcess process) =>
        process.Lines().Where(l => l.StartsWith(StartedPrefix, StringComparison.Ordinal)).Select(l => l[StartedPrefix.Length..].Trim()).ToList();

    /// <summary>Waits for the <paramref name="count"/>-th <c>Started device with ID:</c> line; returns the id.</summary>
    public static async Task<string> WaitForDeviceIdAsync(this ExternalProcess process, CancellationToken cancellationToken, int count = 1)
    {
        var line = await process.WaitForNthLineAsync(l => l.StartsWith(StartedPrefix, StringComparison.Ordinal), count, cancellationToken);
        return line[StartedPrefix.Length..].Trim();
    }

    /// <summary>The DPS library's <c>retry in … (counter n)</c> log lines: log time, delay and counter.</summary>
    public static IReadOnlyList<(TimeSpan LoggedAt, TimeSpan Delay, int Counter)> Retries(this ExternalProcess process) =>
        process.Lines().Select(l => RetryLine().Match(l)).Where(m => m.Success)
            .Select(m => (
                TimeSpan.ParseExact(m.Groups["at"].Value, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture),
                TimeSpan.Parse(m.Groups["delay"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["counter"].Value, CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>The log times of the DPS library's "status …provisioning time…" lines (each attempt of the time step).</summary>
    public static IReadOnlyList<TimeSpan> TimeStepAttempts(this ExternalProcess process) =>
        process.Lines().Select(l => TimeStepLine().Match(l)).Where(m => m.Success)
            .Select(m => TimeSpan.ParseExact(m.Groups["at"].Value, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture))
            .ToList();

    private const string StartedPrefix = "Started device with ID: ";

    [GeneratedRegex(@"^(?<at>\d\d:\d\d:\d\d\.\d\d\d) .*DPS device 0: retry in (?<delay>[0-9:.]+) \(counter (?<counter>\d+)\)")]
    private static partial Regex RetryLine();

    [GeneratedRegex(@"^(?<at>\d\d:\d\d:\d\d\.\d\d\d) .*DPS device 0: status initialized\|provisioning time \(")]
    private static partial Regex TimeStepLine();
}
