using System.Diagnostics.CodeAnalysis;
using System.Net.Security;
using System.Security.Cryptography;
using Dps.Client.Steps;
using Dps.Coap;
using Dps.Ocf.Security;
using Dps.Security;

namespace Dps.Client;

// The step runner: attempts, dispatch, exchanges, retries, cloud start (PROTOCOL.md §2, §3).
// Everything here runs on the executor except ExchangeAsync, which posts its outcome back.
public sealed partial class DpsContext
{
    private int _generation;
    private ITimer? _timer;
    private CoapConnection? _connection;
    private CancellationTokenSource _lifetime = new();
    private bool _inFlight;
    private TlsIdentity? _mfgIdentity;

    private async ValueTask StartCoreAsync()
    {
        if (_started)
        {
            return;
        }
        if (_store.Endpoints.IsEmpty)
        {
            Log.NoEndpoint(_logger, _device.Index);
            SetState(default);
            return;
        }
        if (!DpsCredentials.HasManufacturerCertificate(_device.Security.Cred))
        {
            Log.NoManufacturerCertificate(_logger, _device.Index);
            return;
        }
        _started = true;
        _generation++;
        var status = _state.ForceReprovision ? DpsStatus.Initialized : ComputeStartStatus();
        SetState(new DpsStepState(status));
        _retry.Reset(DpsStepMachine.GetNextStep(status));
        if (status.IsProvisioned())
        {
            _store.HasBeenProvisionedSinceReset = true;
        }
        SaveStore();
        Log.Started(_logger, _device.Index, status.ToLogString());
        if (status.IsProvisionedWithCloudStarted())
        {
            ScheduleRenewal(TimeSpan.Zero);
            StartObserver(registered: true, loggedIn: _cloud.IsLoggedIn);
            return;
        }
        if (status.IsProvisioned())
        {
            Log.SkippingToCloud(_logger, _device.Index);
            await StartCloudAsync().ConfigureAwait(false);
            return;
        }
        var delay = _maxStartupDelay > TimeSpan.Zero
            ? TimeSpan.FromTicks((long)(_random.NextDouble() * _maxStartupDelay.Ticks))
            : TimeSpan.Zero;
        if (delay == TimeSpan.Zero)
        {
            await AttemptAsync().ConfigureAwait(false);
        }
        else
        {
            Schedule(delay, AttemptAsync);
        }
    }

    private void StopCore()
    {
        _generation++;
        _timer?.Dispose();
        _timer = null;
        _renewalTimer?.Dispose();
        _renewalTimer = null;
        _renewing = false;
        StopObserver();
        _lifetime.Cancel();
        _lifetime = new CancellationTokenSource();
        CloseConnection();
        _inFlight = false;
        if (_started)
        {
            Log.Stopped(_logger, _device.Index);
        }
        _started = false;
        _mfgIdentity?.Dispose();
        _mfgIdentity = null;
        UpdateSnapshots();
    }

    // plgd's dps_manager_start step 3: each HAS flag requires the previous one.
    private DpsStatus ComputeStartStatus()
    {
        var security = _device.Security;
        var time = _time.IsActive;
        var owned = time && IsOwnedByDps(security);
        var cloud = owned && _cloud.SelectedServer is { Uri.Length: > 0 } && _cloud.HasAccessToken;
        var credentials = cloud && ValidateCredentials();
        var acls = credentials && security.Acl.HasTag(OcfSecurityNames.DpsTag);
        var stored = new DpsStoredState(time, owned, cloud, credentials, acls, _cloud.IsRegistered, _cloud.IsRunning);
        return DpsStepMachine.GetStartStatus(stored, forceReprovision: false);
    }

