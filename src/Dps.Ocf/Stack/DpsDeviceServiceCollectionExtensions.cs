using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Dps.Ocf;

/// <summary>Registers the device stack with dependency injection.</summary>
public static class DpsDeviceServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="OcfStack"/> (also as <see cref="Dps.Coap.ICoapHandler"/>
    /// consumers can resolve it directly) built from the configured <see cref="OcfStackOptions"/>;
    /// uses <see cref="TimeProvider"/> and <see cref="ILoggerFactory"/> from the container when present.
    /// </summary>
    public static IServiceCollection AddDpsDevice(this IServiceCollection services, Action<OcfStackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new OcfStackOptions();
        configure?.Invoke(options);
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider => new OcfStack(
            provider.GetRequiredService<OcfStackOptions>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()));
        return services;
    }
}
