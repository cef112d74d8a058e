namespace Dps.Client;

/// <summary>
/// Certificate validity classification and renewal timing of the DPS client (PROTOCOL.md §3.7), as
/// pure functions over validity dates: no X.509 parsing, no clock. Times are compared in whole
/// seconds, as plgd does.
/// </summary>
public static class DpsCertificateTiming
{
    /// <summary>The default expiring limit: 3600 s.</summary>
    public static TimeSpan DefaultExpiringLimit { get; } = TimeSpan.FromSeconds(3600);

    /// <summary>The renewal delay when the certificate expires within 1 minute.</summary>
    public static TimeSpan MinimumRenewalDelay { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>now &lt; notBefore</c> → not yet valid; <c>now + limit &gt; notAfter</c> → expired when
    /// <c>now &gt; notAfter</c>, else expiring; otherwise valid.
    /// </summary>
    public static DpsCertificateValidity Classify(
        DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset now, TimeSpan expiringLimit)
    {
        var nowS = now.ToUnixTimeSeconds();
        if (nowS < notBefore.ToUnixTimeSeconds())
        {
            return DpsCertificateValidity.NotYetValid;
        }
        var notAfterS = notAfter.ToUnixTimeSeconds();
        if (IsExpiring(notAfterS, nowS, expiringLimit))
        {
            return nowS > notAfterS ? DpsCertificateValidity.Expired : DpsCertificateValidity.Expiring;
        }
        return DpsCertificateValidity.Valid;
    }

    /// <summary>
    /// When to renew, given the earliest <c>notAfter</c> of the valid DPS certificates: 0 when already
    /// expiring; 10 s when it expires within 1 minute; 60 s within 3 minutes; 120 s within 6 minutes;
    /// otherwise 2/3 of the remaining lifetime. The result is at least <paramref name="minimum"/>
    /// (the current retry delay when rescheduling after a failed renewal).
    /// </summary>
    public static TimeSpan GetRenewalDelay(
        DateTimeOffset notAfter, DateTimeOffset now, TimeSpan expiringLimit, TimeSpan minimum = default)
    {
        var delay = GetRenewalDelayCore(notAfter.ToUnixTimeSeconds(), now.ToUnixTimeSeconds(), expiringLimit);
        return delay < minimum ? minimum : delay;
    }

    private static TimeSpan GetRenewalDelayCore(long notAfterS, long nowS, TimeSpan expiringLimit)
    {
        if (IsExpiring(notAfterS, nowS, expiringLimit))
        {
            return TimeSpan.Zero;
        }
        if (nowS + 60 > notAfterS)
        {
            return MinimumRenewalDelay;
        }
        if (nowS + (3 * 60) > notAfterS)
        {
            return TimeSpan.FromMinutes(1);
        }
        if (nowS + (6 * 60) > notAfterS)
        {
            return TimeSpan.FromMinutes(2);
        }
        return TimeSpan.FromMilliseconds((notAfterS - nowS) * 1000 * 2 / 3);
    }

    private static bool IsExpiring(long notAfterS, long nowS, TimeSpan expiringLimit) =>
        nowS + (long)expiringLimit.TotalSeconds > notAfterS;
}