    private bool IsOwnedByDps(OcfDeviceSecurity security)
    {
        var owner = security.Doxm.DevOwnerUuid;
        return !owner.IsNil
            && owner != security.Doxm.DeviceUuid
            && security.IsOwnedBy(owner)
            && string.Equals(_store.Owner, owner.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private void Schedule(TimeSpan delay, Func<ValueTask> action)
    {
        _timer?.Dispose();
        _timer = null;
        var generation = _generation;
        ITimer? timer = null;
        ValueTask Run()
        {
            if (generation != _generation || (timer is not null && !ReferenceEquals(timer, _timer)))
            {
                return ValueTask.CompletedTask;
            }
            if (timer is not null)
            {
                timer.Dispose();
                _timer = null;
            }
            return action();
        }
        if (delay <= TimeSpan.Zero)
        {
            Post(Run);
            return;
        }
        timer = _timeProvider.CreateTimer(_ => Post(Run), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer = timer;
        timer.Change(delay, Timeout.InfiniteTimeSpan);
        TimerArmed?.Invoke(delay);
    }

    /// <summary>Tests: raised on the executor when a timer (retry or start-up delay) was armed, with its delay.</summary>
    internal event Action<TimeSpan>? TimerArmed;

    private void ScheduleRetry(bool immediately)
    {
        CloseConnection();
        var delay = immediately ? TimeSpan.Zero : _retry.GetFailureDelay();
        Log.RetryScheduled(_logger, _device.Index, delay, _retry.Count);
        Schedule(delay, RetryAsync);
    }

    private async ValueTask RetryAsync()
    {
        SetState(DpsStepMachine.OnRetry(_state));
        var action = DpsStepMachine.GetNextStep(_state.Status);
        if (_retry.Increment(action) && _store.Endpoints.SelectNext())
        {
            Log.EndpointSelected(_logger, _device.Index, _store.Endpoints.Selected!.Uri);
            SaveStore();
        }
        await AttemptAsync().ConfigureAwait(false);
    }

    private async ValueTask AttemptAsync()
    {
        SetState(DpsStepMachine.OnRetry(_state));
        if ((_state.Status & DpsStatus.ProvisionedMask) == DpsStatus.ProvisionedMask)
        {
            await StartCloudAsync().ConfigureAwait(false);
            return;
        }
        if (!EnsureOwned())
        {
            SetState(_state with { Status = _state.Status | DpsStatus.Failure });
            ScheduleRetry(immediately: false);
            return;
        }
        Dispatch(DpsStepMachine.GetNextStep(_state.Status));
    }

    // §2.3: an unowned device owns itself first (owner = its own UUID).
    private bool EnsureOwned()
    {
        var security = _device.Security;
        if (security.Pstat.State is DeviceOnboardingState.Rfpro or DeviceOnboardingState.Rfnop)
        {
            return true;
        }
        try
        {
            var deviceId = security.Doxm.DeviceUuid;
            security.OwnDevice(deviceId, includeWellKnownCore: false);
            _store.Owner = deviceId.ToString();
            SaveStore();
            _device.CloseServerSessions();
            Log.SelfOwned(_logger, _device.Index);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.ApplyFailed(_logger, _device.Index, "self-ownership", ex.Message);
            return false;
        }
    }

    private void Dispatch(DpsStatus step)
    {
        CoapMessage? request = null;
        var endpoint = _store.Endpoints.Selected;
        if (endpoint is null
            || _device.Security.Pstat.State != DeviceOnboardingState.Rfnop
            || !TryBuildRequest(step, out request))
        {
            var failed = DpsStepMachine.OnDispatchFailed(_state, step);
            SetState(failed.State);
            ScheduleRetry(immediately: false);
            return;
        }
        SetState(DpsStepMachine.OnDispatch(_state, step));
        var dedicated = step == DpsStatus.GetTime;
        var connection = dedicated ? null : _connection is { IsConnected: true } current ? current : null;
        SslClientAuthenticationOptions? tls = connection is null ? CreateTlsOptions(dedicated) : null;
        var timeout = _retry.RequestTimeout;
        _inFlight = true;
        Log.RequestSent(_logger, _device.Index, request.Code.ToString(), DpsRequests.GetPath(step), endpoint.Uri, timeout);
        _ = ExchangeAsync(_generation, step, endpoint.Uri, request, timeout, connection, tls, _lifetime.Token);
    }

    private bool TryBuildRequest(DpsStatus step, [NotNullWhen(true)] out CoapMessage? request)
    {
        request = null;
        try
        {
            var deviceId = _device.Security.Doxm.DeviceUuid;
            var path = DpsRequests.GetPath(step);
            request = step switch
            {
                DpsStatus.GetCloud => DpsRequests.Post(path, DpsRequests.EncodeCloudConfigurationBody(deviceId, _cloud.SelectedServer)),
                DpsStatus.GetCredentials => DpsRequests.Post(
                    path,
                    DpsRequests.EncodeCredentialsBody(
                        deviceId,
                        CertificateSigningRequest.CreatePem(_device.KeyPair, Guid.Parse(deviceId.ToString())))),
                _ => DpsRequests.Get(path),
            };
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException or InvalidOperationException)
        {
            Log.RequestFailed(_logger, _device.Index, step.ToLogString(), ex.Message);
            return false;
        }
    }

    // §1.4: mfg certificate as client identity; trust anchors = mfgtrustca + trustca (or the configured
    // ones); fingerprint, then skip-verify when base verification fails. The time session also
    // tolerates validity-period errors (when skip-verify is off). Unlike plgd, a configured fingerprint
    // is honoured on the time session too.
    private SslClientAuthenticationOptions CreateTlsOptions(bool timeSession)
    {
        var cred = _device.Security.Cred;
        _mfgIdentity ??= DpsCredentials.GetManufacturerIdentity(cred);
        var verification = new ServerCertificateVerification
        {
            SkipVerify = _options.SkipVerify,
            IgnoreValidityPeriod = timeSession && !_options.SkipVerify,
        };
        if (_fingerprint is { IsUsable: true } fingerprint)
        {
            verification.Fingerprint = new CertificateFingerprint(fingerprint.Algorithm, fingerprint.Digest.Span);
        }
        foreach (var anchor in _trustAnchors ?? DpsCredentials.GetTrustAnchors(cred))
        {
            verification.TrustAnchors.Add(anchor);
        }
        var settings = new TlsClientSettings
        {
            ClientIdentity = _mfgIdentity,
            ServerVerification = verification,
            RestrictToOcfCloudCipherSuites = true,
            TimeProvider = _timeProvider,
        };
        return settings.ToSslOptions();
    }

    // Off the executor: runs one exchange and posts the outcome back to OnExchangeCompletedAsync.
    private async Task ExchangeAsync(
        int generation,
        DpsStatus step,
        string uri,
        CoapMessage request,
        TimeSpan timeout,
        CoapConnection? connection,
        SslClientAuthenticationOptions? tls,
        CancellationToken cancellationToken)
    {
        var result = await SendAsync(
            DpsRequests.GetPath(step), uri, request, timeout, connection, tls, closeAfter: step == DpsStatus.GetTime, cancellationToken)
            .ConfigureAwait(false);
        if (result is not { } r)
        {
            return;
        }
        if (!Post(() => OnExchangeCompletedAsync(generation, step, r.Outcome, r.Response, r.Created)))
        {
            r.Created?.Dispose();
        }
    }

    // Off the executor: connects when needed (a new connection is returned to the caller unless
    // closeAfter, as for the dedicated time session of §2.4), sends, and classifies the outcome.
    // Null when cancelled (stop).
    private async Task<ExchangeResult?> SendAsync(
        string path,
        string uri,
        CoapMessage request,
        TimeSpan timeout,
        CoapConnection? connection,
        SslClientAuthenticationOptions? tls,
        bool closeAfter,
        CancellationToken cancellationToken)
    {
        await Task.Yield();
        CoapConnection? created = null;
        CoapMessage? response = null;
        DpsResponse outcome;
        try
        {
            if (connection is null)
            {
                var options = new CoapTcpClientOptions
                {
                    Tls = tls,
                    Handler = _device.Handler,
                    TimeProvider = _timeProvider,
                    Logger = _logger,
                    ConnectTimeout = timeout,
                    Connection = new CoapConnectionOptions { AssumePeerMaxMessageSize = DpsContextOptions.AssumedPeerMaxMessageSize },
                };
                created = await CoapTcpClient.ConnectAsync(CoapEndpoint.Parse(uri), options, cancellationToken).ConfigureAwait(false);
                connection = created;
            }
            response = await connection.SendAsync(request, new CoapRequestOptions { Timeout = timeout }, cancellationToken)
                .ConfigureAwait(false);
            outcome = DpsResponse.FromCode(response.Code);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            created?.Dispose();
            return null;
        }
        catch (TimeoutException)
        {
            outcome = DpsResponse.RequestTimeout;
        }
        catch (Exception ex)
        {
            // Loop boundary: connect/handshake failures, closed connections, malformed frames.
            Log.RequestFailed(_logger, _device.Index, path, ex.Message);
            outcome = DpsResponse.ConnectionClosed;
        }
        if (closeAfter && created is not null)
        {
            await CloseQuietlyAsync(created).ConfigureAwait(false);
            created = null;
        }
        return new ExchangeResult(outcome, response, created);
    }

    private readonly record struct ExchangeResult(DpsResponse Outcome, CoapMessage? Response, CoapConnection? Created);

    private async ValueTask OnExchangeCompletedAsync(
        int generation, DpsStatus step, DpsResponse outcome, CoapMessage? response, CoapConnection? created)
    {
        if (generation != _generation || !_inFlight)
        {
            created?.Dispose();
            return;
        }
        _inFlight = false;
        if (created is not null)
        {
            AdoptConnection(created);
        }
        var payload = response?.Payload ?? ReadOnlyMemory<byte>.Empty;
        Log.ResponseReceived(_logger, _device.Index, DpsRequests.GetPath(step), outcome.ToString(), payload.Length);
        DateTimeOffset? serverTime = null;
        if (step == DpsStatus.GetTime)
        {
            if (outcome == DpsResponse.FromCode(CoapCode.Content))
            {
                if (DpsPayloads.TryParseTime(payload, out var time))
                {
                    serverTime = time;
                }
                else
                {
                    outcome = DpsResponse.FromCode(CoapCode.InternalServerError);
                }
            }
        }
        else if (response is not null)
        {
            HandleRedirect(payload);
        }
        var result = DpsStepMachine.OnResponse(_state, step, outcome);
        SetState(result.State);
        if (result.Action == DpsStepAction.Apply)
        {
            var error = await ApplyAsync(step, payload, serverTime).ConfigureAwait(false);
            result = DpsStepMachine.OnApplied(_state, step, error);
            SetState(result.State);
        }
        switch (result.Action)
        {
            case DpsStepAction.NextStep:
                var next = DpsStepMachine.GetNextStep(_state.Status);
                _retry.Reset(next);
                if (next == DpsStatus.Uninitialized)
                {
                    await StartCloudAsync().ConfigureAwait(false);
                }
                else
                {
                    Dispatch(next);
                }
                break;
            case DpsStepAction.RetryAfterDelay:
                ScheduleRetry(immediately: false);
                break;
            case DpsStepAction.RetryImmediately:
                ScheduleRetry(immediately: true);
                break;
            default:
                break;
        }
    }

    // §3.6: a redirecturi in any answer but time's selects the new endpoint and drops the connection.
    private void HandleRedirect(ReadOnlyMemory<byte> payload)
    {
        var redirect = DpsPayloads.GetRedirectUri(payload);
        if (redirect is null)
        {
            return;
        }
        try
        {
            if (_store.Endpoints.ApplyRedirect(redirect) == DpsRedirectResult.Redirected)
            {
                Log.Redirected(_logger, _device.Index, redirect);
                SaveStore();
                CloseConnection();
            }
        }
        catch (ArgumentException ex)
        {
            Log.ApplyFailed(_logger, _device.Index, "redirect", ex.Message);
        }
    }

    // §2.9: close the DPS connection, start (or restart) the cloud manager, CLOUD_STARTED, persist.
    private async ValueTask StartCloudAsync()
    {
        CloseConnection();
        if (!ValidateCredentials())
        {
            SetState(_state with
            {
                Status = _state.Status & ~(DpsStatus.GetCredentials | DpsStatus.HasCredentials | DpsStatus.GetAcls | DpsStatus.HasAcls),
            });
            ScheduleRetry(immediately: false);
            return;
        }
        var generation = _generation;
        try
        {
            if (_cloud.IsRunning)
            {
                await _cloud.RestartAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await _cloud.StartAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CloudStartFailed(_logger, _device.Index, ex);
            SetState(_state with
            {
                Status = _state.Status | DpsStatus.Failure,
                LastError = DpsError.StartCloud,
                ForceReprovision = true,
            });
            ScheduleRetry(immediately: false);
            return;
        }
        if (generation != _generation)
        {
            return;
        }
        _retry.Reset(DpsStatus.Uninitialized);
        SetState(_state with
        {
            Status = (_state.Status | DpsStatus.CloudStarted) & ~DpsStatus.ErrorFlags,
            LastError = DpsError.Ok,
            TransientRetryCount = 0,
        });
        _store.HasBeenProvisionedSinceReset = true;
        SaveStore();
        Log.CloudStarted(_logger, _device.Index);
        ScheduleRenewal(TimeSpan.Zero);
        StartObserver(registered: false, loggedIn: false);
    }

    private void AdoptConnection(CoapConnection connection)
    {
        if (ReferenceEquals(connection, _connection))
        {
            return;
        }
        CloseConnection();
        if (!connection.IsConnected)
        {
            connection.Dispose();
            return;
        }
        _connection = connection;
        var generation = _generation;
        connection.Closed += (_, _) => Post(() =>
        {
            OnConnectionClosed(connection, generation);
            return ValueTask.CompletedTask;
        });
    }

    // §3.3: an unexpected close between requests restarts at the first missing step; a close during a
    // request fails that request, and a pending retry handles an error state.
    private void OnConnectionClosed(CoapConnection connection, int generation)
    {
        if (generation != _generation || !ReferenceEquals(connection, _connection))
        {
            return;
        }
        _connection = null;
        connection.Dispose();
        if (_inFlight || !_started || _state.Status.HasErrorFlag() || _state.Status.IsProvisionedWithCloudStarted()
            || _timer is not null)
        {
            return;
        }
        Log.UnexpectedDisconnect(_logger, _device.Index);
        Schedule(TimeSpan.Zero, AttemptAsync);
    }

    private void CloseConnection()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            _ = CloseQuietlyAsync(connection);
        }
    }

    private static async Task CloseQuietlyAsync(CoapConnection connection)
    {
        try
        {
            await connection.CloseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CoapConnectionException or IOException or ObjectDisposedException or TimeoutException)
        {
            // Closing is best effort.
        }
    }
}
