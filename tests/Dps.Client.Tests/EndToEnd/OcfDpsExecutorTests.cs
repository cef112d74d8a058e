using System.Collections.Concurrent;
using Dps.Coap;
using Dps.Ocf;
using Dps.Testing;
using Dps.Testing.Pki;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Client.Tests.EndToEnd;

/// <summary>DPS changes to a stack device run on the device's executor, serialized with its request handling.</summary>
[Category("Integration")]
public sealed class OcfDpsExecutorTests
{
    private static TestPki Pki => TestPki.Shared;

    [Test]
    [CancelAfter(30_000)]
    public async Task Provisioning_RequestsServedMeanwhile_NeverSeeAHalfAppliedSecurityState(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = new TestHub(Pki);
        await using var server = OcfDpsTestAnswers.CreateServer(hub, time);
        await using var stack = new OcfStack(new OcfStackOptions { Device = new OcfDeviceOptions { Name = "probe", DeviceId = Pki.DeviceId } }, time)
        {
            AccessControl = null!,
        };
        var device = stack.GetDevice(0);
        OcfDpsTestAnswers.InstallManufacturerCredentials(stack);

        // The probe reads the security state, lets every other thread run for a while, and reads it again:
        // a DPS apply running beside the handler would show up as a difference.
        int changedInside = 0;
        var seen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var sawProvisioned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        device.AddResource(new OcfResource("/probe", ["x.test.probe"], [OcfInterfaces.ReadOnly])
            .OnGet(async (request, _) =>
            {
                var before = Snapshot(device);
                for (int i = 0; i < 100; i++)
                {
                    await Task.Yield();
                }
                var after = Snapshot(device);
                if (before != after)
                {
                    Interlocked.Increment(ref changedInside);
                }
                seen[after] = true;
                if (device.Security.Acl.HasTag("dps"))
                {
                    sawProvisioned.TrySetResult();
                }
                return OcfResponse.FromCode(CoapCode.Content);
            }));

        var (a, b) = DuplexPipe.CreatePair();
        await using var served = new CoapConnection(a, null, stack);
        await using var peer = new CoapConnection(b);
        served.Start();
        peer.Start();

        var (dps, signals) = OcfDpsTestAnswers.AddDps(stack, server.Uri, time, seed: 7);
        await using var ___ = dps;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var prober = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await peer.SendAsync(CoapMessage.Request(CoapCode.Get, "/probe").Build(), null, stop.Token);
                Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            }
        }, CancellationToken.None);

        dps.Context.Start();
        await OcfDpsTestAnswers.DriveAsync(() => (dps.Context.Status & DpsStatus.HasAcls) != 0, time, signals, cancellationToken);
        await sawProvisioned.Task.WaitAsync(cancellationToken);
        var cloudConf = await peer.SendAsync(CoapMessage.Request(CoapCode.Get, "/CoapCloudConfResURI").Build(), null, cancellationToken);
        await stop.CancelAsync();
        try
        {
            await prober;
        }
        catch (OperationCanceledException)
        {
            // The prober stops with the token.
        }

        Assert.Multiple(() =>
        {
            Assert.That(changedInside, Is.Zero, "no DPS change while a request was being served");
            Assert.That(seen, Has.Count.GreaterThanOrEqualTo(2), "the probes saw the state before and after provisioning");
            Assert.That(seen.Keys, Has.Some.Contains("dps"), "the probes saw the DPS credentials/ACLs");
            Assert.That(CloudCis(cloudConf.Payload), Is.EqualTo(hub.Uri), "the cloud configuration DPS applied, read through the device's resource");
        });
    }

    private static string? CloudCis(ReadOnlyMemory<byte> payload)
    {
        var reader = new System.Formats.Cbor.CborReader(payload, System.Formats.Cbor.CborConformanceMode.Lax);
        reader.ReadStartMap();
        while (reader.PeekState() != System.Formats.Cbor.CborReaderState.EndMap)
        {
            if (reader.ReadTextString() == "cis")
            {
                return reader.ReadTextString();
            }
            reader.SkipValue();
        }
        return null;
    }

    private static string Snapshot(OcfDevice device) =>
        Convert.ToHexString(device.Security.Cred.Encode(includePrivateData: false)) + "/"
        + Convert.ToHexString(device.Security.Acl.Encode()) + "/"
        + device.Security.Pstat.State + "/" + device.Security.Doxm.DevOwnerUuid
        + (device.Security.Acl.HasTag("dps") ? "/dps" : string.Empty);
}
