using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dps.LoadTest.Common;

namespace Dps.LoadTest.E2e;

/// <summary>Starts dps_cloud_server once, stamps each stdout line on arrival and samples its /proc figures.</summary>
internal sealed class DeviceProcess
{
    private const int SigTerm = 15;

    public required string Executable { get; init; }

    public required string PkiDirectory { get; init; }

    public required string StorageDirectory { get; init; }

    public required string DpsUri { get; init; }

    public required Uri HttpApi { get; init; }

    public required HttpClient Http { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Runs the device until <c>-Logged In</c> (plus <paramref name="idle"/> when given), then stops it with SIGTERM.</summary>
    public async Task<DeviceRun> RunAsync(TimeSpan? idle)
    {
        var run = new DeviceRun();
        var start = new ProcessStartInfo
        {
            FileName = Executable.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : Executable,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(StorageDirectory)!,
        };
        if (Executable.EndsWith(".dll", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(Executable);
        }

        foreach (var argument in new[] { "--pki-dir", PkiDirectory, "--storage-dir", StorageDirectory, "bench-device", DpsUri })
        {
            start.ArgumentList.Add(argument);
        }

        var loggedIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new Queue<string>();
        var wallStart = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the device did not start");
        var pid = process.Id;
        var stdout = Task.Run(async () =>
        {
            var section = "dps";
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                var at = clock.Elapsed.TotalMilliseconds;
                var text = line.Trim();
                string? key = null;
                if (text.StartsWith("DPS Manager Status", StringComparison.Ordinal))
                {
                    section = "dps";
                }
                else if (text.StartsWith("Cloud Manager Status", StringComparison.Ordinal))
                {
                    section = "cloud";
                }
                else if (text.StartsWith("Started device with ID", StringComparison.Ordinal))
                {
                    key = "started";
                }
                else if (text.StartsWith('-'))
                {
                    key = section + ":" + text;
                }

                if (key is not null)
                {
                    lock (run.Milestones)
                    {
                        run.Milestones.TryAdd(key, at);
                    }
                }

                if (key == "cloud:-Logged In")
                {
                    // The CPU figure belongs to the moment of the login, before the idle time.
                    run.CpuMs = ProcessStats.CpuMilliseconds(pid);
                    loggedIn.TrySetResult();
                }
            }
        });
        var stderr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (errors)
                {
                    errors.Enqueue(line);
                    if (errors.Count > 15)
                    {
                        errors.Dequeue();
                    }
                }
            }
        });

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(loggedIn.Task, exited, Task.Delay(Timeout));
        if (first != loggedIn.Task)
        {
            run.Failure = first == exited ? $"exited with {process.ExitCode} before logging in" : $"no -Logged In within {Timeout.TotalSeconds} s";
        }
        else if (idle is { } wait)
        {
            await Task.Delay(wait);
            run.IdleRssMiB = ProcessStats.RssMiB(pid);
        }

        run.PeakRssMiB = ProcessStats.PeakRssMiB(pid);
        ProcessStats.Signal(pid, SigTerm);
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(10))) != exited)
        {
            process.Kill();
            await exited;
        }

        await Task.WhenAll(stdout, stderr);
        if (run.Failure is not null)
        {
            lock (errors)
            {
                Console.Error.WriteLine($"device run failed: {run.Failure}; last stderr lines:\n  " + string.Join("\n  ", errors));
            }
        }

        var answered = await LatestTimeStepAsync();
        if (answered is { } date && date >= wallStart)
        {
            run.FirstDpsRequest = (date - wallStart).TotalMilliseconds;
        }

        return run;
    }

    /// <summary>The latest <c>plgdTime.date</c> of the service's provisioning records (the answer to a time request).</summary>
    private async Task<DateTimeOffset?> LatestTimeStepAsync()
    {
        using var records = await Http.GetFromJsonAsync<JsonDocument>(new Uri(HttpApi, "/api/v1/provisioning-records"));
        DateTimeOffset? latest = null;
        foreach (var record in records!.RootElement.EnumerateArray())
        {
            if (record.TryGetProperty("plgdTime", out var time) && time.ValueKind == JsonValueKind.Object
                && time.TryGetProperty("date", out var date) && date.TryGetDateTimeOffset(out var answered)
                && (latest is null || answered > latest))
            {
                latest = answered;
            }
        }

        return latest;
    }
}
