using Dps.Client;
using Dps.IntegrationTests.Harness;
using Dps.Ocf.Cloud;
using Dps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dps.IntegrationTests.Examples;

/// <summary>Runs the README's embedding example against dps-service: provisions, then a factory reset provisions again.</summary>
[Category("Integration")]
public sealed class DpsEmbeddingExampleTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task StartAsync_ReadmeExample_ProvisionsAndReprovisionsAfterFactoryReset(CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        var root = Directory.CreateTempSubdirectory("dps-example-").FullName;
        try
        {
            var pki = Path.Combine(root, "pki_certs");
            Directory.CreateDirectory(pki);
            var credentials = service.IssueDevice();
            await File.WriteAllTextAsync(Path.Combine(pki, "dpsca.pem"), credentials.DpsCaPem, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(pki, "mfgcrt.pem"), credentials.ChainPem, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(pki, "mfgkey.pem"), credentials.KeyPem, cancellationToken);
            var log = new RecordingLogger("example") { MinimumLevel = LogLevel.Information };
            using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(log));
            using var console = new StringWriter();
            var storage = Path.Combine(root, "dps_cloud_server_creds");
            Directory.CreateDirectory(storage);

            var (stack, dps) = await DpsEmbeddingExample.StartAsync(storage, pki, service.DpsUri, loggerFactory, TextWriter.Synchronized(console), cancellationToken);
            await using (stack)
            await using (dps)
            {
                await WaitProvisionedAsync(dps, cancellationToken);
                var firstId = dps.Device.DeviceId;
                var before = service.TotalDpsRequests();

                await stack.ResetDeviceAsync(0, cancellationToken);
                await WaitProvisionedAsync(dps, cancellationToken);

                Assert.Multiple(() =>
                {
                    Assert.That(before, Is.EqualTo(5));
                    Assert.That(service.TotalDpsRequests(), Is.EqualTo(10), "provisioned again after the reset");
                    Assert.That(dps.Device.DeviceId, Is.Not.EqualTo(firstId), "a reset gives the device a new id");
                    Assert.That(console.ToString(), Does.Contain("cloud: Registered, LoggedIn"));
                });
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Create_ReadmeDependencyInjectionExample_Provisions(CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        var credentials = service.IssueDevice();
        var (provider, dps) = DpsDependencyInjectionExample.Create(service.DpsUri, new Ocf.InMemoryOcfStore());
        await using (provider)
        await using (dps)
        {
            DeviceUnderTest.InstallManufacturerCredentials(provider.GetRequiredService<Ocf.OcfStack>(), credentials, credentials.DpsCaPem);

            dps.Context.Start();
            await WaitProvisionedAsync(dps, cancellationToken);

            Assert.That(service.DpsRequestCounts(), Is.EqualTo(new long[] { 1, 1, 1, 1, 1 }));
        }
    }

    private static async Task WaitProvisionedAsync(Client.Ocf.OcfDps dps, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if ((dps.Context.Status & DeviceUnderTest.Provisioned) == DeviceUnderTest.Provisioned
                && !dps.Context.Status.HasErrorFlag()
                && (dps.CloudManager.Status & CloudStatus.LoggedIn) != 0)
            {
                done.TrySetResult();
            }
        }

        EventHandler<DpsStatusChangedEventArgs> onDps = (_, _) => Check();
        EventHandler<CloudStatusChangedEventArgs> onCloud = (_, _) => Check();
        dps.Context.StatusChanged += onDps;
        dps.CloudManager.StatusChanged += onCloud;
        try
        {
            Check();
            await done.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            dps.Context.StatusChanged -= onDps;
            dps.CloudManager.StatusChanged -= onCloud;
        }
    }
}
