using System.Security.Authentication;
using Dps.Coap;
using Dps.Security;

namespace Dps.Ocf.Cloud;

public sealed partial class OcfCloudManager
{
    private CoapConnection? _connection;
    private string? _connectionServer;
    private int _retryCount;
    private int _refreshRetryCount;
    private bool _published;
    private DateTimeOffset? _refreshAt;
    private readonly Dictionary<string, long> _instances = new(StringComparer.Ordinal);

    private async Task RunLoopAsync(bool delayFirst, CancellationToken stop)
    {
        _inLoop.Value = true;
        bool delay = delayFirst;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var step = DecideStartStep();
                if (step == CloudStep.None)
                {
                    lock (_lock)
                    {
                        CloudLog.Idle(_logger, _config.ProvisioningStatus, _status);
                    }

                    return;
                }

                if (delay)
                {
                    await Task.Delay(CloudRetryPolicy.GetJitteredDelay(_options.RetryTimeouts[0], _random), _time, stop).ConfigureAwait(false);
                }

                var end = await RunSessionAsync(step, stop).ConfigureAwait(false);
                if (end == CloudStep.Stop)
                {
                    return;
                }

                delay = end == CloudStep.Reconnect;
                lock (_lock)
                {
                    ApplyRestartProvisioningStatusLocked();
                }

                Persist();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>One connection's life: steps until a reconnect or stop; the connection is closed at the end.</summary>
    private async Task<CloudStep> RunSessionAsync(CloudStep step, CancellationToken stop)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        lock (_lock)
        {
            _sessionCts = session;
        }

        _retryCount = 0;
        _refreshRetryCount = 0;
        _published = false;
        _refreshAt = null;
        try
        {
            var token = session.Token;
            while (true)
            {
                step = step switch
                {
                    CloudStep.Register => await RegisterAsync(token).ConfigureAwait(false),
                    CloudStep.Login => await LoginAsync(token).ConfigureAwait(false),
                    CloudStep.Refresh => await RefreshAsync(token).ConfigureAwait(false),
                    CloudStep.KeepAlive => await KeepAliveAsync(token).ConfigureAwait(false),
                    _ => step,
                };
                if (step is CloudStep.Reconnect or CloudStep.ReconnectNow or CloudStep.Stop or CloudStep.None)
                {
                    return step == CloudStep.None ? CloudStep.Stop : step;
                }
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // SelectNextServer asked for the new server.
            return CloudStep.ReconnectNow;
        }
#pragma warning disable CA1031 // Loop boundary: logged, then reconnect after a delay.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            CloudLog.LoopFailed(_logger, ex);
            return CloudStep.Reconnect;
        }
        finally
        {
            lock (_lock)
            {
                _sessionCts = null;
            }

            await CloseConnectionAsync().ConfigureAwait(false);
            bool wasLoggedIn;
            lock (_lock)
            {
                wasLoggedIn = (_status & CloudStatus.LoggedIn) != 0;
                _status &= ~CloudStatus.LoggedIn;
            }

            if (wasLoggedIn)
            {
                Persist();
                Notify();
            }
        }
    }

    private CloudStep DecideStartStep()
    {
        lock (_lock)
        {
            if ((_status & CloudStatus.Registered) != 0)
            {
                if (_config.ExpiresIn < 0 && _config.AccessToken.Length > 0)
                {
                    return CloudStep.Login;
                }

                return _config.RefreshToken.Length > 0 ? CloudStep.Refresh : CloudStep.None;
            }

            return _config.ProvisioningStatus is CloudProvisioningStatus.ReadyToRegister or CloudProvisioningStatus.Registering
                && _config.AccessToken.Length > 0
                ? CloudStep.Register
                : CloudStep.None;
        }
    }

