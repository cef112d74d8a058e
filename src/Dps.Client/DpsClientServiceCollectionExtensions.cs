using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dps.Client;

/// <summary>Registers the DPS client with a service collection.</summary>
public static class DpsClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DpsClient"/> (singleton), its options with validation, and
    /// <see cref="TimeProvider.System"/> unless a clock is registered.
    /// </summary>
    public static IServiceCollection AddDpsClient(this IServiceCollection services, Action<DpsClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<DpsClientOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DpsClientOptions>, DpsClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new DpsClient(
            provider.GetRequiredService<IOptions<DpsClientOptions>>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()));
        return services;
    }
}
