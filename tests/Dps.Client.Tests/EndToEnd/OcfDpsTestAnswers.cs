using Dps.Client.Tests.Context;
using Dps.Coap;
using Dps.Ocf;
using Dps.Security;
using Dps.Testing.Pki;

namespace Dps.Client.Tests.EndToEnd;

/// <summary>What the end-to-end tests share: the DPS cloud answer pointing at a test hub, and the device's manufacturer credentials.</summary>
internal static class OcfDpsTestAnswers
{
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
}
