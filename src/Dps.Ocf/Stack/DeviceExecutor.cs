using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Dps.Ocf.Stack;

/// <summary>
/// The device's serialized executor: a single-reader channel of work items run one at a time, in
/// the order they were posted. Work invoked from inside a running item runs inline (no deadlock).
/// Only the running item counts as "on the executor": a flow it forks (a background send, a timer,
/// a connection's read loop) stops counting once the item has finished.
/// </summary>
internal sealed class DeviceExecutor
{
    private static readonly AsyncLocal<Scope?> s_current = new();

    private readonly Channel<Func<ValueTask>> _channel = Channel.CreateUnbounded<Func<ValueTask>>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly ILogger _logger;
    private readonly Task _loop;

    public DeviceExecutor(ILogger logger)
    {
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>True when the caller runs inside one of this executor's work items.</summary>
    public bool IsCurrent => s_current.Value is { Active: true } scope && ReferenceEquals(scope.Executor, this);

    /// <summary>Code after this call in the current async flow no longer counts as running on any executor (for background sends).</summary>
    public static void Leave() => s_current.Value = null;

    /// <summary>Runs <paramref name="work"/> on the executor and returns its result.</summary>
    /// <exception cref="ObjectDisposedException">The executor has stopped.</exception>
    public Task<T> InvokeAsync<T>(Func<CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        if (IsCurrent)
        {
            return work(cancellationToken).AsTask();
        }

        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool posted = _channel.Writer.TryWrite(async () =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                completion.TrySetResult(await work(cancellationToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(ex.CancellationToken);
            }
            catch (Exception ex)
            {
                completion.TrySetException(ex);
            }
        });
        if (!posted)
        {
            throw new ObjectDisposedException(nameof(OcfDevice), "The device's executor has stopped.");
        }

        // A caller that gives up returns at once; the queued item then sees the token and does nothing.
        return cancellationToken.CanBeCanceled ? completion.Task.WaitAsync(cancellationToken) : completion.Task;
    }

    /// <summary>Queues <paramref name="work"/> without waiting; a failure is logged. Returns false when stopped.</summary>
    public bool Post(Func<ValueTask> work) =>
        _channel.Writer.TryWrite(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                StackLog.WorkItemFailed(_logger, ex);
            }
        });

    /// <summary>Refuses new work and waits for the queued work to finish.</summary>
    public async ValueTask StopAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (var item in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var scope = new Scope(this);
            s_current.Value = scope;
            try
            {
                await item().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                StackLog.WorkItemFailed(_logger, ex);
            }
            finally
            {
                scope.Active = false;
                s_current.Value = null;
            }
        }
    }

    /// <summary>One running work item; flows forked from it see <see cref="Active"/> turn false when it ends.</summary>
    private sealed class Scope(DeviceExecutor executor)
    {
        public DeviceExecutor Executor { get; } = executor;

        private volatile bool _active = true;

        public bool Active
        {
            get => _active;
            set => _active = value;
        }
    }
}
