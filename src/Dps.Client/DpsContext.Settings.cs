using System.Security.Cryptography;

namespace Dps.Client;

// Settings that may change while the context runs (the plgd_dps_set_* / get_* pairs). A setter
// validates at once, publishes the new value to readers on other threads and queues the change on
// the device's executor, so it takes effect before any work posted after it.
public sealed partial class DpsContext
{
    private SettingsSnapshot? _settings;

    /// <summary>
    /// Skip verification of the DPS server's certificate (<c>plgd_dps_set_skip_verify</c>). Takes
    /// effect at the next connection.
    /// </summary>
    public bool SkipVerify
    {
        get => Settings.SkipVerify;
        set => UpdateSettings(s => s with { SkipVerify = value }, () => _options.SkipVerify = value);
    }

    /// <summary>
    /// The retry configuration (<c>plgd_dps_set_retry_configuration</c>): 1–8 values of 1–255 s.
    /// The retry counter restarts on the new schedule at the next step.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public DpsRetryConfiguration RetryConfiguration
    {
        get => Settings.RetryConfiguration;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            UpdateSettings(s => s with { RetryConfiguration = value }, () =>
            {
                _options.RetryConfiguration = value;
                _retry.Configuration = value;
            });
        }
    }

    /// <summary>
    /// How long before expiry a certificate counts as expiring and is renewed
    /// (<c>plgd_dps_pki_set_expiring_limit</c>): whole seconds, 0–65535.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, fractional or too large.</exception>
    public TimeSpan ExpiringLimit
    {
        get => Settings.ExpiringLimit;
        set
        {
            if (!DpsClientOptions.IsValidExpiringLimit(value))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(value), value, $"The expiring limit must be whole seconds, 0–{DpsClientOptions.MaxExpiringLimitSeconds} s.");
            }
            UpdateSettings(s => s with { ExpiringLimit = value }, () => _options.ExpiringLimit = value);
        }
    }

    /// <summary>
    /// The cloud status observer (<c>plgd_dps_set_cloud_observer_configuration</c>); a copy is kept,
    /// a max count of 0 disables it. Takes effect the next time the observer starts.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="InvalidOperationException">The configuration is out of range.</exception>
    public DpsCloudObserverConfiguration CloudObserver
    {
        get => Settings.CloudObserver.Clone();
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            var copy = value.Clone();
            copy.Validate();
            UpdateSettings(s => s with { CloudObserver = copy }, () => _options.CloudObserver = copy.Clone());
        }
    }

    /// <summary>
    /// Replaces the retry schedule (<c>plgd_dps_set_schedule_action</c>); null restores the
    /// default schedule built from <see cref="RetryConfiguration"/>.
    /// </summary>
    public DpsScheduleAction? ScheduleAction
    {
        get => Settings.ScheduleAction;
        set => UpdateSettings(s => s with { ScheduleAction = value }, () =>
        {
            _options.ScheduleAction = value;
            _retry.ScheduleAction = value;
        });
    }

    /// <summary>
    /// The pinned fingerprint of a certificate of the DPS server's chain
    /// (<c>plgd_dps_get_certificate_fingerprint</c>); null when none is set. Cleared by a factory reset.
    /// </summary>
    public DpsCertificateFingerprint? CertificateFingerprint => Settings.Fingerprint;

    /// <summary>
    /// Pins the DPS server by the fingerprint of a certificate of its chain
    /// (<c>plgd_dps_set_certificate_fingerprint</c>); an empty digest clears it.
    /// </summary>
    /// <param name="algorithm">SHA-256 or another algorithm in <see cref="DpsClientOptions.AllowedFingerprintAlgorithms"/>.</param>
    /// <param name="digest">The digest, of the algorithm's length.</param>
    /// <exception cref="ArgumentException">The algorithm is not allowed or the digest has the wrong length.</exception>
    public void SetCertificateFingerprint(HashAlgorithmName algorithm, ReadOnlySpan<byte> digest)
    {
        DpsCertificateFingerprint? fingerprint = null;
        if (!digest.IsEmpty)
        {
            if (!_options.AllowedFingerprintAlgorithms.Contains(algorithm))
            {
                throw new ArgumentException($"Fingerprint algorithm '{algorithm.Name}' is not allowed.", nameof(algorithm));
            }
            fingerprint = DpsCertificateFingerprint.Create(algorithm, digest);
        }
        UpdateSettings(s => s with { Fingerprint = fingerprint }, () => _fingerprint = fingerprint);
    }

    private SettingsSnapshot Settings => Volatile.Read(ref _settings) ?? InitialSettings();

    private SettingsSnapshot InitialSettings()
    {
        var initial = new SettingsSnapshot(
            _options.SkipVerify, _options.RetryConfiguration, _options.ExpiringLimit,
            _options.CloudObserver.Clone(), _options.ScheduleAction, _options.CertificateFingerprint);
        Interlocked.CompareExchange(ref _settings, initial, null);
        return Volatile.Read(ref _settings)!;
    }

    private void UpdateSettings(Func<SettingsSnapshot, SettingsSnapshot> update, Action apply)
    {
        PublishSettings(update);
        Post(() =>
        {
            apply();
            return ValueTask.CompletedTask;
        });
    }

    // Executor only: the fingerprint changed by a factory reset or DHCP options; readers see it too.
    private void SetFingerprintOnExecutor(DpsCertificateFingerprint? fingerprint)
    {
        _fingerprint = fingerprint;
        PublishSettings(s => s with { Fingerprint = fingerprint });
    }

    private void PublishSettings(Func<SettingsSnapshot, SettingsSnapshot> update)
    {
        SettingsSnapshot current;
        do
        {
            current = Settings;
        }
        while (Interlocked.CompareExchange(ref _settings, update(current), current) != current);
    }

    private sealed record SettingsSnapshot(
        bool SkipVerify,
        DpsRetryConfiguration RetryConfiguration,
        TimeSpan ExpiringLimit,
        DpsCloudObserverConfiguration CloudObserver,
        DpsScheduleAction? ScheduleAction,
        DpsCertificateFingerprint? Fingerprint);
}
