using Dps.Service.Configuration;
using Dps.Service.Identity;

namespace Dps.Service.Tests.Provisioning;

internal static class TestGroups
{
    public static readonly Guid HubA = new("5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b");
    public static readonly Guid HubB = new("6b5f8d2f-4c3e-4f70-8b9c-2d3e4f5a6b7c");

    public static HubSettings Hub(Guid id, params string[] gateways) => new()
    {
        Id = id,
        HubId = id,
        Gateways = gateways,
        CertificateAuthority = new TlsFiles("/ca.crt", "/ca.key"),
    };

    public static EnrollmentGroup Group(string lead, params HubSettings[] hubs) => new()
    {
        Id = Guid.NewGuid(),
        Owner = "1",
        OwnerUuid = OwnerUuid.FromOwner("1"),
        Name = lead,
        CertificateChainPem = string.Empty,
        LeadCertificateName = lead,
        Hubs = hubs,
    };
}
