using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Coap;
using Dps.Ocf;
using Dps.Ocf.Security;
using Dps.Security;
using Dps.Testing.Pki;

namespace Dps.Client.Tests.Context;

/// <summary>A device with an in-memory store, a manufacturer certificate and a DPS trust anchor.</summary>
internal sealed class FakeDpsDevice : IDpsDevice
{
    private int _closeCount;

    public FakeDpsDevice(InMemoryOcfStore store, ECDsa keyPair)
    {
        Store = store;
        KeyPair = keyPair;
        Security = new OcfDeviceSecurity(store, 0);
        Security.Load();
    }

    public int Index => 0;

    public InMemoryOcfStore Store { get; }

    IOcfStore IDpsDevice.Store => Store;

    public OcfDeviceSecurity Security { get; }

    public ECDsa KeyPair { get; }

    public ICoapHandler? Handler => null;

    public int CloseServerSessionsCount => Volatile.Read(ref _closeCount);

    public OcfUuid DeviceId => Security.Doxm.DeviceUuid;

    public static FakeDpsDevice Create(TestPki pki, X509Certificate2 trustAnchor)
    {
        var device = new FakeDpsDevice(new InMemoryOcfStore(), EcKeys.Generate());
        var deviceId = OcfUuid.Parse(pki.DeviceId.ToString());
        device.Security.Doxm.DeviceUuid = deviceId;
        using (var key = pki.MfgDevice.GetPrivateKey())
        {
            device.Security.Cred.Add(new Credential
            {
                CredType = CredType.AsymmetricSigningWithCertificate,
                Subject = deviceId,
                Usage = CredUsage.MfgCert,
                PublicData = CredData.FromPem(PemCertificates.ToPem(pki.MfgDevice.Chain)),
                PrivateData = CredData.FromPem(EcKeys.ToPkcs8Pem(key)),
            });
        }
        device.Security.Cred.Add(new Credential
        {
            CredType = CredType.AsymmetricSigningWithCertificate,
            Subject = OcfUuid.Wildcard,
            Usage = CredUsage.MfgTrustCa,
            PublicData = CredData.FromPem(PemCertificates.ToPem(trustAnchor)),
        });
        device.Security.SaveDoxm();
        device.Security.SaveCred();
        return device;
    }

    /// <summary>The same device after a process restart: everything reloaded from the store.</summary>
    public FakeDpsDevice Reload() => new(Store, KeyPair);

    public void CloseServerSessions() => Interlocked.Increment(ref _closeCount);
}