    private async Task<CloudStep> RegisterAsync(CancellationToken cancellationToken)
    {
        string uid;
        string authProvider;
        string accessToken;
        lock (_lock)
        {
            uid = _config.Uid;
            authProvider = _config.AuthProvider;
            accessToken = _config.AccessToken;
            _config.ProvisioningStatus = CloudProvisioningStatus.Registering;
        }

        Persist();
        var response = await SendWithRetryAsync(
            "sign-up", () => CloudMessages.SignUp(DeviceIdText, uid, authProvider, accessToken), refresh: false, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return Exhausted(CloudError.ConnectError);
        }

        SignUpAnswer answer = default;
        string reason = string.Empty;
        if (!response.Code.IsSuccess || !CloudMessages.TryParseSignUp(response.Payload, out answer, out reason))
        {
            if (response.Code.IsSuccess)
            {
                CloudLog.InvalidAnswer(_logger, "sign-up", reason);
            }

            CloudLog.StepRejected(_logger, "sign-up", response.Code.ToString(), CloudError.ResponseError);
            lock (_lock)
            {
                _config.ProvisioningStatus = CloudProvisioningStatus.Failed;
                _lastError = CloudError.ResponseError;
                _status |= CloudStatus.Failure;
            }

            Persist();
            Notify();
            return CloudStep.Stop;
        }

        CloudServer? previous = null;
        CloudServer? current = null;
        string server;
        lock (_lock)
        {
            _config.AccessToken = answer.AccessToken;
            _config.RefreshToken = answer.RefreshToken;
            _config.Uid = answer.Uid;
            _config.ExpiresIn = answer.ExpiresIn;
            if (answer.RedirectUri.Length > 0 && !string.Equals(answer.RedirectUri, _config.CiServer, StringComparison.Ordinal))
            {
                previous = new CloudServer(_config.CiServer, _config.Sid);
                current = new CloudServer(answer.RedirectUri, _config.Sid);
                var servers = _config.Servers.Where(s => !string.Equals(s.Uri, previous.Uri, StringComparison.Ordinal)).ToList();
                servers.Insert(0, current);
                _config.Servers = servers;
                _config.CiServer = current.Uri;
            }

            _status |= CloudStatus.Registered;
            if (answer.ExpiresIn > 0)
            {
                _status |= CloudStatus.TokenExpiry;
            }

            _config.ProvisioningStatus = CloudProvisioningStatus.Registered;
            _lastError = CloudError.None;
            server = _config.CiServer;
        }

        Persist();
        CloudLog.Registered(_logger, server, answer.ExpiresIn);
        if (previous is not null && current is not null)
        {
            CloudLog.Redirected(_logger, current.Uri);
            await CloseConnectionAsync().ConfigureAwait(false);
            Raise(ServerChanged, new CloudServerChangedEventArgs(previous, current), "ServerChanged");
        }

        Notify();
        return CloudStep.Login;
    }

    private async Task<CloudStep> LoginAsync(CancellationToken cancellationToken)
    {
        string uid;
        string accessToken;
        lock (_lock)
        {
            uid = _config.Uid;
            accessToken = _config.AccessToken;
        }

        var response = await SendWithRetryAsync(
            "sign-in", () => CloudMessages.Session(uid, DeviceIdText, accessToken, login: true), refresh: false, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return Exhausted(CloudError.ConnectError);
        }

        if (response.Code == CoapCode.Unauthorized)
        {
            CloudLog.StepRejected(_logger, "sign-in", response.Code.ToString(), CloudError.Unauthorized);
            bool canRefresh;
            lock (_lock)
            {
                _config.AccessToken = string.Empty;
                _lastError = CloudError.Unauthorized;
                _status |= CloudStatus.Failure;
                canRefresh = _config.RefreshToken.Length > 0;
            }

            Persist();
            Notify();
            if (canRefresh)
            {
                return CloudStep.Refresh;
            }

            ClearContext(CloudError.Unauthorized);
            return CloudStep.Stop;
        }

        long expiresIn = 0;
        string reason = string.Empty;
        if (!response.Code.IsSuccess || !CloudMessages.TryParseSignIn(response.Payload, out expiresIn, out reason))
        {
            if (response.Code.IsSuccess)
            {
                CloudLog.InvalidAnswer(_logger, "sign-in", reason);
            }

            CloudLog.StepRejected(_logger, "sign-in", response.Code.ToString(), CloudError.ResponseError);
            lock (_lock)
            {
                _lastError = CloudError.ResponseError;
                _status |= CloudStatus.Failure;
            }

            Notify();
            return CloudStep.Reconnect;
        }

        string server;
        lock (_lock)
        {
            _config.ExpiresIn = expiresIn;
            _status |= CloudStatus.LoggedIn;
            if (expiresIn > 0)
            {
                _status |= CloudStatus.TokenExpiry;
            }

            _lastError = CloudError.None;
            server = _config.CiServer;
        }

        Persist();
        CloudLog.LoggedIn(_logger, server, expiresIn);
        Notify();
        if (!_published)
        {
            _published = true;
            await PublishAsync(cancellationToken).ConfigureAwait(false);
        }

        if (expiresIn > 0)
        {
            var delay = CloudRetryPolicy.GetRefreshDelay(TimeSpan.FromSeconds(expiresIn));
            _refreshAt = _time.GetUtcNow() + delay;
            CloudLog.RefreshScheduled(_logger, delay);
        }
        else
        {
            _refreshAt = null;
        }

        return CloudStep.KeepAlive;
    }

