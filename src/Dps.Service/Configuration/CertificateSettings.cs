namespace Dps.Service.Configuration;

/// <summary>The <c>certificates</c> section: validity of issued identity certificates (plgd CA defaults).</summary>
internal sealed record CertificateSettings
{
    /// <summary>How far <c>notBefore</c> lies before now (<c>validFrom</c>, default 1h).</summary>
    public TimeSpan Backdate { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Lifetime from <c>notBefore</c> (<c>validity</c>, default 87600h).</summary>
    public TimeSpan Validity { get; init; } = TimeSpan.FromHours(87600);
}
