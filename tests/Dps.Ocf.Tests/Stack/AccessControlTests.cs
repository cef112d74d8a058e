using Dps.Coap;

namespace Dps.Ocf.Tests.Stack;

[CancelAfter(10_000)]
public class AccessControlTests
{
    private sealed class FakeAccessControl(Func<OcfRequest, OcfAccessOutcome> decide) : IOcfAccessControl
    {
        public List<OcfRequest> Seen { get; } = [];

        public OcfAccessOutcome Decide(OcfRequest request)
        {
            Seen.Add(request);
            return decide(request);
        }
    }

    [TestCase(OcfAccessOutcome.Unauthorized, 0x81)]
    [TestCase(OcfAccessOutcome.Forbidden, 0x83)]
    public async Task Request_Denied_ErrorCodeAndHandlerNotCalled(OcfAccessOutcome outcome, int expectedCode)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var light = LightResource.CreateWithState();
        var access = new FakeAccessControl(r => r.Resource.Uri == "/light/1" ? outcome : OcfAccessOutcome.Allow);
        await using var harness = await StackHarness.StartAsync(
            s =>
            {
                s.Devices[0].AddResource(light.Resource);
                s.AccessControl = access;
            },
            cts.Token);

        var request = StackHarness.OcfRequest(CoapCode.Post, "/light/1").SetPayload(Convert.FromHexString("A1657374617465F5"), CoapContentFormat.OcfCbor).Build();
        var response = await harness.Peer.SendAsync(request, null, cts.Token);
        var allowed = await harness.GetAsync("/oic/d", cts.Token);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(new CoapCode((byte)expectedCode)));
            Assert.That(light.State, Is.False);
            Assert.That(allowed.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(access.Seen[0].Method, Is.EqualTo(CoapCode.Post));
            Assert.That(access.Seen[0].ConnectionType, Is.EqualTo(OcfConnectionType.AnonClear));
            Assert.That(access.Seen[0].PeerDeviceId, Is.Null);
        });
    }

    [Test]
    public async Task Denied_BeforeMethodCheck_NoInformationLeak(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(
            s => s.AccessControl = new FakeAccessControl(_ => OcfAccessOutcome.Unauthorized),
            cancellationToken);

        var response = await harness.Peer.SendAsync(StackHarness.OcfRequest(CoapCode.Delete, "/oic/d").Build(), null, cancellationToken);

        Assert.That(response.Code, Is.EqualTo(CoapCode.Unauthorized));
    }

    [Test]
    public async Task Batch_DeniedMember_LeftOut(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(
            s =>
            {
                StackHarness.AddExampleResources(s.Devices[0]);
                s.AccessControl = new FakeAccessControl(r => r.Resource.Uri == "/light/1" ? OcfAccessOutcome.Forbidden : OcfAccessOutcome.Allow);
            },
            cancellationToken);

        var response = await harness.GetAsync("/oic/res?if=oic.if.b", cancellationToken);

        var hrefs = CborTree.Array(response.Payload).Select(i => (string)CborTree.AsMap(i)["href"]!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(hrefs, Has.None.EndsWith("/light/1"));
            Assert.That(hrefs, Has.Some.EndsWith("/oic/d"));
        });
    }

    [Test]
    public void AccessControl_SetNull_AllowsAll()
    {
        var stack = new OcfStack();
        stack.AccessControl = null!;

        Assert.That(stack.AccessControl.Decide(null!), Is.EqualTo(OcfAccessOutcome.Allow));
    }
}