    private async Task<CloudStep> RefreshAsync(CancellationToken cancellationToken)
    {
        string uid;
        string authProvider;
        string refreshToken;
        lock (_lock)
        {
            uid = _config.Uid;
            authProvider = _config.AuthProvider;
            refreshToken = _config.RefreshToken;
        }

        var response = await SendWithRetryAsync(
            "token refresh", () => CloudMessages.Refresh(uid, DeviceIdText, authProvider, refreshToken), refresh: true, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return Exhausted(CloudError.RefreshTokenError);
        }

        if (response.Code == CoapCode.Unauthorized)
        {
            CloudLog.StepRejected(_logger, "token refresh", response.Code.ToString(), CloudError.Unauthorized);
            ClearContext(CloudError.Unauthorized);
            return CloudStep.Stop;
        }

        RefreshAnswer answer = default;
        string reason = string.Empty;
        if (!response.Code.IsSuccess || !CloudMessages.TryParseRefresh(response.Payload, out answer, out reason))
        {
            if (response.Code.IsSuccess)
            {
                CloudLog.InvalidAnswer(_logger, "token refresh", reason);
            }

            CloudLog.StepRejected(_logger, "token refresh", response.Code.ToString(), CloudError.RefreshTokenError);
            lock (_lock)
            {
                _config.ProvisioningStatus = CloudProvisioningStatus.Failed;
                _lastError = CloudError.RefreshTokenError;
                _status = (_status & ~(CloudStatus.Registered | CloudStatus.LoggedIn)) | CloudStatus.Failure;
            }

            Persist();
            Notify();
            return CloudStep.Stop;
        }

        lock (_lock)
        {
            _config.AccessToken = answer.AccessToken;
            _config.RefreshToken = answer.RefreshToken;
            _config.ExpiresIn = answer.ExpiresIn;
            _status |= CloudStatus.RefreshedToken;
        }

        Persist();
        CloudLog.Refreshed(_logger, answer.ExpiresIn);
        Notify();
        return CloudStep.Login;
    }

