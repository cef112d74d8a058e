using Dps.Testing;

namespace Dps.Ocf.Tests.Stack;

[CancelAfter(10_000)]
public class ExecutorTests
{
    [Test]
    public async Task Post_ManyItems_RunInOrderOneAtATime(CancellationToken cancellationToken)
    {
        await using var stack = new OcfStack();
        var device = stack.Devices[0];
        var order = new List<int>();
        int running = 0;
        int maxRunning = 0;
        for (int i = 0; i < 200; i++)
        {
            int n = i;
            Assert.That(device.Post(() =>
            {
                maxRunning = Math.Max(maxRunning, Interlocked.Increment(ref running));
                order.Add(n);
                Interlocked.Decrement(ref running);
            }), Is.True);
        }

        await device.InvokeAsync(() => { }, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(order, Is.EqualTo(Enumerable.Range(0, 200)));
            Assert.That(maxRunning, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task InvokeAsync_ParallelCallers_NeverOverlap(CancellationToken cancellationToken)
    {
        await using var stack = new OcfStack();
        var device = stack.Devices[0];
        int running = 0;
        int overlaps = 0;
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 50; i++)
            {
                await device.InvokeAsync(
                    async ct =>
                    {
                        if (Interlocked.Increment(ref running) != 1)
                        {
                            Interlocked.Increment(ref overlaps);
                        }

                        await Task.Yield();
                        Interlocked.Decrement(ref running);
                    },
                    cancellationToken);
            }
        }, cancellationToken));

        await Task.WhenAll(tasks);

