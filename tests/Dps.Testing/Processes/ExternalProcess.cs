using System.Diagnostics;
using System.Text;

namespace Dps.Testing.Processes;

/// <summary>
/// A child process a test starts and always stops: output captured line by line, killed (with its
/// process tree) on dispose.
/// </summary>
public sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];

    private ExternalProcess(Process process) => _process = process;

    /// <summary>Process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything written to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with arguments, capturing output.</summary>
    public static ExternalProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var external = new ExternalProcess(process);
        process.OutputDataReceived += (_, e) => external.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => external.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return external;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource<string>> done = [];
        lock (_gate)
        {
            _output.AppendLine(line);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    done.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var tcs in done)
        {
            tcs.TrySetResult(line);
        }
    }

    /// <summary>Waits for an output line matching <paramref name="match"/> (lines already seen count).</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (string line in _output.ToString().Split('\n'))
            {
                if (match(line.TrimEnd('\r')))
                {
                    return line.TrimEnd('\r');
                }
            }

            _waiters.Add((match, tcs));
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var exited = _process.WaitForExitAsync(cts.Token);
        var first = await Task.WhenAny(tcs.Task, exited, Task.Delay(Timeout.Infinite, cts.Token)).ConfigureAwait(false);
        if (first == tcs.Task)
        {
            return await tcs.Task.ConfigureAwait(false);
        }

        throw new TimeoutException(_process.HasExited
            ? $"Process exited ({_process.ExitCode}) before the expected line. Output:\n{Output}"
            : $"No expected line within {timeout}. Output:\n{Output}");
    }

    /// <summary>Waits for exit and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Process did not exit within {timeout}. Output:\n{Output}");
        }

        // Let the asynchronous output readers drain.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends a POSIX signal (e.g. 1 = SIGHUP, 15 = SIGTERM).</summary>
    public void Signal(int signal)
    {
        if (!_process.HasExited)
        {
            _ = NativeMethods.Kill(_process.Id, signal);
        }
    }

    /// <summary>Kills the process tree if it is still running.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
