using Dps.Coap;
using Dps.Ocf.Security;
using Dps.Ocf.Tests.Stack;

namespace Dps.Ocf.Tests.Device;

[CancelAfter(20_000)]
public class AclAccessControlTests
{
    private static readonly Guid Owner = Guid.Parse("b6c5a0ec-8a6a-5d1f-9e8c-3c1c3b6a2f51");
    private static readonly Guid Stranger = Guid.Parse("11111111-2222-4333-8444-555555555555");
    private static readonly Guid Hub = Guid.Parse("adebc667-1f2b-41e3-bf5c-6d6eabc68cc6");

    private static byte[] TrustCaUpdate => TestCbor.Encode(TestCbor.Map(("creds", TestCbor.Array(TestCbor.Map(
        ("credtype", 8),
        ("subjectuuid", "*"),
        ("credusage", "oic.sec.cred.trustca"),
        ("publicdata", TestCbor.Map(("data", TestPki.RootPem), ("encoding", "oic.sec.encoding.pem"))))))));

    [TestCase("/oic/res")]
    [TestCase("/oic/d")]
    [TestCase("/oic/p")]
    [TestCase("/x.plgd.dev/time")]
    public async Task FreshDevice_AnonClearGetBootstrapResource_Allowed(string path, CancellationToken cancellationToken)
    {
        await using var harness = await DeviceHarness.StartAsync(null, null, cancellationToken);

        var response = await harness.SendAsync(CoapCode.Get, path, null, cancellationToken);

        Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
    }

