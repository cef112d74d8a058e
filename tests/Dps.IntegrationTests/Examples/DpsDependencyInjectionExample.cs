using Dps.Client;
using Dps.Client.Ocf;
using Dps.Ocf;
using Microsoft.Extensions.DependencyInjection;

namespace Dps.IntegrationTests.Examples;

/// <summary>The dependency-injection snippet of README.md, compiled and run by <see cref="DpsEmbeddingExampleTests"/>.</summary>
internal static class DpsDependencyInjectionExample
{
    /// <summary>Registers the stack and the DPS client, then joins device 0 to DPS (not started).</summary>
    public static (ServiceProvider Provider, OcfDps Dps) Create(string dpsUri, IOcfStore store)
    {
        // README DI begin
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDpsDevice(o => o.Store = store); // or o.StorageDirectory = "dps_cloud_server_creds"
        services.AddDpsClient(o =>
        {
            o.Endpoints.Add(new DpsEndpoint(dpsUri, "local"));
            o.RetryConfiguration = new DpsRetryConfiguration(1, 2, 4);
        });
        var provider = services.BuildServiceProvider();
        var stack = provider.GetRequiredService<OcfStack>();
        var dps = stack.AddDps(0, provider.GetRequiredService<DpsClient>().Options);
        // README DI end
        return (provider, dps);
    }
}
