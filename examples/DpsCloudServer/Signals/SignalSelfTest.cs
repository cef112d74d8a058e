namespace DpsCloudServer.Signals;

/// <summary>
/// The hidden <c>--selftest-signals</c> mode: proves the installed binary handles signals as the
/// device will, without certificates or a device stack. Prints <c>ready</c>, waits for SIGHUP,
/// prints <c>reset requested</c>, waits for SIGINT/SIGTERM, prints <c>stop requested</c>.
/// </summary>
internal static class SignalSelfTest
{
    /// <summary>Runs the self-test; returns the exit code.</summary>
    public static async Task<int> RunAsync(SignalListener signals, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(output);
        await WriteLineAsync(output, "ready").ConfigureAwait(false);
        await signals.WaitForResetAsync(cancellationToken).ConfigureAwait(false);
        await WriteLineAsync(output, "reset requested").ConfigureAwait(false);
        await signals.Stopped.WaitAsync(cancellationToken).ConfigureAwait(false);
        await WriteLineAsync(output, "stop requested").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task WriteLineAsync(TextWriter output, string line)
    {
        await output.WriteLineAsync(line).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }
}
