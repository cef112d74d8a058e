using System.Threading.Channels;
using Dps.Client.Ocf;
using Dps.Client.Tests.Context;
using Dps.Coap;
using Dps.Ocf;
using Dps.Ocf.Cloud;
using Dps.Security;
using Dps.Testing.Pki;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Client.Tests.EndToEnd;

/// <summary>What the end-to-end tests share: the DPS server answering with a test hub, the device's credentials, and driving the fake clock.</summary>
internal static class OcfDpsTestAnswers
{
    /// <summary>A DPS server whose cloud configuration points at <paramref name="hub"/>.</summary>
    public static TestDpsServer CreateServer(TestHub hub, TimeProvider time) =>
        new(TestPki.Shared.DpsServer, TestPki.Shared.HubCa, time)
        {
            Script = (path, _, request) => path == TestDpsServer.CloudPath ? Cloud(request, hub.Uri) : null,
        };

    public static CoapMessage Cloud(CoapMessage request, string hubUri) =>
        TestDpsServer.Answer(request, CoapCode.Changed, TestDpsServer.Map(
            ("apn", "plgd"),
            ("cis", hubUri),
            ("sid", TestDpsServer.HubId),
            ("at", "access-token"),
            ("x.org.iotivity.servers", new object[] { new (string, object)[] { ("uri", hubUri), ("id", TestDpsServer.HubId) } })));

    public static void InstallManufacturerCredentials(OcfStack stack)
    {
        var pki = TestPki.Shared;
        using var key = pki.MfgDevice.GetPrivateKey();
        stack.AddManufacturerCertificate(0, PemCertificates.ToPem(pki.MfgDevice.Chain), EcKeys.ToPkcs8Pem(key));
        stack.AddTrustAnchor(0, PemCertificates.ToPem(pki.HubCa.Certificate), manufacturer: true);
    }

    /// <summary>
    /// <c>AddDps</c> against <paramref name="dpsUri"/> with the fake clock, and the signals to drive it with
    /// (context status changes, armed DPS timers, cloud status changes).
    /// </summary>
    public static (OcfDps Dps, Channel<object> Signals) AddDps(OcfStack stack, string dpsUri, FakeTimeProvider time, int seed = 42)
    {
        var signals = Channel.CreateUnbounded<object>();
        var options = new DpsClientOptions { Endpoints = [new DpsEndpoint(dpsUri, "test")] };
        // A 1 ms first retry entry makes the cloud manager's restart delay zero (its request timeouts never expire: the clock moves only for DPS timers).
        var cloudOptions = new CloudManagerOptions { RetryTimeouts = [TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1)] };
        var dps = stack.AddDps(0, options, new DpsContextOptions { TimeProvider = time, Random = new Random(seed) }, cloudOptions);
        dps.Context.StatusChanged += (_, e) => signals.Writer.TryWrite(e);
        dps.Context.TimerArmed += delay => signals.Writer.TryWrite(delay);
        dps.CloudManager.StatusChanged += (_, e) => signals.Writer.TryWrite(e);
        return (dps, signals);
    }

    /// <summary>Reads signals, expiring every armed DPS timer at once, until <paramref name="done"/>.</summary>
    public static async Task DriveAsync(Func<bool> done, FakeTimeProvider time, Channel<object> signals, CancellationToken cancellationToken)
    {
        while (!done())
        {
            if (await signals.Reader.ReadAsync(cancellationToken) is TimeSpan delay)
            {
                time.Advance(delay);
            }
        }
    }
}
