using System.Runtime.CompilerServices;
using Dps.Coap;
using Dps.Security;
using Dps.Service.Payloads;
using Dps.Service.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Service.Provisioning;

/// <summary>
/// Serves the DPS connections (PROTOCOL §1.3, §1.6, §1.7, §8.4): builds the session from the
/// manufacturer certificate, writes the record, asks the device for its local endpoints before
/// its first request (tolerating any answer, bounded by <see cref="ProbeTimeout"/>), dispatches to
/// <see cref="DpsRequestHandler"/>, closes ~1 s after an error answer and after
/// <see cref="InactivityTimeout"/> without a request.
/// </summary>
internal sealed class DpsEndpoint : ICoapHandler
{
    /// <summary>Key of the <see cref="DpsSession"/> in <see cref="CoapConnection.Items"/>.</summary>
    public const string SessionItem = "dps.session";

    private readonly DpsRequestHandler _handler;
    private readonly DeviceAuthenticator _authenticator;
    private readonly ProvisioningRecordStore _records;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConditionalWeakTable<CoapConnection, ConnectionState> _states = new();

    /// <summary>Creates the endpoint.</summary>
    public DpsEndpoint(DpsRequestHandler handler, DeviceAuthenticator authenticator, ProvisioningRecordStore records, TimeProvider timeProvider, ILogger? logger = null)
    {
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _authenticator = authenticator ?? throw new ArgumentNullException(nameof(authenticator));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>How long the device may take to answer the <c>/oic/res</c> probe. Default 2 s.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A connection without a request for this long is closed (<c>inactivityMonitor.timeout</c>). Default 20 s.</summary>
    public TimeSpan InactivityTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Wait between an error answer and the close. Default 1 s.</summary>
    public TimeSpan CloseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>For <see cref="CoapListenerOptions.OnConnected"/>: sets the session up and starts the inactivity monitor.</summary>
    public async Task OnConnectedAsync(CoapConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var state = GetState(connection);
        await state.Record.Value.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<CoapMessage> HandleAsync(CoapRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connection = context.Connection;
        var state = GetState(connection);
        state.Touch();
        await state.Record.Value.ConfigureAwait(false);
        await state.Probe.Value.ConfigureAwait(false);
        var reply = await _handler.HandleAsync(state.Session, context.Request, cancellationToken).ConfigureAwait(false);
        state.Touch();
        if (reply.Drop || reply.Response is null)
        {
            connection.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException("The connection was dropped by an injected fault.", cancellationToken);
        }

        if (reply.CloseAfter)
        {
            _ = CloseLaterAsync(connection);
        }

        return reply.Response;
    }

    private ConnectionState GetState(CoapConnection connection)
    {
        // The table may run the factory more than once under a race; only the stored state is started.
        var state = _states.GetValue(connection, c =>
        {
            var leaf = c.RemoteCertificate ?? throw new InvalidOperationException("The DPS connection has no client certificate.");
            return new ConnectionState(this, c, _authenticator.CreateSession(leaf), leaf);
        });
        state.EnsureStarted();
        return state;
    }

    private async Task CloseLaterAsync(CoapConnection connection)
    {
        try
        {
            await Task.Delay(CloseDelay, _timeProvider, CancellationToken.None).ConfigureAwait(false);
            await connection.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CoapConnectionException or IOException or ObjectDisposedException)
        {
            _logger.LogDebug(ex, "Closing {Remote} after an error answer failed", connection.RemoteEndPoint);
        }
    }

    private async Task ProbeAsync(CoapConnection connection, DpsSession session)
    {
        var request = CoapMessage.Request(CoapCode.Get, "/oic/res?if=oic.if.ll&rt=oic.wk.d").SetAccept(CoapContentFormat.OcfCbor).Build();
        try
        {
            var response = await connection.SendAsync(request, new CoapRequestOptions { Timeout = ProbeTimeout, BlockWise = false }).ConfigureAwait(false);
            if (response.Code != CoapCode.Content)
            {
                _logger.LogInformation("Device {RecordId} answered the /oic/res probe with {Code}", session.ManufacturerCertificateId, response.Code);
                return;
            }

            var endpoints = LocalEndpointsResponse.Parse(response.Payload);
            await _records.SetLocalEndpointsAsync(session.ManufacturerCertificateId, endpoints).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CoapConnectionException or TimeoutException or OperationCanceledException or PayloadFormatException)
        {
            _logger.LogInformation("Device {RecordId}: no usable answer to the /oic/res probe ({Reason})", session.ManufacturerCertificateId, ex.Message);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Device {RecordId}: the /oic/res probe failed", session.ManufacturerCertificateId);
        }
    }

    private async Task RecordConnectionAsync(DpsSession session, string certificatePem, string commonName)
    {
        if (session.Group is not { } group)
        {
            _logger.LogInformation("Device {RecordId} ({CommonName}) matches no enrollment group at session time", session.ManufacturerCertificateId, commonName);
            return;
        }

        try
        {
            await _records.UpsertConnectionAsync(
                session.ManufacturerCertificateId,
                group.Id,
                group.Owner,
                new AttestationRecord(_timeProvider.GetUtcNow(), certificatePem, commonName)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not write the provisioning record {RecordId}", session.ManufacturerCertificateId);
        }
    }

    private sealed class ConnectionState
    {
        private readonly DpsEndpoint _owner;
        private readonly CoapConnection _connection;
        private ITimer? _inactivity;
        private int _started;

        public ConnectionState(DpsEndpoint owner, CoapConnection connection, DpsSession session, System.Security.Cryptography.X509Certificates.X509Certificate2 leaf)
        {
            _owner = owner;
            _connection = connection;
            Session = session;
            Probe = new Lazy<Task>(() => owner.ProbeAsync(connection, session), LazyThreadSafetyMode.ExecutionAndPublication);
            Record = new Lazy<Task>(() => owner.RecordConnectionAsync(session, PemCertificates.ToPem(leaf), OcfCertificates.GetCommonName(leaf) ?? string.Empty), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public DpsSession Session { get; }

        public Lazy<Task> Record { get; }

        public Lazy<Task> Probe { get; }

        public void EnsureStarted()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0)
            {
                return;
            }

            _connection.Items[SessionItem] = Session;
            _ = Record.Value;
            var timer = _owner._timeProvider.CreateTimer(
                static s => ((ConnectionState)s!).OnInactive(),
                this,
                _owner.InactivityTimeout,
                Timeout.InfiniteTimeSpan);
            Volatile.Write(ref _inactivity, timer);
            _ = _connection.Completion.ContinueWith(
                static (_, s) => ((ConnectionState)s!)._inactivity?.Dispose(),
                this,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        public void Touch() => Volatile.Read(ref _inactivity)?.Change(_owner.InactivityTimeout, Timeout.InfiniteTimeSpan);

        private void OnInactive()
        {
            _owner._logger.LogInformation("Closing DPS connection {Remote} of {RecordId}: no request for {Timeout}", _connection.RemoteEndPoint, Session.ManufacturerCertificateId, _owner.InactivityTimeout);
            _ = _connection.CloseAsync();
        }
    }
}