    [Test]
    public async Task FreshDevice_AnonClearOtherRequests_Unauthorized(CancellationToken cancellationToken)
    {
        await using var harness = await DeviceHarness.StartAsync(null, s => StackHarness.AddExampleResources(s.Devices[0]), cancellationToken);

        var light = await harness.SendAsync(CoapCode.Get, "/light/1", null, cancellationToken);
        var timePost = await harness.SendAsync(CoapCode.Post, "/x.plgd.dev/time", TestCbor.Encode(TestCbor.Map(("lastSyncedTime", "2025-07-02T18:55:37Z"))), cancellationToken);
        var cloud = await harness.SendAsync(CoapCode.Get, "/CoapCloudConfResURI", null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(light.Code, Is.EqualTo(CoapCode.Unauthorized));
            Assert.That(timePost.Code, Is.EqualTo(CoapCode.Unauthorized), "the bootstrap ACE grants RETRIEVE only");
            Assert.That(cloud.Code, Is.EqualTo(CoapCode.Unauthorized), "secured resource over anon-clear");
            Assert.That(harness.Device.PlgdTime.IsActive, Is.False);
        });
    }

    [Test]
    public async Task PostCred_AnonymousPeer_UnauthorizedAndUnchanged(CancellationToken cancellationToken)
    {
        await using var harness = await DeviceHarness.StartAsync(null, null, cancellationToken);
        int saves = harness.Store.SaveCount;

        var response = await harness.SendAsync(CoapCode.Post, "/oic/sec/cred", TrustCaUpdate, cancellationToken);

        var credentials = await harness.Device.InvokeAsync(() => harness.Device.Security.Cred.Credentials.Count, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Unauthorized));
            Assert.That(credentials, Is.Zero);
            Assert.That(harness.Store.SaveCount, Is.EqualTo(saves));
        });
    }

    [Test]
    public async Task PostCred_AuthenticatedNonOwner_Forbidden(CancellationToken cancellationToken)
    {
        await using var harness = await DeviceHarness.StartAsync(Stranger, s => OwnBy(s.Devices[0], Owner), cancellationToken);

        var post = await harness.SendAsync(CoapCode.Post, "/oic/sec/cred", TrustCaUpdate, cancellationToken);
        var get = await harness.SendAsync(CoapCode.Get, "/oic/sec/cred", null, cancellationToken);
        var discovery = await harness.SendAsync(CoapCode.Get, "/oic/res", null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(post.Code, Is.EqualTo(CoapCode.Forbidden));
            Assert.That(get.Code, Is.EqualTo(CoapCode.Forbidden));
            Assert.That(discovery.Code, Is.EqualTo(CoapCode.Content), "anon-clear ACEs also serve authenticated peers");
        });
    }

    [Test]
    public async Task PostCred_Owner_AllowedAndApplied(CancellationToken cancellationToken)
    {
        await using var harness = await DeviceHarness.StartAsync(Owner, s => OwnBy(s.Devices[0], Owner), cancellationToken);

        var get = await harness.SendAsync(CoapCode.Get, "/oic/sec/cred", null, cancellationToken);
        var inRfnop = await harness.SendAsync(CoapCode.Post, "/oic/sec/cred", TrustCaUpdate, cancellationToken);
        var toRfpro = await harness.SendAsync(CoapCode.Post, "/oic/sec/pstat", TestCbor.Encode(TestCbor.Map(("dos", TestCbor.Map(("s", 2))))), cancellationToken);
        var inRfpro = await harness.SendAsync(CoapCode.Post, "/oic/sec/cred", TrustCaUpdate, cancellationToken);

        var anchors = harness.Device.GetTrustAnchors(CredUsage.TrustCa);
        Assert.Multiple(() =>
        {
            Assert.That(get.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(inRfnop.Code, Is.EqualTo(CoapCode.BadRequest), "creds are not writable in RFNOP");
            Assert.That(toRfpro.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(inRfpro.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(anchors, Has.Count.EqualTo(1));
        });
        foreach (var anchor in anchors)
        {
            anchor.Dispose();
        }
    }

    [Test]
    public async Task DpsAcls_HubPeer_WildcardReachesAppResourcesNotSecurityResources(CancellationToken cancellationToken)
    {
        await using var harness = await DeviceHarness.StartAsync(
            Hub,
            s =>
            {
                StackHarness.AddExampleResources(s.Devices[0]);
                OwnBy(s.Devices[0], Owner);
                var result = s.Devices[0].ApplyDpsAcls(TestCbor.Encode(TestCbor.Map(("aclist2", TestCbor.Array(TestCbor.Map(
                    ("permission", 31),
                    ("subject", TestCbor.Map(("uuid", Hub.ToString("D")))),
                    ("resources", TestCbor.Array(TestCbor.Map(("href", "/x.plgd.dev/time")), TestCbor.Map(("wc", "*")))),
                    ("tag", "dps")))))));
                Assert.That(result.Succeeded, Is.True, result.Error);
            },
            cancellationToken);

        var light = await harness.SendAsync(CoapCode.Post, "/light/1", TestCbor.Encode(TestCbor.Map(("state", true))), cancellationToken);
        var cred = await harness.SendAsync(CoapCode.Get, "/oic/sec/cred", null, cancellationToken);
        var cloud = await harness.SendAsync(CoapCode.Get, "/CoapCloudConfResURI", null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(light.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(cred.Code, Is.EqualTo(CoapCode.Forbidden), "wildcards never match security resources");
            Assert.That(cloud.Code, Is.EqualTo(CoapCode.Forbidden), "nor the cloud configuration");
        });
    }

    [Test]
    public async Task Observe_OnlyRetrieveGranted_Unauthorized(CancellationToken cancellationToken)
    {
        await using var harness = await DeviceHarness.StartAsync(null, null, cancellationToken);

        var request = StackHarness.OcfRequest(CoapCode.Get, "/oic/d").SetObserve(0).Build();
        var response = await harness.Peer.SendAsync(request, null, cancellationToken);

        Assert.That(response.Code, Is.EqualTo(CoapCode.Unauthorized), "observing needs NOTIFY too");
    }

    [Test]
    public async Task LocalRequest_NoConnection_Allowed(CancellationToken cancellationToken)
    {
        await using var stack = DeviceHarness.CreateStack(new InMemoryOcfStore(), new Testing.RecordingLogger());

        var response = await stack.Devices[0].HandleLocalAsync(CoapCode.Get, "/oic/sec/cred", cancellationToken: cancellationToken);

        Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
    }

    [Test]
    public void Stack_Default_AclAccessControl()
    {
        var stack = new OcfStack();

        Assert.That(stack.AccessControl, Is.SameAs(AclAccessControl.Instance));
    }

    private static void OwnBy(OcfDevice device, Guid owner) =>
        device.InvokeAsync(() => device.Security.OwnDevice(OcfUuid.Parse(owner.ToString("D")), includeWellKnownCore: false)).GetAwaiter().GetResult();
}
