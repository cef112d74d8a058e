using Dps.Service.Certificates;

namespace Dps.Service.Tests.Provisioning;

internal sealed class FakeCertificateAuthority : ICertificateAuthority
{
    public List<IdentityCertificateRequest> Requests { get; } = [];

    public Exception? Failure { get; set; }

    public IReadOnlyList<string> Chain { get; set; } = ["LEAF\n", "ROOT\n"];

    public ValueTask<IssuedIdentityCertificate> IssueIdentityAsync(IdentityCertificateRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        if (Failure is not null)
        {
            throw Failure;
        }

        return ValueTask.FromResult(new IssuedIdentityCertificate("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7", Chain));
    }
}
