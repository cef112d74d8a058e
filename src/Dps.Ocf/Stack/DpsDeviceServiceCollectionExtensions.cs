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
    /// uses <see cref="TimeProvider"/>, <see cref="ILoggerFactory"/> and, when the options name no
    /// store, an <see cref="IOcfStore"/> from the container when present.
    /// </summary>
    public static IServiceCollection AddDpsDevice(this IServiceCollection services, Action<OcfStackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new OcfStackOptions();
        configure?.Invoke(options);
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider =>
        {
            var stackOptions = provider.GetRequiredService<OcfStackOptions>();
            if (stackOptions.Store is null && provider.GetService<IOcfStore>() is { } store)
            {
                stackOptions = stackOptions.Clone();
                stackOptions.Store = store;
            }

            return new OcfStack(stackOptions, provider.GetService<TimeProvider>(), provider.GetService<ILoggerFactory>());
        });
        return services;
    }
}
