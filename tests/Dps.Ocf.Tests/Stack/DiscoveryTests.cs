using Dps.Coap;
using Dps.Coap.Framing;
using Dps.Ocf.Representation;
using Dps.Testing;

namespace Dps.Ocf.Tests.Stack;

[CancelAfter(10_000)]
public class DiscoveryTests
{
    [Test]
    public async Task DpsProbe_VectorRequest_AnswersLikeTheCDevice(CancellationToken cancellationToken)
    {
        var (response, expected) = await ReplayAsync(ResProbeVectors.DpsProbeRequest, ResProbeVectors.DpsProbeResponse, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(response.Token.ToArray(), Is.EqualTo(expected.Token.ToArray()));
            Assert.That(response.ContentFormat, Is.EqualTo(CoapContentFormat.OcfCbor));
            Assert.That(response.Options.GetUInt(CoapOptionNumber.OcfContentFormatVersion), Is.EqualTo(2048u));
            Assert.That(OptionNumbers(response), Is.EqualTo(OptionNumbers(expected)));
            // Same items, same key order; only the length encoding differs (we write definite lengths).
            Assert.That(Convert.ToHexString(response.Payload.Span), Is.EqualTo(Convert.ToHexString(OcfCbor.ToDefiniteLength(expected.Payload))));
        });
    }

    [Test]
    public async Task HubProbe_VectorRequest_EveryLinkMatchesTheCDevice(CancellationToken cancellationToken)
    {
        var (response, expected) = await ReplayAsync(ResProbeVectors.HubProbeRequest, ResProbeVectors.HubProbeResponse, cancellationToken);

        var expectedLinks = ExtractLinks(OcfCbor.ToDefiniteLength(expected.Payload));
        var ourLinks = ExtractLinks(response.Payload.ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(OptionNumbers(response), Is.EqualTo(OptionNumbers(expected)));
            Assert.That(ourLinks.Keys, Is.EquivalentTo(new[]
            {
                "/oic/p", "/x.plgd.dev/time", "/oc/con", "/oic/res", "/oic/d", "/oic/sec/doxm", "/oic/sec/pstat", "/oic/sec/acl2",
                "/oic/sec/cred", "/oic/sec/sdi", "/CoapCloudConfResURI", "/light/1", "/switches",
            }));
            foreach (var (href, bytes) in ourLinks)
            {
                Assert.That(expectedLinks.ContainsKey(href), Is.True, href);
                if (href == "/switches")
                {
                    // The C collection also lists oic.if.create; ours does not create links.
                    Assert.That(CborTree.Strings(CborTree.Map(bytes)["if"]), Is.EqualTo(new[] { "oic.if.ll", "oic.if.b", "oic.if.baseline" }));
                    continue;
                }

                Assert.That(Convert.ToHexString(bytes), Is.EqualTo(Convert.ToHexString(expectedLinks[href])), href);
            }
        });
    }

    [Test]
    public async Task Get_LinkList_ListsSelfWithRelAndNotUndiscoverable(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(s => StackHarness.AddExampleResources(s.Devices[0]), cancellationToken);

        var response = await harness.GetAsync("/oic/res", cancellationToken);

        var links = CborTree.Array(response.Payload).Select(CborTree.AsMap).ToList();
        var self = links.Single(l => (string)l["href"]! == "/oic/res");
        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(self.Keys.First(), Is.EqualTo("rel"));
            Assert.That(CborTree.Strings(self["rel"]), Is.EqualTo(new[] { "self" }));
            Assert.That(links.Select(l => (string)l["href"]!), Has.None.StartsWith("/switches/"));
            Assert.That(links.Select(l => (string)l["anchor"]!), Has.All.EqualTo("ocf://1640915f-d3f0-44ce-54bb-5bff4d0ed8a7"));
        });
    }

    [Test]
    public async Task Get_EndpointsSet_LinksCarryEps(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);
        harness.Device.Endpoints = ["coaps+tcp://[fe80::1]:5684"];

        var response = await harness.GetAsync("/oic/res?rt=oic.wk.d", cancellationToken);

        var link = CborTree.AsMap(CborTree.Array(response.Payload).Single());
        var eps = CborTree.AsArray(link["eps"]).Select(CborTree.AsMap).ToList();
        Assert.That(eps.Select(e => e["ep"]), Is.EqualTo(new[] { "coaps+tcp://[fe80::1]:5684" }));
    }

    [Test]
    public async Task Get_Baseline_OneObjectWithRtIfAndLinks(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);

        var response = await harness.GetAsync("/oic/res?if=oic.if.baseline", cancellationToken);

        var root = CborTree.Array(response.Payload);
        var map = CborTree.AsMap(root.Single());
        Assert.Multiple(() =>
        {
            Assert.That(map.Keys, Is.EqualTo(new[] { "rt", "if", "links" }));
            Assert.That(CborTree.Strings(map["rt"]), Is.EqualTo(new[] { "oic.wk.res" }));
            Assert.That(CborTree.Strings(map["if"]), Is.EqualTo(new[] { "oic.if.ll", "oic.if.b", "oic.if.baseline" }));
            Assert.That(CborTree.AsArray(map["links"]), Has.Count.EqualTo(harness.Device.Resources.Count));
        });
    }

    [Test]
    public async Task Get_Batch_HrefsAreOcfUrisAndRepsAreRepresentations(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(s => StackHarness.AddExampleResources(s.Devices[0]), cancellationToken);

        var response = await harness.GetAsync("/oic/res?if=oic.if.b", cancellationToken);

        var items = CborTree.Array(response.Payload).Select(CborTree.AsMap).ToList();
        var byHref = items.ToDictionary(i => (string)i["href"]!, i => i["rep"]);
        const string anchor = "ocf://1640915f-d3f0-44ce-54bb-5bff4d0ed8a7";
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.Keys.ToArray()), Has.All.EqualTo(new[] { "href", "rep" }));
            Assert.That(byHref.Keys, Does.Not.Contain(anchor + "/oic/res"));
            Assert.That(CborTree.AsMap(byHref[anchor + "/oic/d"])["n"], Is.EqualTo("dps"));
            Assert.That(CborTree.AsMap(byHref[anchor + "/light/1"])["state"], Is.EqualTo(false));
            Assert.That(CborTree.AsMap(byHref[anchor + "/oic/p"])["mnmn"], Is.EqualTo("ocfcloud.com"));
            Assert.That(CborTree.AsArray(byHref[anchor + "/switches"]), Has.Count.EqualTo(2), "the collection's default interface is oic.if.ll");
        });
    }

    [Test]
    public async Task Get_RtFilter_OnlyMatchingLinks(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(s => StackHarness.AddExampleResources(s.Devices[0]), cancellationToken);

        var some = await harness.GetAsync("/oic/res?rt=core.light&rt=oic.wk.p", cancellationToken);
        var none = await harness.GetAsync("/oic/res?rt=x.unknown", cancellationToken);
        var batch = await harness.GetAsync("/oic/res?if=oic.if.b&rt=core.light", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(CborTree.Array(some.Payload).Select(l => CborTree.AsMap(l)["href"]), Is.EquivalentTo(new[] { "/light/1", "/oic/p" }));
            Assert.That(none.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(CborTree.Array(none.Payload), Is.Empty);
            Assert.That(CborTree.Array(batch.Payload).Select(l => CborTree.AsMap(l)["href"]), Is.EqualTo(new[] { "ocf://1640915f-d3f0-44ce-54bb-5bff4d0ed8a7/light/1" }));
        });
    }

    [Test]
    public async Task Get_UnsupportedInterface_BadRequest(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);

        var response = await harness.GetAsync("/oic/res?if=oic.if.rw", cancellationToken);

        Assert.That(response.Code, Is.EqualTo(CoapCode.BadRequest));
    }

    [Test]
    public async Task Collection_LinkListBaselineAndBatch(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(s => StackHarness.AddExampleResources(s.Devices[0]), cancellationToken);

        var ll = await harness.GetAsync("/switches", cancellationToken);
        var baseline = await harness.GetAsync("/switches?if=oic.if.baseline", cancellationToken);
        var batch = await harness.GetAsync("/switches?if=oic.if.b", cancellationToken);

        var baselineMap = CborTree.Map(baseline.Payload);
        var batchItems = CborTree.Array(batch.Payload).Select(CborTree.AsMap).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(CborTree.Array(ll.Payload).Select(l => CborTree.AsMap(l)["href"]), Is.EqualTo(new[] { "/switches/1", "/switches/2" }));
            Assert.That(CborTree.Array(ll.Payload).Select(l => CborTree.Strings(CborTree.AsMap(l)["rt"]).Single()), Has.All.EqualTo("oic.r.switch.binary"));
            Assert.That(baselineMap.Keys, Is.EqualTo(new[] { "rt", "if", "links" }));
            Assert.That(CborTree.Strings(baselineMap["rt"]), Is.EqualTo(new[] { "oic.wk.col" }));
            Assert.That(batchItems.Select(i => i["href"]), Is.EqualTo(new[] { "/switches/1", "/switches/2" }));
            Assert.That(batchItems.Select(i => CborTree.AsMap(i["rep"])["value"]), Has.All.EqualTo(false));
        });
    }

    private static async Task<(CoapMessage Response, CoapMessage Expected)> ReplayAsync(string requestHex, string responseHex, CancellationToken cancellationToken)
    {
        var log = new RecordingLogger("stack");
        await using var stack = StackHarness.CreateStack(log);
        StackHarness.AddExampleResources(stack.Devices[0]);
        var (a, b) = DuplexPipe.CreatePair();
        // The hub's CSM carries no Max-Message-Size and the C device answers 2472 bytes anyway; ours
        // would answer 5.00 above 1152 bytes unless told the peer takes more.
        await using var device = new CoapConnection(a, new CoapConnectionOptions { AssumePeerMaxMessageSize = 8192 }, stack);
        await using var server = new RawCoapPeer(b);
        device.Start();

        await server.SendRawAsync(Convert.FromHexString(requestHex), cancellationToken);
        var response = await server.ReadUntilAsync(CoapCode.Content, cancellationToken);

        Assert.That(log.Errors, Is.Empty);
        return (response, CoapTcpFramer.Decode((ReadOnlyMemory<byte>)Convert.FromHexString(responseHex)));
    }

    private static int[] OptionNumbers(CoapMessage message) => message.Options.Select(o => (int)o.Number).ToArray();

    /// <summary>Each link of a link array, re-encoded, by href.</summary>
    private static Dictionary<string, byte[]> ExtractLinks(byte[] payload)
    {
        var reader = OcfCbor.CreateReader(payload);
        var links = new Dictionary<string, byte[]>();
        reader.ReadStartArray();
        while (reader.PeekState() != System.Formats.Cbor.CborReaderState.EndArray)
        {
            byte[] encoded = reader.ReadEncodedValue().ToArray();
            links[(string)CborTree.Map(encoded)["href"]!] = encoded;
        }

        return links;
    }
}
