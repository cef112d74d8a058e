using Dps.Testing.Processes;

namespace Dps.CloudServer.Tests.Signals;

/// <summary>The built <c>dps_cloud_server</c> binary receiving real signals (hidden <c>--selftest-signals</c>).</summary>
[Category("Integration")]
public class SignalProcessTests
{
    private const int Sighup = 1;
    private const int Sigterm = 15;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    [CancelAfter(60_000)]
    public async Task Binary_SighupThenSigterm_ResetRequestedThenCleanExit(CancellationToken cancellationToken)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "dps_cloud_server.dll");
        Assert.That(File.Exists(dll), Is.True, $"{dll} is built next to the tests");
        await using var process = ExternalProcess.Start("dotnet", [dll, "--selftest-signals"]);

        await process.WaitForLineAsync(l => l == "ready", Timeout, cancellationToken);
        process.Signal(Sighup);
        await process.WaitForLineAsync(l => l == "reset requested", Timeout, cancellationToken);
        var stillRunningAfterSighup = !process.HasExited;
        process.Signal(Sigterm);
        var exitCode = await process.WaitForExitAsync(Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(stillRunningAfterSighup, Is.True, "SIGHUP must not end the process");
            Assert.That(exitCode, Is.Zero, process.Output);
            Assert.That(process.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.Contains(": ", StringComparison.Ordinal)),
                Is.EqualTo(new[] { "ready", "reset requested", "stop requested" }));
        });
    }
}