    /// <summary>Logged in: pings every interval (faster after a miss) until the refresh is due or the connection ends.</summary>
    private async Task<CloudStep> KeepAliveAsync(CancellationToken cancellationToken)
    {
        var connection = Volatile.Read(ref _connection);
        if (connection is not { IsConnected: true })
        {
            CloudLog.ConnectionLost(_logger, "not connected");
            return CloudStep.Reconnect;
        }

        int misses = 0;
        var nextPing = _time.GetUtcNow() + _options.KeepAliveInterval;
        DateTimeOffset? nextPublish = _options.RepublishInterval == Timeout.InfiniteTimeSpan ? null : _time.GetUtcNow() + _options.RepublishInterval;
        while (true)
        {
            var due = _refreshAt is { } refreshAt && refreshAt < nextPing ? refreshAt : nextPing;
            if (nextPublish is { } publishAt && publishAt < due)
            {
                due = publishAt;
            }

            var wait = due - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                using var waitCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(wait, _time, waitCts.Token);
                var first = await Task.WhenAny(delay, connection.Completion).ConfigureAwait(false);
                if (first != delay)
                {
                    await waitCts.CancelAsync().ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    CloudLog.ConnectionLost(_logger, connection.CloseReason?.Message ?? "closed");
                    return CloudStep.Reconnect;
                }

                await delay.ConfigureAwait(false);
            }

            if (_refreshAt is { } refresh && _time.GetUtcNow() >= refresh)
            {
                _refreshAt = null;
                return CloudStep.Refresh;
            }

            if (nextPublish is { } republish && _time.GetUtcNow() >= republish)
            {
                // iotivity's hourly republish keeps the links (and their ttl) alive on the hub.
                await PublishAsync(cancellationToken).ConfigureAwait(false);
                nextPublish = _time.GetUtcNow() + _options.RepublishInterval;
                if (_time.GetUtcNow() < nextPing)
                {
                    continue;
                }
            }

            try
            {
                await connection.PingAsync(_options.KeepAliveTimeout, cancellationToken).ConfigureAwait(false);
                misses = 0;
                CloudLog.PingAnswered(_logger);
                nextPing = _time.GetUtcNow() + _options.KeepAliveInterval;
            }
            catch (TimeoutException)
            {
                misses++;
                CloudLog.PingMissed(_logger, misses, _options.KeepAliveMaxMisses);
                if (misses >= _options.KeepAliveMaxMisses)
                {
                    lock (_lock)
                    {
                        _lastError = CloudError.ConnectError;
                    }

                    CloudLog.ConnectionLost(_logger, "keep-alive pings unanswered");
                    return CloudStep.Reconnect;
                }

                nextPing = _time.GetUtcNow() + CloudRetryPolicy.GetPingDelayAfterMiss(_options.KeepAliveTimeout);
            }
            catch (CoapConnectionException ex)
            {
                CloudLog.ConnectionLost(_logger, ex.Message);
                return CloudStep.Reconnect;
            }
        }
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        if (_publishSource is null)
        {
            return;
        }

        var links = _publishSource.GetLinks();
        if (links.Count == 0)
        {
            return;
        }

        var instances = new long[links.Count];
        lock (_lock)
        {
            for (int i = 0; i < links.Count; i++)
            {
                if (!_instances.TryGetValue(links[i].Href, out instances[i]))
                {
                    instances[i] = _random.NextInt64(1, 1L << 32);
                    _instances[links[i].Href] = instances[i];
                }
            }
        }

        var connection = Volatile.Read(ref _connection);
        if (connection is not { IsConnected: true })
        {
            CloudLog.PublishFailed(_logger, "not connected");
            return;
        }

