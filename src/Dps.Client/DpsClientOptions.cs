using System.Security.Cryptography;

namespace Dps.Client;

/// <summary>
/// Options of the DPS client (the setters of <c>plgd_dps.h</c>). Copied when handed to the client
/// (<see cref="Clone"/>), so later changes by the caller have no effect; checked by <see cref="Validate"/>.
/// </summary>
public sealed class DpsClientOptions
{
    /// <summary>The largest expiring limit, in seconds (the C API stores <c>uint16_t</c>).</summary>
    public const int MaxExpiringLimitSeconds = ushort.MaxValue;

    /// <summary>DPS endpoint addresses to add at start; the first becomes selected.</summary>
    public IList<DpsEndpoint> Endpoints { get; init; } = [];

    /// <summary>The retry configuration (default <c>[10, 20, 40, 80, 120]</c> s).</summary>
    public DpsRetryConfiguration RetryConfiguration { get; set; } = DpsRetryConfiguration.Default;

    /// <summary>A custom retry scheduler replacing the default one, or <see langword="null"/>.</summary>
    public DpsScheduleAction? ScheduleAction { get; set; }

    /// <summary>The cloud status observer configuration.</summary>
    public DpsCloudObserverConfiguration CloudObserver { get; set; } = new();

    /// <summary>
    /// Certificates whose <c>notAfter</c> falls within this limit count as expiring (renewed, and
    /// rejected when received). Whole seconds, 0–65535; default 3600 s.
    /// </summary>
    public TimeSpan ExpiringLimit { get; set; } = DpsCertificateTiming.DefaultExpiringLimit;

    /// <summary>A pinned DPS server certificate fingerprint, or <see langword="null"/>.</summary>
    public DpsCertificateFingerprint? CertificateFingerprint { get; set; }

    /// <summary>Fingerprint algorithms accepted (from the API and from DHCP). Default SHA-256 only.</summary>
    public IList<HashAlgorithmName> AllowedFingerprintAlgorithms { get; init; } = [HashAlgorithmName.SHA256];

    /// <summary>Skip verification of the DPS server certificate (<c>plgd_dps_set_skip_verify</c>).</summary>
    public bool SkipVerify { get; set; }

    /// <summary>Create the <c>/plgd/dps</c> configuration resource.</summary>
    public bool CreateConfigurationResource { get; set; }

    /// <summary>The DHCP sub-option code of the DPS endpoint (default 200).</summary>
    public byte DhcpEndpointOptionCode { get; set; } = DpsDhcp.DefaultEndpointOptionCode;

    /// <summary>The DHCP sub-option code of the certificate fingerprint (default 201).</summary>
    public byte DhcpCertificateFingerprintOptionCode { get; set; } = DpsDhcp.DefaultCertificateFingerprintOptionCode;

    // Whole seconds, 0–MaxExpiringLimitSeconds (the C API stores uint16_t seconds).
    internal static bool IsValidExpiringLimit(TimeSpan limit) =>
        limit >= TimeSpan.Zero && limit.Ticks % TimeSpan.TicksPerSecond == 0
        && limit <= TimeSpan.FromSeconds(MaxExpiringLimitSeconds);

    /// <summary>Checks every value.</summary>
    /// <exception cref="InvalidOperationException">A value is missing or out of range; the message names it.</exception>
    public void Validate()
    {
        if (Endpoints is null || RetryConfiguration is null || CloudObserver is null || AllowedFingerprintAlgorithms is null)
        {
            throw new InvalidOperationException(
                "Endpoints, RetryConfiguration, CloudObserver and AllowedFingerprintAlgorithms must not be null.");
        }
        foreach (var endpoint in Endpoints)
        {
            if (endpoint is null)
            {
                throw new InvalidOperationException("Endpoints must not contain null.");
            }
        }
        CloudObserver.Validate();
        if (!IsValidExpiringLimit(ExpiringLimit))
        {
            throw new InvalidOperationException(
                $"ExpiringLimit is {ExpiringLimit}; it must be whole seconds, 0–{MaxExpiringLimitSeconds} s.");
        }
        foreach (var algorithm in AllowedFingerprintAlgorithms)
        {
            if (DpsCertificateFingerprint.GetDigestLength(algorithm) < 0)
            {
                throw new InvalidOperationException(
                    $"Fingerprint algorithm '{algorithm.Name}' is not supported; use SHA256 or SHA384.");
            }
        }
        if (CertificateFingerprint is { IsUsable: true } fingerprint
            && !AllowedFingerprintAlgorithms.Contains(fingerprint.Algorithm))
        {
            throw new InvalidOperationException(
                $"CertificateFingerprint uses {fingerprint.Algorithm.Name}, which is not in AllowedFingerprintAlgorithms.");
        }
        if (DhcpEndpointOptionCode == DhcpCertificateFingerprintOptionCode
            || DhcpEndpointOptionCode == DpsDhcp.CertificateFingerprintHashNameOptionCode
            || DhcpCertificateFingerprintOptionCode == DpsDhcp.CertificateFingerprintHashNameOptionCode)
        {
            throw new InvalidOperationException(
                $"The DHCP option codes must differ from each other and from {DpsDhcp.CertificateFingerprintHashNameOptionCode}.");
        }
    }

    /// <summary>A deep copy (the client keeps its own).</summary>
    public DpsClientOptions Clone() => new()
    {
        Endpoints = [.. Endpoints],
        RetryConfiguration = RetryConfiguration,
        ScheduleAction = ScheduleAction,
        CloudObserver = CloudObserver.Clone(),
        ExpiringLimit = ExpiringLimit,
        CertificateFingerprint = CertificateFingerprint,
        AllowedFingerprintAlgorithms = [.. AllowedFingerprintAlgorithms],
        SkipVerify = SkipVerify,
        CreateConfigurationResource = CreateConfigurationResource,
        DhcpEndpointOptionCode = DhcpEndpointOptionCode,
        DhcpCertificateFingerprintOptionCode = DhcpCertificateFingerprintOptionCode,
    };
}
