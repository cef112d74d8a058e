using Dps.Client;
using Dps.Client.Ocf;
using Dps.Ocf;
using Dps.Ocf.Cloud;
using Dps.Security;
using Microsoft.Extensions.Logging;

namespace Dps.IntegrationTests.Examples;

/// <summary>
/// The embedding example of README.md ("Using the DPS plug-in"), compiled and run by
/// <see cref="DpsEmbeddingExampleTests"/> so the README shows code that works. The part between the
/// README markers is copied into the README verbatim.
/// </summary>
internal static class DpsEmbeddingExample
{
    /// <summary>
    /// Builds the device of <c>dps_cloud_server</c> (PROTOCOL §6 initialisation): storage in
    /// <paramref name="storageDirectory"/>, certificates from <paramref name="pkiDirectory"/>
    /// (<c>dpsca.pem</c>, <c>mfgcrt.pem</c>, <c>mfgkey.pem</c>), one DPS endpoint, and starts it.
    /// </summary>
    public static async Task<(OcfStack Stack, OcfDps Dps)> StartAsync(
        string storageDirectory, string pkiDirectory, string dpsUri, ILoggerFactory loggerFactory, TextWriter console, CancellationToken cancellationToken)
    {
        // README begin
        // 1. The OCF stack with one device; its state is kept in storageDirectory.
        var stack = new OcfStack(
            new OcfStackOptions
            {
                StorageDirectory = storageDirectory,
                Manufacturer = "ocfcloud.com",
                Device = new OcfDeviceOptions { Name = "dps", DeviceTypes = [OcfResourceTypes.CloudDevice] },
            },
            TimeProvider.System,
            loggerFactory);

        // 2. The DPS plug-in and the device's cloud manager (nothing starts yet).
        var options = new DpsClientOptions
        {
            Endpoints = [new DpsEndpoint(dpsUri, "local")],
            RetryConfiguration = DpsRetryConfiguration.Parse("1,2,4,8,16"), // request timeouts in s; default 10,20,40,80,120
            ExpiringLimit = TimeSpan.FromMinutes(10),                        // renew identity certificates 10 min before expiry
            // SkipVerify = true,                                            // accept any DPS server certificate
            // CertificateFingerprint = DpsCertificateFingerprint.Create(HashAlgorithmName.SHA256, sha256OfServerCertDer),
        };
        var dps = stack.AddDps(0, options, new DpsContextOptions { Logger = loggerFactory.CreateLogger("Dps.Client") }, loggerFactory: loggerFactory);
        dps.Context.StatusChanged += (_, e) => console.WriteLine($"DPS: {e.Status.ToLogString()} (last error {e.LastError})");
        dps.CloudManager.StatusChanged += (_, e) => console.WriteLine($"cloud: {e.Status}");

        // 3. Factory presets: run once on the first boot (empty storage) and after every factory
        //    reset (stack.ResetDeviceAsync(0)), which cleared the device's credentials.
        stack.FactoryPresets = async (device, ct) =>
        {
            await dps.Context.OnFactoryResetAsync(ct);
            stack.AddTrustAnchor(device.Index, File.ReadAllText(Path.Combine(pkiDirectory, "dpsca.pem")), manufacturer: true);
            stack.AddManufacturerCertificate(
                device.Index,
                File.ReadAllText(Path.Combine(pkiDirectory, "mfgcrt.pem")),
                File.ReadAllText(Path.Combine(pkiDirectory, "mfgkey.pem")));
            stack.SetSecurityProfile(device.Index, OcfSecurityProfile.Black);
            foreach (var endpoint in options.Endpoints)
            {
                await dps.Context.AddEndpointAsync(endpoint.Uri, endpoint.Name, ct);
            }

            dps.Context.ForceReprovision();
            dps.Context.Start();
        };

        // 4. Normal start (after the first-boot presets, queued first on the device's executor). A
        //    device provisioned before starts its cloud without a single DPS request.
        await stack.GetDevice(0).InvokeAsync(() => { }, cancellationToken);
        dps.Context.Start();
        // README end
        return (stack, dps);
    }
}
