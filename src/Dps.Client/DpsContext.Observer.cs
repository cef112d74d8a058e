using Dps.Client.Steps;

namespace Dps.Client;

// The cloud status observer (PROTOCOL.md §3.5): after DPS starts the cloud it checks every interval
// that the device registers and logs in; otherwise it rotates cloud servers and finally forces full
// re-provisioning. The rules are DpsCloudObserver's; this runs them on the executor.
public sealed partial class DpsContext
{
    private ITimer? _observerTimer;
    private DpsCloudObserverState? _observer;
    private bool _serverChangedHooked;

    /// <summary>Tests: completes when every work item posted before it has run.</summary>
    internal Task FlushAsync() => InvokeAsync(() => ValueTask.CompletedTask, CancellationToken.None);

    /// <summary>Tests: raised on the executor when the observer's check timer was armed.</summary>
    internal event Action<TimeSpan>? ObserverArmed;

    private void StartObserver(bool registered, bool loggedIn)
    {
        StopObserver();
        if (!_options.CloudObserver.IsEnabled || _cloud.SelectedServer is not { } selected)
        {
            return;
        }
        if (!_serverChangedHooked)
        {
            _cloud.ServerChanged += (_, _) => Post(OnCloudServerChangedAsync);
            _serverChangedHooked = true;
        }
        _observer = DpsCloudObserver.Start(selected.Uri, selected.Id.ToString(), _cloud.Servers.Count) with
        {
            SeenRegistered = registered,
            SeenLoggedIn = registered && loggedIn,
        };
        ArmObserver();
    }

    private void StopObserver()
    {
        _observerTimer?.Dispose();
        _observerTimer = null;
        _observer = null;
    }

    private void ArmObserver()
    {
        _observerTimer?.Dispose();
        var generation = _generation;
        var interval = _options.CloudObserver.Interval;
        _observerTimer = _timeProvider.CreateTimer(
            _ => Post(() => generation == _generation ? CheckCloudAsync() : ValueTask.CompletedTask),
            null,
            interval,
            Timeout.InfiniteTimeSpan);
        ObserverArmed?.Invoke(interval);
    }

    private async ValueTask CheckCloudAsync()
    {
        _observerTimer?.Dispose();
        _observerTimer = null;
        if (_observer is not { } state)
        {
            return;
        }
        var (next, action) = DpsCloudObserver.OnCheck(
            state, _options.CloudObserver.MaxCount, _cloud.IsRunning, _cloud.IsConnected, _cloud.IsRegistered, _cloud.IsLoggedIn);
        _observer = next;
        await RunObserverActionAsync(action).ConfigureAwait(false);
    }

    private async ValueTask OnCloudServerChangedAsync()
    {
        if (_observer is not { } state || _cloud.SelectedServer is not { } selected)
        {
            return;
        }
        var (next, action) = DpsCloudObserver.OnServerChanged(state, selected.Uri, selected.Id.ToString());
        _observer = next;
        if (action != DpsCloudObserverAction.Continue)
        {
            await RunObserverActionAsync(action).ConfigureAwait(false);
        }
    }

    private async ValueTask RunObserverActionAsync(DpsCloudObserverAction action)
    {
        switch (action)
        {
            case DpsCloudObserverAction.Continue:
                ArmObserver();
                break;
            case DpsCloudObserverAction.Finished:
                StopObserver();
                break;
            case DpsCloudObserverAction.SelectNextServer:
                _cloud.SelectNextServer();
                await RunCloudAsync(restart: true).ConfigureAwait(false);
                if (_observer is not null)
                {
                    ArmObserver();
                }
                break;
            case DpsCloudObserverAction.ReprovisionCredentials:
                // Another hub needs other certificates: run only the credentials and ACL steps again.
                StopObserver();
                await RunCloudAsync(restart: false).ConfigureAwait(false);
                _retry.Reset(DpsStatus.GetCredentials);
                SetState(_state with { Status = DpsCloudObserver.ClearCredentialsAndAcls(_state.Status) });
                Schedule(TimeSpan.Zero, AttemptAsync);
                break;
            default:
                StopObserver();
                await FullReprovisionAsync().ConfigureAwait(false);
                break;
        }
    }

    // restart: restart the cloud manager; otherwise stop it.
    private async ValueTask RunCloudAsync(bool restart)
    {
        try
        {
            if (restart)
            {
                await _cloud.RestartAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await _cloud.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CloudStartFailed(_logger, _device.Index, ex);
        }
    }
}
