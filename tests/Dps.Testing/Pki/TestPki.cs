using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Security;

namespace Dps.Testing.Pki;

/// <summary>
/// A throwaway OCF/plgd-style PKI made at test time, with the same layout and file names as
/// <c>make-pki.sh</c>: manufacturer side (root-ca → mfg-ca → mfg-device) and hub side (hub-ca →
/// dps-server, hub-identity-device). All keys ECDSA P-256, SHA-256 signatures. Use
/// <see cref="Shared"/> (made once per process) unless a test needs its own.
/// </summary>
public sealed class TestPki : IDisposable
{
    /// <summary>The device id of <c>mfg-device</c> and <c>hub-identity-device</c>.</summary>
    public static readonly Guid DefaultDeviceId = new("00000000-0000-0000-0000-000000000001");

    private static readonly Lazy<TestPki> SharedInstance = new(() => Create(DateTimeOffset.UtcNow), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock DirectoryLock = new();
    private static string? _sharedDirectory;

    private TestPki(DateTimeOffset validFrom, Guid deviceId)
    {
        ValidFrom = validFrom;
        DeviceId = deviceId;
        DateTimeOffset caUntil = validFrom.AddDays(7300);
        DateTimeOffset leafUntil = validFrom.AddDays(3650);

        using (ECDsa key = EcKeys.Generate())
        {
            RootCa = CertificateAuthority.CreateRoot(
                new X500DistinguishedName("CN=Example OCF Root CA, O=Example OCF Root Org, C=US"), key, validFrom, caUntil);
        }

        using (ECDsa key = EcKeys.Generate())
        {
            MfgCa = RootCa.IssueIntermediate(
                new X500DistinguishedName("CN=Example Manufacturer CA, O=Example Manufacturer, C=US"), key, validFrom, caUntil, pathLength: 0);
        }

        using (ECDsa key = EcKeys.Generate())
        {
            using X509Certificate2 leaf = MfgCa.IssueDeviceCertificate(
                new X500DistinguishedName($"CN=uuid:{deviceId:D}, O=Example Manufacturer, C=US"), key, validFrom, leafUntil);
            MfgDevice = TlsIdentity.Create(leaf, key, [MfgCa.Certificate]);
        }

        using (ECDsa key = EcKeys.Generate())
        {
            HubCa = CertificateAuthority.CreateRoot(
                new X500DistinguishedName("CN=Example plgd Hub CA, O=Example plgd Hub, C=US"), key, validFrom, caUntil);
        }

        DpsServer = IssueDpsServer(validFrom, leafUntil);

        using (ECDsa key = EcKeys.Generate())
        {
            using X509Certificate2 leaf = HubCa.IssueDeviceCertificate(
                new X500DistinguishedName($"CN=uuid:{deviceId:D}, O=Example plgd Hub"), key, validFrom, leafUntil);
            HubIdentityDevice = TlsIdentity.Create(leaf, key);
        }
    }

    /// <summary>One PKI per test process, valid from one day before it was made for ten years.</summary>
    public static TestPki Shared => SharedInstance.Value;

    /// <summary>Start of every certificate's validity.</summary>
    public DateTimeOffset ValidFrom { get; }

    /// <summary>The device id in the <c>CN=uuid:</c> of the device certificates.</summary>
    public Guid DeviceId { get; }

    /// <summary><c>root-ca</c>: "Example OCF Root CA", self-signed.</summary>
    public CertificateAuthority RootCa { get; }

    /// <summary><c>mfg-ca</c>: "Example Manufacturer CA", signed by root-ca, pathlen 0.</summary>
    public CertificateAuthority MfgCa { get; }

    /// <summary><c>mfg-device</c> with key; sends leaf + mfg-ca (<c>mfg-device-chain.crt</c>).</summary>
    public TlsIdentity MfgDevice { get; }

    /// <summary><c>hub-ca</c>: "Example plgd Hub CA", self-signed, independent of root-ca.</summary>
    public CertificateAuthority HubCa { get; }

    /// <summary><c>dps-server</c>: CN=localhost, SAN localhost/127.0.0.1/::1, signed by hub-ca.</summary>
    public TlsIdentity DpsServer { get; }

    /// <summary><c>hub-identity-device</c>: the identity certificate DPS would issue, signed by hub-ca.</summary>
    public TlsIdentity HubIdentityDevice { get; }

    /// <summary>Makes a fresh PKI whose certificates are valid from one day before <paramref name="now"/>.</summary>
    public static TestPki Create(DateTimeOffset now, Guid? deviceId = null)
    {
        return new TestPki(now.AddDays(-1), deviceId ?? DefaultDeviceId);
    }

    /// <summary>Makes a fresh PKI whose certificates are valid from one day before <paramref name="timeProvider"/>'s now.</summary>
    public static TestPki Create(TimeProvider timeProvider, Guid? deviceId = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Create(timeProvider.GetUtcNow(), deviceId);
    }

    /// <summary>
    /// The shared PKI written (once per process) into a temporary directory, deleted when the
    /// process exits; returns the directory.
    /// </summary>
    public static string SharedDirectory()
    {
        lock (DirectoryLock)
        {
            if (_sharedDirectory is null)
            {
                string dir = Path.Combine(Path.GetTempPath(), $"dps-test-pki-{Environment.ProcessId}-{Guid.NewGuid():N}");
                Shared.WriteTo(dir);
                _sharedDirectory = dir;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDeleteDirectory(dir);
            }

            return _sharedDirectory;
        }
    }

    /// <summary>
    /// Issues another dps-server style certificate from hub-ca with the given validity (e.g. an
    /// expired one).
    /// </summary>
    public TlsIdentity IssueDpsServer(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using ECDsa key = EcKeys.Generate();
        using X509Certificate2 leaf = HubCa.IssueServerCertificate(
            new X500DistinguishedName("CN=localhost, O=Example plgd Hub, C=US"),
            key,
            ["localhost"],
            [IPAddress.Loopback, IPAddress.IPv6Loopback],
            notBefore,
            notAfter);
        return TlsIdentity.Create(leaf, key);
    }

    /// <summary>
    /// Writes the PKI as PEM/DER files named like make-pki.sh (keys 0600) into
    /// <paramref name="directory"/>, creating it.
    /// </summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        WriteCa(directory, "root-ca", RootCa);
        WriteCa(directory, "mfg-ca", MfgCa);
        WriteCa(directory, "hub-ca", HubCa);
        WriteLeaf(directory, "mfg-device", MfgDevice);
        WriteLeaf(directory, "dps-server", DpsServer);
        WriteLeaf(directory, "hub-identity-device", HubIdentityDevice);

        PemFile.WriteCertificates(Path.Combine(directory, "mfg-device-chain.crt"), MfgDevice.Chain);
        using (ECDsa key = MfgDevice.GetPrivateKey())
        {
            PemFile.WriteAtomic(
                Path.Combine(directory, "mfg-device-full.pem"),
                PemCertificates.ToPem(MfgDevice.Chain) + EcKeys.ToPkcs8Pem(key),
                PemFile.PrivateMode);
        }

        PemFile.WriteCertificates(Path.Combine(directory, "mfg-trust.crt"), [RootCa.Certificate, MfgCa.Certificate]);
        PemFile.WriteCertificates(Path.Combine(directory, "dps-server-chain.crt"), DpsServer.Chain);
        PemFile.WriteCertificates(Path.Combine(directory, "all-ca.crt"), [RootCa.Certificate, MfgCa.Certificate, HubCa.Certificate]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (ReferenceEquals(this, SharedInstance.IsValueCreated ? SharedInstance.Value : null))
        {
            return;
        }

        MfgDevice.Dispose();
        DpsServer.Dispose();
        HubIdentityDevice.Dispose();
        MfgCa.Dispose();
        RootCa.Dispose();
        HubCa.Dispose();
    }

    private static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void WriteCa(string directory, string name, CertificateAuthority ca)
    {
        PemFile.WriteCertificates(Path.Combine(directory, name + ".crt"), [ca.Certificate]);
        using ECDsa key = ca.ExportPrivateKey();
        PemFile.WritePrivateKey(Path.Combine(directory, name + ".key"), key);
    }

    private static void WriteLeaf(string directory, string name, TlsIdentity identity)
    {
        PemFile.WriteCertificates(Path.Combine(directory, name + ".crt"), [identity.Certificate]);
        PemFile.WriteAtomic(Path.Combine(directory, name + ".der"), identity.Certificate.RawDataMemory.Span, PemFile.PublicMode);
        using ECDsa key = identity.GetPrivateKey();
        PemFile.WritePrivateKey(Path.Combine(directory, name + ".key"), key);
    }
}
