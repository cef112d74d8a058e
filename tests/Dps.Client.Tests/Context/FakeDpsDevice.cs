using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Dps.Coap;
using Dps.Ocf;
using Dps.Ocf.Security;
using Dps.Security;
using Dps.Testing.Pki;

namespace Dps.Client.Tests.Context;

/// <summary>A device with an in-memory store, a manufacturer certificate, a DPS trust anchor and a serial executor.</summary>
internal sealed class FakeDpsDevice : IDpsDevice
{
    private static readonly AsyncLocal<StrongBox<bool>?> s_current = new();

    private readonly Channel<Func<ValueTask>> _work = Channel.CreateUnbounded<Func<ValueTask>>(new UnboundedChannelOptions { SingleReader = true });
    private int _closeCount;

    public FakeDpsDevice(InMemoryOcfStore store, ECDsa keyPair)
    {
        Store = store;
        KeyPair = keyPair;
        Security = new OcfDeviceSecurity(store, 0);
        Security.Load();
        _ = Task.Run(RunAsync);
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

    // Only the running item counts: flows it forked see the box turn false when it ends.
    public bool IsOnExecutor => s_current.Value is { Value: true } box && ReferenceEquals(box, _running);

    private StrongBox<bool>? _running;

    /// <summary>How many work items threw (the context must catch its own failures).</summary>
    public int FailedItems => Volatile.Read(ref _failed);

    public bool Post(Func<ValueTask> work) => _work.Writer.TryWrite(work);

    /// <summary>Refuses new work (the executor ends after the queued work).</summary>
    public void Stop() => _work.Writer.TryComplete();

    private int _failed;

    private async Task RunAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync())
        {
            var box = new StrongBox<bool>(true);
            _running = box;
            s_current.Value = box;
            try
            {
                await work();
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _failed);
            }
            finally
            {
                box.Value = false;
                s_current.Value = null;
            }
        }
    }
}
