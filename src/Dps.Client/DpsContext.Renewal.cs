using Dps.Client.Steps;
using Dps.Coap;

namespace Dps.Client;

// Certificate renewal (PROTOCOL.md §2.10, §3.7): a new CSR to the credentials endpoint before the DPS
// certificates expire, on a fresh DPS connection closed after the answer. Runs on the executor.
public sealed partial class DpsContext
{
    private ITimer? _renewalTimer;
    private bool _renewing;

    /// <summary>Tests: raised on the executor when the renewal timer was armed, with its delay.</summary>
    internal event Action<TimeSpan>? RenewalArmed;

    private void ScheduleRenewal(TimeSpan minimum)
    {
        _renewalTimer?.Dispose();
        _renewalTimer = null;
        if (DpsCredentials.GetEarliestNotAfter(_device.Security.Cred) is not { } notAfter)
        {
            return;
        }
        var now = DpsTime.GetEffectiveTime(_timeProvider.GetUtcNow(), _time.GetTime());
        var delay = DpsCertificateTiming.GetRenewalDelay(notAfter, now, _options.ExpiringLimit, minimum);
        var generation = _generation;
        // Timers reach about 49 days; a longer wait is armed in pieces and recomputed after each.
        var capped = delay > MaxTimerDueTime;
        _renewalTimer = _timeProvider.CreateTimer(
            _ => Post(() =>
            {
                if (generation != _generation)
                {
                    return ValueTask.CompletedTask;
                }
                if (capped)
                {
                    ScheduleRenewal(minimum);
                    return ValueTask.CompletedTask;
                }
                return RenewAsync();
            }),
            null,
            capped ? MaxTimerDueTime : delay > TimeSpan.Zero ? delay : TimeSpan.FromTicks(1),
            Timeout.InfiniteTimeSpan);
        RenewalArmed?.Invoke(delay);
    }

    private static TimeSpan MaxTimerDueTime { get; } = TimeSpan.FromDays(40);

    private ValueTask RenewAsync()
    {
        _renewalTimer?.Dispose();
        _renewalTimer = null;
        var endpoint = _store.Endpoints.Selected;
        if (_renewing || endpoint is null || !_state.Status.IsProvisionedWithCloudStarted())
        {
            return ValueTask.CompletedTask;
        }
        if (!TryBuildRequest(DpsStatus.GetCredentials, out var request))
        {
            return OnRenewalFailedAsync();
        }
        SetState(_state with { Status = _state.Status | DpsStatus.RenewCredentials });
        _renewing = true;
        var timeout = _retry.RequestTimeout;
        Log.RequestSent(_logger, _device.Index, request.Code.ToString(), DpsRequests.CredentialsPath, endpoint.Uri, timeout);
        _ = RenewExchangeAsync(_generation, endpoint.Uri, request, timeout, CreateTlsOptions(timeSession: false), _lifetime.Token);
        return ValueTask.CompletedTask;
    }

    private async Task RenewExchangeAsync(
        int generation, string uri, CoapMessage request, TimeSpan timeout, System.Net.Security.SslClientAuthenticationOptions tls, CancellationToken cancellationToken)
    {
        var result = await SendAsync(DpsRequests.CredentialsPath, uri, request, timeout, null, tls, closeAfter: true, cancellationToken)
            .ConfigureAwait(false);
        if (result is { } r)
        {
            Post(() => OnRenewalCompletedAsync(generation, r.Outcome, r.Response));
        }
    }

    private async ValueTask OnRenewalCompletedAsync(int generation, DpsResponse outcome, CoapMessage? response)
    {
        if (generation != _generation || !_renewing)
        {
            return;
        }
        _renewing = false;
        var payload = response?.Payload ?? ReadOnlyMemory<byte>.Empty;
        Log.ResponseReceived(_logger, _device.Index, DpsRequests.CredentialsPath, outcome.ToString(), payload.Length);
        if (DpsResponseClassifier.Classify(outcome) != DpsResponseOutcome.Success)
        {
            await OnRenewalFailedAsync().ConfigureAwait(false);
            return;
        }
        var error = await ApplyAsync(DpsStatus.GetCredentials, payload, null).ConfigureAwait(false);
        if (error != DpsError.Ok)
        {
            // The answer came but its credentials cannot be used: plgd re-provisions fully.
            await FullReprovisionAsync().ConfigureAwait(false);
            return;
        }
        SetState(_state with { Status = _state.Status & ~DpsStatus.RenewCredentials });
        _retry.Reset(DpsStatus.Uninitialized);
        ScheduleRenewal(TimeSpan.Zero);
    }

    // An error answer or timeout: try again later (at least the retry delay), unless the current
    // credentials are no longer valid, which forces full re-provisioning.
    private async ValueTask OnRenewalFailedAsync()
    {
        SetState(_state with { Status = _state.Status & ~DpsStatus.RenewCredentials });
        if (!ValidateCredentials())
        {
            await FullReprovisionAsync().ConfigureAwait(false);
            return;
        }
        var minimum = _retry.GetFailureDelay();
        if (_retry.Increment(DpsStatus.RenewCredentials) && _store.Endpoints.SelectNext())
        {
            Log.EndpointSelected(_logger, _device.Index, _store.Endpoints.Selected!.Uri);
            SaveStore();
        }
        ScheduleRenewal(minimum);
    }

    // plgd's full re-provisioning: force, stop the cloud manager, restart the DPS manager.
    private async ValueTask FullReprovisionAsync()
    {
        SetState(_state with { ForceReprovision = true });
        try
        {
            await _cloud.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ApplyFailed(_logger, _device.Index, "cloud stop", ex.Message);
        }
        StopCore();
        await StartCoreAsync().ConfigureAwait(false);
    }
}
