using Dps.Coap;
using Dps.Ocf.Cloud;
using Pki = Dps.Testing.Pki.TestPki;

namespace Dps.Ocf.Tests.Cloud.Manager;

/// <summary>Keep-alive against a hub that never answers Ping (loopback TLS, test clock).</summary>
[Category("Integration")]
public sealed class OcfCloudManagerKeepAliveTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Test]
    [CancelAfter(20_000)]
    public async Task KeepAlive_SixPingsUnanswered_Clec2AndReconnect(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        await using var hub = new RawHub(Pki.Shared);
        var configuration = rig.ReadyToRegister();
        configuration.Apply(new CloudConfUpdate { CiServer = hub.Uri, Sid = CloudRig.HubId, AccessToken = "at", AuthProvider = "plgd" });
        var manager = rig.CreateManager(configuration);
        manager.Start();

        var peer = await hub.AcceptAsync(cancellationToken);
        await RawHub.AnswerNextRequestAsync(
            peer, RawHub.Map(("accesstoken", "a1"), ("uid", "1"), ("refreshtoken", "r1"), ("redirecturi", ""), ("expiresin", -1)), cancellationToken);
        await RawHub.AnswerNextRequestAsync(peer, RawHub.Map(("expiresin", -1)), cancellationToken);
        await RawHub.AnswerNextRequestAsync(peer, RawHub.Map(), cancellationToken);
        var pingTimes = new List<TimeSpan>();
        double at = 20;
        for (int i = 0; i < 6; i++)
        {
            await rig.Clock.AdvanceToAsync(S(at), cancellationToken);
            var ping = await peer.ReadUntilAsync(CoapCode.Ping, cancellationToken);
            pingTimes.Add(rig.Clock.Elapsed);
            Assert.That(ping.Token.Length, Is.EqualTo(8));
            await rig.Clock.AdvanceToAsync(S(at + 4), cancellationToken);
            at += 8;
        }

        // The sixth miss is at 64 s: clec 2, the connection is dropped, a new one follows after 1.5 s.
        await rig.Clock.WaitForTimerAsync(S(65.5), cancellationToken);
        var errorBeforeReconnect = manager.LastError;
        var statusBeforeReconnect = manager.Status;
        await rig.Clock.AdvanceToAsync(S(65.5), cancellationToken);
        var second = await hub.AcceptAsync(cancellationToken);
        var signIn = await RawHub.AnswerNextRequestAsync(second, RawHub.Map(("expiresin", -1)), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(pingTimes, Is.EqualTo(new[] { S(20), S(28), S(36), S(44), S(52), S(60) }));
            Assert.That(rig.Logger.WithEventId(3615), Has.Count.EqualTo(6));
            Assert.That(errorBeforeReconnect, Is.EqualTo(CloudError.ConnectError));
            Assert.That(statusBeforeReconnect, Is.EqualTo(CloudStatus.Registered));
            Assert.That(signIn.UriPath, Is.EqualTo("/oic/sec/session"), "permanent token: sign in again without a refresh");
        });
    }
}
