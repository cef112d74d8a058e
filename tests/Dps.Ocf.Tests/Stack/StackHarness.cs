using Dps.Coap;
using Dps.Ocf.Stack;
using Dps.Testing;
using Microsoft.Extensions.Logging;

namespace Dps.Ocf.Tests.Stack;

/// <summary>
/// The example device (same di as the captured C device) and two started CoAP connections over an
/// in-memory pipe: <see cref="DeviceConnection"/> serves requests with the stack, <see cref="Peer"/>
/// is the DPS/hub side that sends them.
/// </summary>
internal sealed class StackHarness : IAsyncDisposable
{
    public static readonly Guid VectorDeviceId = Guid.Parse("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7");

    private StackHarness(OcfStack stack, RecordingLogger log)
    {
        Stack = stack;
        Log = log;
    }

    public OcfStack Stack { get; }

    public OcfDevice Device => Stack.Devices[0];

    public RecordingLogger Log { get; }

    /// <summary>Set by tests that provoke Error logs; otherwise an Error log fails the test at dispose.</summary>
    public bool ExpectErrors { get; set; }

    public CoapConnection DeviceConnection { get; private set; } = null!;

    public CoapConnection Peer { get; private set; } = null!;

    /// <summary>The example device; dispatch tests run with access control off (ACL tests live in Device/).</summary>
    public static OcfStack CreateStack(RecordingLogger log, TimeProvider? timeProvider = null) =>
        new(
            new OcfStackOptions
            {
                DeviceName = "dps",
                Device = new OcfDeviceOptions { Name = "dps", DeviceId = VectorDeviceId },
            },
            timeProvider,
            new RecordingLoggerFactory(log))
        {
            AccessControl = AllowAllAccessControl.Instance,
        };

    public static Task<StackHarness> StartAsync(Action<OcfStack>? configure = null, CancellationToken cancellationToken = default) =>
        StartAsync(configure, null, cancellationToken);

    public static async Task<StackHarness> StartAsync(Action<OcfStack>? configure, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        var log = new RecordingLogger("stack");
        var stack = CreateStack(log, timeProvider);
        configure?.Invoke(stack);
        var harness = new StackHarness(stack, log);
        var (a, b) = DuplexPipe.CreatePair();
        harness.DeviceConnection = new CoapConnection(a, null, stack, null, log.CreateLogger("device-connection"));
        harness.Peer = new CoapConnection(b, null, null, null, log.CreateLogger("peer-connection"));
        harness.DeviceConnection.Start();
        harness.Peer.Start();
        await harness.Peer.WaitForPeerCsmAsync(cancellationToken);
        await harness.DeviceConnection.WaitForPeerCsmAsync(cancellationToken);
        return harness;
    }

    /// <summary>Adds the example application's resources: /light/1, /switches with two binary switches, /oc/con.</summary>
    public static void AddExampleResources(OcfDevice device)
    {
        device.AddResource(new OcfResource("/oc/con", ["oic.wk.con"], [OcfInterfaces.ReadWrite])
            .OnGet(r => r.Content(w =>
            {
                w.WriteTextString("n");
                w.WriteTextString(r.Device.Name);
            })));
        device.AddResource(LightResource.Create());
        var switches = new OcfCollection("/switches");
        device.AddResource(switches);
        for (int i = 1; i <= 2; i++)
        {
            var item = new OcfResource($"/switches/{i}", ["oic.r.switch.binary"], [OcfInterfaces.Actuator], OcfResourcePolicy.Observable)
                .OnGet(r => r.Content(w =>
                {
                    w.WriteTextString("value");
                    w.WriteBoolean(false);
                }));
            device.AddResource(item);
            switches.AddLink(item);
        }
    }

    /// <summary>Requests with the OCF options a DPS/hub sends (Accept 10000, 2049 = 2048).</summary>
    public static CoapMessageBuilder OcfRequest(CoapCode method, string pathAndQuery) =>
        CoapMessage.Request(method, pathAndQuery)
            .SetAccept(CoapContentFormat.OcfCbor)
            .SetOption(CoapOptionNumber.OcfAcceptContentFormatVersion, 2048);

    public Task<CoapMessage> GetAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        Peer.SendAsync(OcfRequest(CoapCode.Get, pathAndQuery).Build(), null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Peer.DisposeAsync();
        await DeviceConnection.DisposeAsync();
        await Stack.DisposeAsync();
        if (!ExpectErrors)
        {
            Assert.That(Log.Errors, Is.Empty, "no Error logs");
        }
    }
}
