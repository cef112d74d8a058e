using System.Formats.Cbor;
using Dps.Coap;
using Dps.Ocf.Representation;

namespace Dps.Ocf.Tests.Stack;

[CancelAfter(10_000)]
public class DispatchTests
{
    [Test]
    public async Task Get_UnknownPath_NotFound(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);

        var response = await harness.GetAsync("/nothing/here", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.NotFound));
            Assert.That(response.Payload.IsEmpty, Is.True);
            Assert.That(response.ContentFormat, Is.Null);
        });
    }

    [TestCase(0x02)]
    [TestCase(0x03)]
    [TestCase(0x04)]
    [TestCase(0x05)]
    public async Task Request_MethodWithoutHandler_MethodNotAllowed(int method)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var harness = await StackHarness.StartAsync(null, cts.Token);

        var response = await harness.Peer.SendAsync(StackHarness.OcfRequest(new CoapCode((byte)method), "/oic/d").Build(), null, cts.Token);

        Assert.That(response.Code, Is.EqualTo(CoapCode.MethodNotAllowed));
    }

    [Test]
    public async Task Post_CborBody_HandlerReadsItAndAnswersChanged(CancellationToken cancellationToken)
    {
        var light = LightResource.CreateWithState();
        await using var harness = await StackHarness.StartAsync(s => s.Devices[0].AddResource(light.Resource), cancellationToken);

        // Indefinite-length map, as the C device writes.
        byte[] body = Convert.FromHexString("BF657374617465F565706F776572182AFF");
        var request = StackHarness.OcfRequest(CoapCode.Post, "/light/1")
            .SetPayload(body, CoapContentFormat.OcfCbor)
            .SetOption(CoapOptionNumber.OcfContentFormatVersion, 2048)
            .Build();
        var response = await harness.Peer.SendAsync(request, null, cancellationToken);
        var get = await harness.GetAsync("/light/1", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(light.State, Is.True);
            Assert.That(light.Power, Is.EqualTo(42));
            Assert.That(CborTree.Map(get.Payload)["power"], Is.EqualTo(42L));
        });
    }

    [Test]
    public async Task Post_ContentFormat60_Accepted(CancellationToken cancellationToken)
    {
        var light = LightResource.CreateWithState();
        await using var harness = await StackHarness.StartAsync(s => s.Devices[0].AddResource(light.Resource), cancellationToken);

        var request = CoapMessage.Request(CoapCode.Post, "/light/1").SetPayload(Convert.FromHexString("A1657374617465F5"), CoapContentFormat.Cbor).Build();
        var response = await harness.Peer.SendAsync(request, null, cancellationToken);

        Assert.That(response.Code, Is.EqualTo(CoapCode.Changed));
    }

    [Test]
    public async Task Post_JsonBody_UnsupportedContentFormat(CancellationToken cancellationToken)
    {
        var light = LightResource.CreateWithState();
        await using var harness = await StackHarness.StartAsync(s => s.Devices[0].AddResource(light.Resource), cancellationToken);

        var request = CoapMessage.Request(CoapCode.Post, "/light/1").SetPayload("{\"state\":true}"u8.ToArray(), CoapContentFormat.Json).Build();
        var response = await harness.Peer.SendAsync(request, null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.UnsupportedContentFormat));
            Assert.That(light.State, Is.False);
        });
    }

    [Test]
    public async Task Post_MalformedCbor_BadRequestAndNoChange(CancellationToken cancellationToken)
    {
        var light = LightResource.CreateWithState();
        await using var harness = await StackHarness.StartAsync(s => s.Devices[0].AddResource(light.Resource), cancellationToken);

        var truncated = CoapMessage.Request(CoapCode.Post, "/light/1").SetPayload(Convert.FromHexString("BF65737461"), CoapContentFormat.OcfCbor).Build();
        var wrongType = CoapMessage.Request(CoapCode.Post, "/light/1").SetPayload(Convert.FromHexString("A16573746174650A"), CoapContentFormat.OcfCbor).Build();
        var notMap = CoapMessage.Request(CoapCode.Post, "/light/1").SetPayload(Convert.FromHexString("8101"), CoapContentFormat.OcfCbor).Build();

        var responses = new[]
        {
            await harness.Peer.SendAsync(truncated, null, cancellationToken),
            await harness.Peer.SendAsync(wrongType, null, cancellationToken),
            await harness.Peer.SendAsync(notMap, null, cancellationToken),
        };

        Assert.Multiple(() =>
        {
            Assert.That(responses.Select(r => r.Code), Has.All.EqualTo(CoapCode.BadRequest));
            Assert.That(light.State, Is.False);
            Assert.That(harness.Log.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task Get_AcceptCbor60_ResponseContentFormat60(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);

        var response = await harness.Peer.SendAsync(CoapMessage.Request(CoapCode.Get, "/oic/d").SetAccept(CoapContentFormat.Cbor).Build(), null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(response.ContentFormat, Is.EqualTo(CoapContentFormat.Cbor));
            Assert.That(response.Options.Contains(CoapOptionNumber.OcfContentFormatVersion), Is.False, "no 2049 in the request, no 2053 in the answer");
        });
    }

    [Test]
    public async Task Get_NoAccept_OcfCborWithoutVersionOption(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);

        var response = await harness.Peer.SendAsync(CoapMessage.Request(CoapCode.Get, "/oic/d").Build(), null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.ContentFormat, Is.EqualTo(CoapContentFormat.OcfCbor));
            Assert.That(response.Options.Contains(CoapOptionNumber.OcfContentFormatVersion), Is.False);
        });
    }

    [Test]
    public async Task Get_AcceptJson_NotAcceptable(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);

        var response = await harness.Peer.SendAsync(CoapMessage.Request(CoapCode.Get, "/oic/d").SetAccept(CoapContentFormat.Json).Build(), null, cancellationToken);

        Assert.That(response.Code, Is.EqualTo(CoapCode.NotAcceptable));
    }

    [Test]
    public async Task Get_HandlerThrows_InternalServerErrorAndLogged(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(
            s => s.Devices[0].AddResource(new OcfResource("/boom", ["x.boom"]).OnGet(_ => throw new InvalidOperationException("boom"))),
            cancellationToken);
        harness.ExpectErrors = true;

        var response = await harness.GetAsync("/boom", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.InternalServerError));
            Assert.That(harness.Log.WithEventId(3502), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Get_Handler_SeesInterfaceQueryAndAnonClear(CancellationToken cancellationToken)
    {
        OcfRequest? seen = null;
        await using var harness = await StackHarness.StartAsync(
            s => s.Devices[0].AddResource(new OcfResource("/a", ["x.a"], [OcfInterfaces.ReadWrite, OcfInterfaces.Actuator]).OnGet(r =>
            {
                seen = r;
                return r.Content(_ => { });
            })),
            cancellationToken);

        await harness.GetAsync("/a?x=1&if=oic.if.a&x=2", cancellationToken);
        var defaultInterface = seen!.Interface;
        await harness.GetAsync("/a", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(defaultInterface, Is.EqualTo("oic.if.a"));
            Assert.That(seen!.Interface, Is.EqualTo("oic.if.rw"));
            Assert.That(seen.ConnectionType, Is.EqualTo(OcfConnectionType.AnonClear));
            Assert.That(seen.PeerDeviceId, Is.Null);
            Assert.That(seen.Method, Is.EqualTo(CoapCode.Get));
            Assert.That(seen.CoapContext, Is.Not.Null);
        });
    }

    [Test]
    public async Task Handle_DeviceIndexItem_RoutesToThatDevice(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(s => s.AddDevice(new OcfDeviceOptions { Name = "second" }), cancellationToken);
        harness.DeviceConnection.Items[OcfStack.DeviceIndexItem] = 1;

        var response = await harness.GetAsync("/oic/d", cancellationToken);

        Assert.That(CborTree.Map(response.Payload)["n"], Is.EqualTo("second"));
    }

    [Test]
    public async Task Get_StackStopped_ServiceUnavailable(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);
        await harness.Stack.DisposeAsync();

        var response = await harness.GetAsync("/oic/d", cancellationToken);

        Assert.That(response.Code, Is.EqualTo(CoapCode.ServiceUnavailable));
    }

    [Test]
    public void Response_RequestCode_Throws() =>
        Assert.That(() => new OcfResponse(CoapCode.Get), Throws.ArgumentException);

    [Test]
    public async Task Request_Respond_WritesDefiniteLengths()
    {
        await using var stack = new OcfStack();
        var resource = new OcfResource("/a", ["x.a"]).OnGet(r => r.Content(w =>
        {
            w.WriteTextString("list");
            w.WriteStartArray(null);
            w.WriteInt32(1);
            w.WriteEndArray();
        }));
        stack.Devices[0].AddResource(resource);

        var response = await stack.Devices[0].HandleLocalAsync(CoapCode.Get, "/a?if=oic.if.baseline");

        var bytes = response.Payload.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(bytes, Does.Not.Contain((byte)0x9F).And.Not.Contain((byte)0xBF));
            Assert.That(CborTree.Map(bytes).Keys, Is.EqualTo(new[] { "rt", "if", "list" }));
        });
    }
}
