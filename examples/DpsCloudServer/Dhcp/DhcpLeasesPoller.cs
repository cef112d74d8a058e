using Dps.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DpsCloudServer.Dhcp;

/// <summary>
/// <c>--dhcp-enabled</c> (PROTOCOL.md §6): reads the isc-dhclient lease file at start and then every
/// 5 s, takes the last <c>vendor-encapsulated-options</c> value and raises
/// <see cref="OptionsChanged"/> when its bytes differ from the last ones seen. The subscriber applies
/// them (<c>DpsDhcp.SetValuesFromVendorEncapsulatedOptions</c>) and reprovisions on
/// NEED_REPROVISION. A missing or unreadable file is logged and retried at the next poll.
/// </summary>
internal sealed class DhcpLeasesPoller : IDisposable
{
    /// <summary>The polling interval of the C app.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly string _leasesFile;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private ITimer? _timer;
    private byte[]? _last;
    private string? _lastProblem;
    private int _polling;
    private int _forget;
    private bool _disposed;

    /// <summary>Creates a poller of <paramref name="leasesFile"/>; call <see cref="Start"/> to begin.</summary>
    public DhcpLeasesPoller(string leasesFile, TimeProvider timeProvider, ILogger<DhcpLeasesPoller>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(leasesFile);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _leasesFile = leasesFile;
        _timeProvider = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Raised (from the polling thread) when the option bytes are new or changed.</summary>
    public event EventHandler<VendorEncapsulatedOptionsEventArgs>? OptionsChanged;

    /// <summary>Polls once now (on the calling thread), then every <see cref="Interval"/>.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_timer is not null)
        {
            throw new InvalidOperationException("The poller is already started.");
        }
        Poll();
        _timer = _timeProvider.CreateTimer(static state => ((DhcpLeasesPoller)state!).Poll(), this, Interval, Interval);
    }

    /// <summary>
    /// Reads the file once; raises <see cref="OptionsChanged"/> and returns true when the bytes changed.
    /// A poll that starts while another is running does nothing.
    /// </summary>
    public bool Poll()
    {
        if (_disposed || Interlocked.Exchange(ref _polling, 1) == 1)
        {
            return false;
        }
        try
        {
            if (Interlocked.Exchange(ref _forget, 0) == 1)
            {
                _last = null;
            }
            var options = Read();
            if (options is null || (_last is not null && options.AsSpan().SequenceEqual(_last)))
            {
                return false;
            }
            _last = options;
            _logger.LogInformation("DHCP: new vendor-encapsulated-options ({Length} bytes) in {File}", options.Length, _leasesFile);
            Raise(options);
            return true;
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    /// <summary>
    /// Forgets the last bytes seen and polls at once, so the file's current options are raised again
    /// (after a factory reset cleared what they had set). Does nothing before <see cref="Start"/>; when
    /// a poll is running, the next one raises them.
    /// </summary>
    public void Reapply()
    {
        if (_disposed || _timer is null)
        {
            return;
        }
        Volatile.Write(ref _forget, 1);
        Poll();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _disposed = true;
        _timer?.Dispose();
    }

    private byte[]? Read()
    {
        string text;
        try
        {
            text = File.ReadAllText(_leasesFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Problem($"cannot read {_leasesFile}: {ex.Message}");
            return null;
        }
        var options = DhcpLeasesFile.ReadVendorEncapsulatedOptions(text);
        if (options is null)
        {
            Problem($"no usable {DhcpLeasesFile.OptionName} in {_leasesFile}");
            return null;
        }
        _lastProblem = null;
        return options;
    }

    // Logs a problem once, not every 5 s.
    private void Problem(string problem)
    {
        if (problem != _lastProblem)
        {
            _lastProblem = problem;
            _logger.LogWarning("DHCP: {Problem}", problem);
        }
    }

#pragma warning disable CA1031 // A throwing subscriber must not stop the polling; it is logged.
    private void Raise(byte[] options)
    {
        try
        {
            OptionsChanged?.Invoke(this, new VendorEncapsulatedOptionsEventArgs(options));
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "DHCP: an OptionsChanged handler failed");
        }
    }
#pragma warning restore CA1031
}