        Assert.That(overlaps, Is.Zero);
    }

    [Test]
    public async Task InvokeAsync_FromInsideWorkItem_RunsInline(CancellationToken cancellationToken)
    {
        await using var stack = new OcfStack();
        var device = stack.Devices[0];

        int result = await device.InvokeAsync(() => device.InvokeAsync(() => device.IsOnExecutor ? 1 : 0).Result, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(1));
            Assert.That(device.IsOnExecutor, Is.False);
        });
    }

    [Test]
    public async Task InvokeAsync_WorkThrows_CallerGetsException(CancellationToken cancellationToken)
    {
        await using var stack = new OcfStack();

        Assert.That(
            async () => await stack.Devices[0].InvokeAsync(() => throw new InvalidOperationException("x"), cancellationToken),
            Throws.InvalidOperationException);
        Assert.That(await stack.Devices[0].InvokeAsync(() => 5, cancellationToken), Is.EqualTo(5), "the executor keeps running");
    }

    [Test]
    public async Task ResetDevice_DuringUpdate_WaitsForIt(CancellationToken cancellationToken)
    {
        await using var stack = new OcfStack();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var steps = new List<string>();
        stack.Resetting += (_, e) => steps.Add("resetting " + e.Device.Index);

        var update = stack.Devices[0].InvokeAsync(
            async _ =>
            {
                steps.Add("update start");
                started.SetResult();
                await gate.Task;
                steps.Add("update end");
            },
            cancellationToken);
        await started.Task.WaitAsync(cancellationToken);
        var reset = stack.ResetDeviceAsync(0, cancellationToken);
        bool resetRanEarly = reset.IsCompleted;
        gate.SetResult();
        await Task.WhenAll(update, reset);

        Assert.Multiple(() =>
        {
            Assert.That(resetRanEarly, Is.False);
            Assert.That(steps, Is.EqualTo(new[] { "update start", "update end", "resetting 0" }));
        });
    }

    [Test]
    public async Task ResetDevice_Sequence_EventsHandlersPresetsInOrder(CancellationToken cancellationToken)
    {
        var log = new RecordingLogger();
        await using var stack = new OcfStack(null, null, new RecordingLoggerFactory(log));
        var steps = new List<string>();
        bool onExecutor = true;
        stack.Resetting += (_, _) => steps.Add("resetting");
        stack.AddResetHandler((d, _) =>
        {
            steps.Add("clear security");
            onExecutor &= d.IsOnExecutor;
            return ValueTask.CompletedTask;
        });
        stack.AddResetHandler((_, _) => throw new InvalidOperationException("broken step"));
        stack.FactoryPresets = (d, _) =>
        {
            steps.Add("presets");
            onExecutor &= d.IsOnExecutor;
            d.Name = "dps";
            return ValueTask.CompletedTask;
        };
        stack.ResetCompleted += (_, _) => steps.Add("completed");

        await stack.ResetDeviceAsync(0, cancellationToken);

        Assert.Multiple(() =>
        {
            // The first "presets" is the boot run of the fresh (RFOTM) device, queued when the callback was set.
            Assert.That(steps, Is.EqualTo(new[] { "presets", "resetting", "clear security", "presets", "completed" }));
            Assert.That(onExecutor, Is.True);
            Assert.That(log.WithEventId(3508), Has.Count.EqualTo(1), "the failing step is logged");
        });
    }

    [Test]
    public async Task InvokeAsync_CancelledWhileQueued_ReturnsAndNeverRuns(CancellationToken cancellationToken)
    {
        await using var stack = new OcfStack();
        var device = stack.Devices[0];
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = device.InvokeAsync(async _ => await gate.Task, cancellationToken);
        using var cts = new CancellationTokenSource();
        bool ran = false;

        var queued = device.InvokeAsync(() => ran = true, cts.Token);
        await cts.CancelAsync();

        Assert.That(async () => await queued, Throws.InstanceOf<OperationCanceledException>());
        gate.SetResult();
        await blocker;
        await device.InvokeAsync(() => { }, cancellationToken);
        Assert.That(ran, Is.False);
    }

    [Test]
    public async Task IsOnExecutor_FlowForkedByAWorkItemAfterItEnded_False(CancellationToken cancellationToken)
    {
        await using var stack = new OcfStack();
        var device = stack.Devices[0];
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<bool>? forked = null;
        bool inside = false;

        await device.InvokeAsync(() =>
        {
            inside = device.IsOnExecutor;
            forked = Task.Run(async () =>
            {
                await gate.Task;
                return device.IsOnExecutor;
            });
        }, cancellationToken);
        gate.SetResult();

        Assert.Multiple(async () =>
        {
            Assert.That(inside, Is.True);
            Assert.That(await forked!.WaitAsync(cancellationToken), Is.False, "a forked flow would otherwise run executor work inline, beside the executor");
        });
    }

    [Test]
    public async Task PostPstat_DosReset_AnswersThenRunsTheFactoryReset(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);
        var stack = harness.Stack;
        var device = harness.Device;
        var presets = new System.Collections.Concurrent.ConcurrentQueue<string>();
        stack.FactoryPresets = (d, _) =>
        {
            presets.Enqueue(d.Security.Pstat.State.ToString());
            return ValueTask.CompletedTask;
        };
        await device.InvokeAsync(() => { }, cancellationToken);
        presets.Clear();
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stack.ResetCompleted += (_, _) => completed.TrySetResult();
        var before = device.DeviceId;

        var response = await harness.Peer.SendAsync(
            StackHarness.OcfRequest(Dps.Coap.CoapCode.Post, "/oic/sec/pstat")
                .SetPayload(TestCbor.Encode(TestCbor.Map(("dos", TestCbor.Map(("s", (int)Dps.Ocf.Security.DeviceOnboardingState.Reset))))), Dps.Coap.CoapContentFormat.OcfCbor)
                .Build(),
            null,
            cancellationToken);
        await completed.Task.WaitAsync(cancellationToken);
        var state = await device.InvokeAsync(() => device.Security.Pstat.State, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(Dps.Coap.CoapCode.Changed));
            Assert.That(presets, Is.EqualTo(new[] { "Reset" }), "the presets ran once, during the reset");
            Assert.That(state, Is.EqualTo(Dps.Ocf.Security.DeviceOnboardingState.Rfotm));
            Assert.That(device.DeviceId, Is.Not.EqualTo(before), "a reset makes a new device id");
        });
    }
}