        var request = CloudMessages.Publish(DeviceIdText, _publishSource.DeviceName, _options.PublishTtl, links, instances);
        try
        {
            var response = await connection.SendAsync(request, new CoapRequestOptions { Timeout = _options.RequestTimeout }, cancellationToken).ConfigureAwait(false);
            if (!response.Code.IsSuccess)
            {
                CloudLog.PublishFailed(_logger, response.Code.ToString());
                return;
            }

            lock (_lock)
            {
                foreach (var (href, ins) in CloudMessages.ParsePublishInstances(response.Payload))
                {
                    if (_instances.ContainsKey(href))
                    {
                        _instances[href] = ins;
                    }
                }
            }

            CloudLog.Published(_logger, links.Count);
        }
        catch (Exception ex) when (ex is TimeoutException or CoapConnectionException)
        {
            CloudLog.PublishFailed(_logger, ex.Message);
        }
    }

    /// <summary>
    /// Sends a request with the retry schedule: connection-class outcomes (timeout, connection
    /// failure, 5.03, 5.04) are retried; any other answer is returned. Null when retries ran out.
    /// </summary>
    private async Task<CoapMessage?> SendWithRetryAsync(string step, Func<CoapMessage> build, bool refresh, CancellationToken cancellationToken)
    {
        while (true)
        {
            int attempt = refresh ? _refreshRetryCount : _retryCount;
            if (!CloudRetryPolicy.TryGetAttempt(_options.RetryTimeouts, attempt, _random, out var delay, out var timeout))
            {
                CloudLog.RetriesExhausted(_logger, step);
                SetRetryCount(refresh, 0);
                return null;
            }

            CloudLog.Attempt(_logger, step, attempt, delay, timeout);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }

            string reason;
            try
            {
                var connection = await EnsureConnectedAsync(timeout, cancellationToken).ConfigureAwait(false);
                var response = await connection.SendAsync(build(), new CoapRequestOptions { Timeout = timeout }, cancellationToken).ConfigureAwait(false);
                if (!IsConnectionClass(response.Code))
                {
                    SetRetryCount(refresh, 0);
                    return response;
                }

                reason = response.Code.ToString();
            }
            catch (TimeoutException ex)
            {
                reason = ex.Message;
            }
            catch (CoapConnectionException ex)
            {
                reason = ex.Message;
            }

            CloudLog.AttemptFailed(_logger, step, attempt, reason);
            lock (_lock)
            {
                _lastError = CloudError.ConnectError;
            }

            SetRetryCount(refresh, attempt + 1);
        }
    }

    private void SetRetryCount(bool refresh, int value)
    {
        if (refresh)
        {
            _refreshRetryCount = value;
        }
        else
        {
            _retryCount = value;
        }
    }

    /// <summary>Retries ran out: clec, FAILURE, next server, reconnect at once.</summary>
    private CloudStep Exhausted(CloudError error)
    {
        lock (_lock)
        {
            _lastError = error;
            _status |= CloudStatus.Failure;
        }

        SelectNextServerCore();
        Persist();
        Notify();
        return CloudStep.ReconnectNow;
    }

    /// <summary>iotivity's "cloud context cleared": defaults, cps failed, clec kept for diagnosis; the manager idles.</summary>
    private void ClearContext(CloudError error)
    {
        lock (_lock)
        {
            _config.Reset();
            _config.ProvisioningStatus = CloudProvisioningStatus.Failed;
            _status = CloudStatus.Failure;
            _lastError = error;
        }

        CloudLog.ContextCleared(_logger, error);
        Persist();
        Notify();
    }

    private async Task<CoapConnection> EnsureConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        string server;
        lock (_lock)
        {
            server = _config.CiServer;
        }

        var existing = Volatile.Read(ref _connection);
        if (existing is { IsConnected: true } && string.Equals(_connectionServer, server, StringComparison.Ordinal))
        {
            return existing;
        }

        await CloseConnectionAsync().ConfigureAwait(false);
        if (!CoapEndpoint.TryParse(server, out var endpoint, out string? error) || endpoint is null)
        {
            throw new CoapConnectionException("The cloud server URI is invalid: " + error);
        }

        var client = new CoapTcpClientOptions
        {
            ConnectTimeout = timeout,
            Handler = _handler,
            TimeProvider = _time,
            Logger = _logger,
            Connection = new CoapConnectionOptions { SendCsm = _options.SendCsm, AssumePeerMaxMessageSize = 256 * 1024 },
        };
        if (endpoint.IsSecure)
        {
            var tls = new TlsClientSettings
            {
                ClientIdentity = Identity,
                TimeProvider = _time,
                RestrictToOcfCloudCipherSuites = _options.RestrictToOcfCloudCipherSuites,
            };
            if (_options.RestrictToOcfCloudCipherSuites)
            {
                tls.EnabledProtocols = SslProtocols.Tls12;
            }

            foreach (var anchor in TrustAnchors)
            {
                tls.ServerVerification.TrustAnchors.Add(anchor);
            }

            client.Tls = tls.ToSslOptions();
        }

        CloudLog.Connecting(_logger, server);
        var connection = await CoapTcpClient.ConnectAsync(endpoint, client, cancellationToken).ConfigureAwait(false);
        _connectionServer = server;
        Volatile.Write(ref _connection, connection);
        CloudLog.Connected(_logger, server);
        return connection;
    }

    private async Task CloseConnectionAsync()
    {
        var connection = Interlocked.Exchange(ref _connection, null);
        _connectionServer = null;
        if (connection is not null)
        {
            await connection.CloseAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
