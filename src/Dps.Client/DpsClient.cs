using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dps.Client;

/// <summary>
/// The DPS client of an application: holds the options and makes one <see cref="DpsContext"/> per
/// device. Registered by <see cref="DpsClientServiceCollectionExtensions.AddDpsClient"/>; also
/// constructible by hand.
/// </summary>
public sealed class DpsClient : IAsyncDisposable
{
    private readonly DpsClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly ConcurrentDictionary<int, DpsContext> _contexts = new();

    /// <summary>Creates the client.</summary>
    /// <param name="options">The options (copied and validated).</param>
    /// <param name="timeProvider">The clock of every context; null for the system clock.</param>
    /// <param name="loggerFactory">Makes the contexts' loggers; null for none.</param>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    public DpsClient(DpsClientOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory;
    }

    /// <summary>Creates the client from the options pattern.</summary>
    public DpsClient(IOptions<DpsClientOptions> options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value, timeProvider, loggerFactory)
    {
    }

    /// <summary>A copy of the options.</summary>
    public DpsClientOptions Options => _options.Clone();

    /// <summary>The contexts made so far.</summary>
    public IReadOnlyCollection<DpsContext> Contexts => [.. _contexts.Values];

    /// <summary>Makes the context of a device (not started).</summary>
    /// <param name="device">The device.</param>
    /// <param name="cloudManager">The device's cloud manager.</param>
    /// <param name="timeSink">Where plgd time goes.</param>
    /// <param name="configure">Adjusts the per-context settings (clock and logger preset from the client).</param>
    /// <exception cref="InvalidOperationException">The device already has a context.</exception>
    public DpsContext CreateContext(
        IDpsDevice device, IDpsCloudManager cloudManager, IDpsTimeSink timeSink, Action<DpsContextOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        var contextOptions = new DpsContextOptions
        {
            TimeProvider = _timeProvider,
            Logger = _loggerFactory?.CreateLogger<DpsContext>(),
        };
        configure?.Invoke(contextOptions);
        var context = new DpsContext(device, cloudManager, timeSink, _options, contextOptions);
        if (!_contexts.TryAdd(device.Index, context))
        {
            context.Dispose();
            throw new InvalidOperationException($"Device {device.Index} already has a DPS context.");
        }
        return context;
    }

    /// <summary>The context of a device, or null.</summary>
    public DpsContext? GetContext(int deviceIndex) => _contexts.TryGetValue(deviceIndex, out var context) ? context : null;

    /// <summary>Stops and disposes every context.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts.Values)
        {
            await context.DisposeAsync().ConfigureAwait(false);
        }
        _contexts.Clear();
    }
}
