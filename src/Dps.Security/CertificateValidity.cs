using System.Security.Cryptography.X509Certificates;

namespace Dps.Security;

/// <summary>
/// Validity checks and renewal timing of DPS certificates (PROTOCOL §3.7), as pure functions of
/// the certificate times and "now" (the DPS effective time).
/// </summary>
public static class CertificateValidity
{
    /// <summary>The device's default expiring limit: 3600 s.</summary>
    public static readonly TimeSpan DefaultExpiringLimit = TimeSpan.FromSeconds(3600);

    /// <summary>Classifies <paramref name="certificate"/> at <paramref name="now"/>.</summary>
    public static CertificateValidityState Classify(X509Certificate2 certificate, DateTimeOffset now, TimeSpan expiringLimit)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Classify(NotBefore(certificate), NotAfter(certificate), now, expiringLimit);
    }

    /// <summary>
    /// <c>now &lt; notBefore</c> → NotYetValid; <c>now + limit &gt; notAfter</c> → Expired when
    /// <c>now &gt; notAfter</c>, else Expiring; otherwise Valid.
    /// </summary>
    public static CertificateValidityState Classify(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset now, TimeSpan expiringLimit)
    {
        if (now < notBefore)
        {
            return CertificateValidityState.NotYetValid;
        }

        if (now + expiringLimit > notAfter)
        {
            return now > notAfter ? CertificateValidityState.Expired : CertificateValidityState.Expiring;
        }

        return CertificateValidityState.Valid;
    }

    /// <summary>
    /// When to renew, given the earliest notAfter among the valid DPS certificates: already expiring
    /// → zero; expiring within 1 min → 10 s; within 3 min → 60 s; within 6 min → 120 s; otherwise
    /// two thirds of the remaining lifetime (whole seconds).
    /// </summary>
    public static TimeSpan GetRenewalDelay(DateTimeOffset earliestNotAfter, DateTimeOffset now, TimeSpan expiringLimit)
    {
        if (now + expiringLimit > earliestNotAfter)
        {
            return TimeSpan.Zero;
        }

        TimeSpan remaining = earliestNotAfter - now;
        if (remaining <= TimeSpan.FromMinutes(1))
        {
            return TimeSpan.FromSeconds(10);
        }

        if (remaining <= TimeSpan.FromMinutes(3))
        {
            return TimeSpan.FromSeconds(60);
        }

        if (remaining <= TimeSpan.FromMinutes(6))
        {
            return TimeSpan.FromSeconds(120);
        }

        return TimeSpan.FromSeconds(Math.Floor(remaining.TotalSeconds * 2 / 3));
    }

    /// <summary>The certificate's notBefore in UTC.</summary>
    public static DateTimeOffset NotBefore(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
    }

    /// <summary>The certificate's notAfter in UTC.</summary>
    public static DateTimeOffset NotAfter(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
    }

    /// <summary>
    /// The mid-point of the certificate's validity: the verification time the DPS server uses for
    /// groups with <c>expiredCertificateEnabled</c> (PROTOCOL §1.3).
    /// </summary>
    public static DateTimeOffset Midpoint(X509Certificate2 certificate)
    {
        DateTimeOffset notBefore = NotBefore(certificate);
        return notBefore + ((NotAfter(certificate) - notBefore) / 2);
    }
}
