using System.Security.Cryptography;
using Dps.Coap;
using Dps.Coap.Framing;
using Dps.Fuzz;
using Dps.Service.Configuration;
using Dps.Service.Faults;
using Dps.Service.Hub;
using Dps.Service.Provisioning;
using Dps.Service.Records;
using Dps.Service.Tests.Payloads;
using Dps.Service.Tests.Provisioning;
using Dps.Service.Tokens;
using Microsoft.Extensions.Time.Testing;
using Dps.Testing.Vectors;

namespace Dps.Service.Tests.Fuzz;

internal static partial class ServiceFuzzTargets
{
    private const string RecordId = "e4aa6b98-0b75-5b9c-9a16-4c89bda2f247";

    private static readonly Lazy<HandlerContext> Handlers = new(HandlerContext.Create);

    /// <summary>
    /// Both request handlers with whole mutated CoAP frames: a frame the framer rejects is a
    /// rejection; a decoded request must get an answer, never an exception.
    /// </summary>
    private static IEnumerable<FuzzTarget> HandlerTargets()
    {
        var coap = typeof(CoapFormatException);
        var dpsSeeds = Seeds(
            Frame(Request(CoapCode.Get, DpsRequestHandler.TimePath)),
            Frame(Request(CoapCode.Get, DpsRequestHandler.OwnershipPath)),
            Frame(Request(CoapCode.Post, DpsRequestHandler.CloudConfigurationPath, Golden(DevicePayloads.CloudConfigurationRequest))),
            Frame(Request(CoapCode.Post, DpsRequestHandler.CredentialsPath, Golden(DevicePayloads.CredentialsRequest))),
            Frame(Request(CoapCode.Get, DpsRequestHandler.AclsPath + "?di=" + DeviceId)));
        yield return new FuzzTarget("DpsRequestHandler.HandleAsync", FuzzInputKind.Binary, dpsSeeds, input =>
        {
            var request = CoapTcpFramer.Decode(input);
            var context = Handlers.Value;
            _ = context.Dps.HandleAsync(new DpsSession(RecordId, context.Group), request).AsTask().GetAwaiter().GetResult()
                ?? throw new FuzzCheckException("no reply");
        }, coap)
        {
            UnitTestInputs = 10_000,
        };

        var hubSeeds = Seeds(
            Frame(Request(CoapCode.Post, HubRequestHandler.AccountPath, Golden(DevicePayloads.SignUpRequest))),
            Frame(Request(CoapCode.Post, HubRequestHandler.SessionPath, Golden(DevicePayloads.SignInRequest))),
            Frame(Request(CoapCode.Post, HubRequestHandler.TokenRefreshPath, Golden(DevicePayloads.TokenRefreshRequest))),
            Frame(Request(CoapCode.Post, HubRequestHandler.ResourceDirectoryPath, Golden(DevicePayloads.PublishRequest))),
            Frame(Request(CoapCode.Delete, HubRequestHandler.ResourceDirectoryPath + "?di=" + DeviceId + "&ins=1")));
        yield return new FuzzTarget("HubRequestHandler.HandleAsync", FuzzInputKind.Binary, hubSeeds, input =>
        {
            var request = CoapTcpFramer.Decode(input);
            _ = Handlers.Value.Hub.HandleAsync(new HubSession(DeviceId), request).AsTask().GetAwaiter().GetResult()
                ?? throw new FuzzCheckException("no reply");
        }, coap)
        {
            UnitTestInputs = 10_000,
        };
    }

    private static CoapMessage Request(CoapCode method, string path, byte[]? body = null)
    {
        var builder = CoapMessage.Request(method, path).SetToken(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        if (body is not null)
        {
            builder.SetPayload(body, CoapContentFormat.OcfCbor);
        }

        return builder.Build();
    }

    private static byte[] Frame(CoapMessage message) => CoapTcpFramer.Encode(message).ToArray();

    /// <summary>The handlers over a database in a temporary directory, removed when the process exits.</summary>
    private sealed class HandlerContext
    {
        public required DpsRequestHandler Dps { get; init; }

        public required HubRequestHandler Hub { get; init; }

        public required EnrollmentGroup Group { get; init; }

        public static HandlerContext Create()
        {
            var directory = Directory.CreateTempSubdirectory("dps-fuzz-handlers-").FullName;
            var database = ServiceDatabase.OpenAsync(Path.Combine(directory, "db")).GetAwaiter().GetResult();
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                database.Dispose();
                Directory.Delete(directory, recursive: true);
            };
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 19, 58, 48, TimeSpan.Zero));
            var group = TestGroups.Group("Example Manufacturer CA", TestGroups.Hub(TestGroups.HubA, "coaps+tcp://127.0.0.1:37359"));
            var config = new ServiceConfig
            {
                FilePath = Path.Combine(directory, "dps-service.yaml"),
                BaseDirectory = directory,
                DpsTls = new TlsFiles("a", "b"),
                HubTls = new TlsFiles("c", "d"),
                Tokens = new TokenSettings { SigningKeyFile = "k" },
                Certificates = new CertificateSettings(),
                DatabaseFile = "db",
                EnrollmentGroups = [group],
            };
            var dps = new DpsRequestHandler(
                config,
                new FaultPlan(),
                new TokenAuthority(TokenKey, "dps-service", time),
                new FakeCertificateAuthority(),
                new ProvisioningRecordStore(database, time),
                time);
            var hub = new HubRequestHandler(
                new AccessTokenService(TokenKey, new AccessTokenOptions { DeviceIdClaim = "di" }, time),
                new HubGatewayOptions { DeviceIdClaim = "di" },
                new HubDeviceStore(database, time),
                new FaultPlan(),
                time);
            return new HandlerContext { Dps = dps, Hub = hub, Group = group };
        }
    }
}
