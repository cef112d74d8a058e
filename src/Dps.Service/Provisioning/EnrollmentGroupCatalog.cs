using Dps.Service.Configuration;

namespace Dps.Service.Provisioning;

/// <summary>
/// Looks enrollment groups up by the issuer CNs of a device's certificates (PROTOCOL §1.3 step 2):
/// a group is a candidate when its <see cref="EnrollmentGroup.LeadCertificateName"/> equals one of them.
/// Chain verification against the candidates' chains is done by the TLS layer (Dps.Security).
/// </summary>
internal sealed class EnrollmentGroupCatalog
{
    private readonly IReadOnlyList<EnrollmentGroup> _groups;

    /// <summary>Creates a catalog over the configured groups (order kept: the first match wins).</summary>
    public EnrollmentGroupCatalog(IReadOnlyList<EnrollmentGroup> groups) =>
        _groups = groups ?? throw new ArgumentNullException(nameof(groups));

    /// <summary>All groups.</summary>
    public IReadOnlyList<EnrollmentGroup> Groups => _groups;

    /// <summary>Groups whose lead certificate name equals one of <paramref name="issuerCommonNames"/>, in configuration order.</summary>
    public IReadOnlyList<EnrollmentGroup> FindByIssuers(IEnumerable<string> issuerCommonNames)
    {
        ArgumentNullException.ThrowIfNull(issuerCommonNames);
        var names = new HashSet<string>(issuerCommonNames, StringComparer.Ordinal);
        return _groups.Where(g => names.Contains(g.LeadCertificateName)).ToList();
    }

    /// <summary>The group with id <paramref name="id"/>, or null.</summary>
    public EnrollmentGroup? Find(Guid id) => _groups.FirstOrDefault(g => g.Id == id);
}
