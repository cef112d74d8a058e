using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Coap;
using Dps.Ocf.Cloud;
using Dps.Ocf.Internal;
using Dps.Ocf.Representation;
using Dps.Ocf.Security;
using Dps.Ocf.Stack;
using Dps.Security;

namespace Dps.Ocf;

public sealed partial class OcfDevice
{
    private const OcfResourcePolicy SvrPolicy = OcfResourcePolicy.Discoverable;

    private IOcfStore _store = null!;
    private ECDsa _keyPair = null!;
    private byte[] _publicKeyInfo = [];
    private OcfResource[] _securityResources = [];
    private int _bootPresetsPending;
    private int _securityProfile;
    private int _cloudLastError;
    private CloudConfiguration? _cloudConfiguration;
    private OcfCloudManager? _cloudManager;

    /// <summary>
    /// Raised on the executor after the cloud configuration was replaced or reset (POST on
    /// <c>/CoapCloudConfResURI</c> or <see cref="ApplyCloudConfiguration"/>), already persisted (with a
    /// cloud manager attached: already applied by it, except a reset, whose deregistration runs in the
    /// background). A throwing handler is logged.
    /// </summary>
    public event EventHandler<CloudConfigurationChangedEventArgs>? CloudConfigurationChanged;

    /// <summary>
    /// The security resources (pstat, doxm, cred, acl2, sdi) and their persistence. Not thread-safe:
    /// use it on the device's executor (<see cref="InvokeAsync(Action, CancellationToken)"/>).
    /// </summary>
    public OcfDeviceSecurity Security { get; private set; } = null!;

    /// <summary>
    /// The cloud configuration (store <c>cloud_N</c>). Holds tokens. Without a cloud manager it is the
    /// device's own: use it on the executor and after a change call <see cref="SaveCloudConfiguration"/>.
    /// Once <see cref="AttachCloudManager"/> was called the manager owns the only copy and this is a
    /// snapshot of it (changing it changes nothing).
    /// </summary>
    public CloudConfiguration CloudConfiguration =>
        Volatile.Read(ref _cloudManager) is { } manager ? manager.GetConfiguration() : _cloudConfiguration!;

    /// <summary>The cloud manager that owns the cloud configuration, or null (see <see cref="AttachCloudManager"/>).</summary>
    public OcfCloudManager? CloudManager => Volatile.Read(ref _cloudManager);

    /// <summary><c>clec</c> of <c>/CoapCloudConfResURI</c>: the cloud manager's last error (settable only without a manager).</summary>
    public CloudError CloudLastError
    {
        get => Volatile.Read(ref _cloudManager) is { } manager ? manager.LastError : (CloudError)Volatile.Read(ref _cloudLastError);
        set => Volatile.Write(ref _cloudLastError, (int)value);
    }

    /// <summary>
    /// Makes <paramref name="manager"/> the single owner of the cloud configuration: the device drops its
    /// own copy, <c>/CoapCloudConfResURI</c> reads and writes the manager's configuration (the manager
    /// persists each change once), its observers are told of every change the manager persists, and a
    /// factory reset clears the manager's configuration (without deregistration). The manager must use
    /// this device's store and index.
    /// </summary>
    /// <exception cref="InvalidOperationException">A manager is already attached.</exception>
    public void AttachCloudManager(OcfCloudManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (Interlocked.CompareExchange(ref _cloudManager, manager, null) is not null)
        {
            throw new InvalidOperationException("The device already has a cloud manager.");
        }

        manager.ConfigurationChanged += (_, _) => Changed(CloudConfResource.Href);
        _cloudConfiguration = null;
    }

    /// <summary>
    /// The device's EC P-256 key pair (store <c>keypair_N</c>, 0600), made once and replaced only by a
    /// factory reset or when the store is missing or corrupt. Owned by the device: do not dispose.
    /// </summary>
    public ECDsa KeyPair => Volatile.Read(ref _keyPair);

    /// <summary>The public key of <see cref="KeyPair"/> as DER SubjectPublicKeyInfo.</summary>
    public ReadOnlyMemory<byte> PublicKeyInfo => Volatile.Read(ref _publicKeyInfo);

    /// <summary>The security profile set by the application (kept in memory; presets set it again after a reset).</summary>
    public OcfSecurityProfile SecurityProfile
    {
        get => (OcfSecurityProfile)Volatile.Read(ref _securityProfile);
        set => Volatile.Write(ref _securityProfile, (int)value);
    }

    /// <summary><c>/oic/sec/doxm</c>, <c>/oic/sec/pstat</c>, <c>/oic/sec/acl2</c>, <c>/oic/sec/cred</c>, <c>/oic/sec/sdi</c> and <c>/CoapCloudConfResURI</c>.</summary>
    public IReadOnlyList<OcfResource> SecurityResources => _securityResources;

    /// <summary>The CSR the DPS credentials step posts: PEM, <c>CN=uuid:&lt;di&gt;</c>, signed with <see cref="KeyPair"/>.</summary>
    public string CreateCsrPem() => OnExecutor(() => CertificateSigningRequest.CreatePem(KeyPair, DeviceId));

    /// <summary>
    /// Adds the manufacturer certificate chain (leaf first) with its private key as a
    /// <c>mfgcert</c> credential (the key is stored in <c>privatedata</c>, cred store 0600).
    /// </summary>
    /// <returns>The credid.</returns>
    /// <exception cref="PemFormatException">Malformed PEM or a key that does not match the leaf.</exception>
    public int AddManufacturerCertificate(string chainPem, string keyPem)
    {
        ArgumentNullException.ThrowIfNull(chainPem);
        ArgumentNullException.ThrowIfNull(keyPem);
        string publicPem;
        string privatePem;
        using (var identity = TlsIdentity.FromPem(chainPem, keyPem))
        using (var key = identity.GetPrivateKey())
        {
            publicPem = PemCertificates.ToPem(identity.Chain);
            privatePem = EcKeys.ToPkcs8Pem(key);
        }

        var credential = new Credential
        {
            CredType = CredType.AsymmetricSigningWithCertificate,
            Subject = OcfUuid.Wildcard,
            Usage = CredUsage.MfgCert,
            PublicData = CredData.FromPem(publicPem),
            PrivateData = CredData.FromPem(privatePem),
        };
        return AddCredential(credential);
    }

    /// <summary>Adds a trust anchor: <c>mfgtrustca</c> (verifies the DPS) when <paramref name="manufacturer"/>, else <c>trustca</c>.</summary>
    /// <returns>The credid.</returns>
    /// <exception cref="PemFormatException">Malformed PEM.</exception>
    public int AddTrustAnchor(string certificatePem, bool manufacturer)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        var chain = PemCertificates.LoadChain(certificatePem);
        string pem = PemCertificates.ToPem(chain);
        foreach (var certificate in chain)
        {
            certificate.Dispose();
        }

        return AddCredential(new Credential
        {
            CredType = CredType.AsymmetricSigningWithCertificate,
            Subject = OcfUuid.Wildcard,
            Usage = manufacturer ? CredUsage.MfgTrustCa : CredUsage.TrustCa,
            PublicData = CredData.FromPem(pem),
        });
    }

    /// <summary>Removes a credential and persists cred; false when there is none with <paramref name="credId"/>.</summary>
    public bool RemoveCredential(int credId) => OnExecutor(() =>
    {
        if (!Security.Cred.Remove(credId))
        {
            return false;
        }

        Security.SaveCred();
        return true;
    });

    /// <summary>The manufacturer identity (first non-DPS <c>mfgcert</c> chain with its key), or null. Owned by the caller.</summary>
    public TlsIdentity? GetManufacturerIdentity() => OnExecutor(() =>
    {
        foreach (var credential in Security.Cred.Credentials)
        {
            if (credential.Usage == CredUsage.MfgCert && credential.PrivateData is not null && !IsDpsTagged(credential)
                && CreateIdentity(credential) is { } identity)
            {
                return identity;
            }
        }

        return null;
    });

    /// <summary>The DPS identity (the <c>cert</c> credential tagged <c>dps</c> with <see cref="KeyPair"/>), or null. Owned by the caller.</summary>
    public TlsIdentity? GetDpsIdentity() => OnExecutor(() =>
    {
        foreach (var credential in Security.Cred.Credentials)
        {
            if (credential.Usage == CredUsage.Cert && credential.Tag == OcfSecurityNames.DpsTag
                && CreateIdentity(credential) is { } identity)
            {
                return identity;
            }
        }

        return null;
    });

    /// <summary>
    /// The TLS identity of certificate credential <paramref name="credId"/> (<c>mfgcert</c> with its
    /// private data, or <c>cert</c> with <see cref="KeyPair"/>), or null. Owned by the caller.
    /// </summary>
    public TlsIdentity? GetIdentity(int credId) => OnExecutor(() =>
        Security.Cred.Find(credId) is { } credential ? CreateIdentity(credential) : null);

    /// <summary>
    /// The trust anchors: <c>mfgtrustca</c> and <c>trustca</c> certificates, or only those of
    /// <paramref name="usage"/>. Owned by the caller.
    /// </summary>
    public IReadOnlyList<X509Certificate2> GetTrustAnchors(CredUsage? usage = null) => OnExecutor(() =>
    {
        var anchors = new List<X509Certificate2>();
        foreach (var credential in Security.Cred.Credentials)
        {
            bool wanted = usage is { } only
                ? credential.Usage == only
                : credential.Usage is CredUsage.MfgTrustCa or CredUsage.TrustCa;
            if (!wanted || credential.PublicData is not { Encoding: CredEncoding.Pem } data)
            {
                continue;
            }

            try
            {
                anchors.AddRange(PemCertificates.LoadChain(data.GetText()));
            }
            catch (PemFormatException)
            {
                // A credential that is not a readable certificate anchors nothing.
            }
        }

        return (IReadOnlyList<X509Certificate2>)anchors;
    });

    /// <summary>
    /// Applies the DPS credentials answer (PROTOCOL §2.7) with the device's public key; on the executor.
    /// </summary>
    /// <returns>The outcome and how many old credentials were removed (non-zero: close the TLS sessions in which the device is the server).</returns>
    public (OcfUpdateResult Result, int RemovedCount) ApplyDpsCredentials(ReadOnlyMemory<byte> payload) => OnExecutor(() =>
    {
        var result = Security.ApplyDpsCredentials(payload, PublicKeyInfo, out int removed);
        return (result, removed);
    });

    /// <summary>
    /// The "own device" procedure of PROTOCOL §2.5 (also self-ownership with the device's own id),
    /// on the executor; the caller closes the TLS sessions in which the device is the server.
    /// </summary>
    public void OwnDevice(OcfUuid owner) => OnExecutor(() =>
    {
        Security.OwnDevice(owner, includeWellKnownCore: false);
        foreach (var resource in _securityResources)
        {
            Changed(resource);
        }

        return true;
    });

    /// <summary>True when the device is fully owned by <paramref name="owner"/> (PROTOCOL §2.5); on the executor.</summary>
    public bool IsOwnedBy(OcfUuid owner) => OnExecutor(() => Security.IsOwnedBy(owner));

    /// <summary>Applies the DPS ACL answer (PROTOCOL §2.8); on the executor.</summary>
    public OcfUpdateResult ApplyDpsAcls(ReadOnlyMemory<byte> payload) => OnExecutor(() => Security.ApplyDpsAcls(payload));

    /// <summary>
    /// Applies a cloud configuration (as the DPS cloud step does), persists <c>cloud_N</c>, tells
    /// <c>/CoapCloudConfResURI</c> observers and raises <see cref="CloudConfigurationChanged"/>.
    /// </summary>
    public void ApplyCloudConfiguration(CloudConfUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (IsOnExecutor)
        {
            ApplyCloudConfigurationCoreAsync(update, fromRequest: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        else
        {
            InvokeAsync(ct => ApplyCloudConfigurationCoreAsync(update, fromRequest: false, ct)).GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Persists <see cref="CloudConfiguration"/> (<c>cloud_N</c>; nothing to do when a cloud manager owns
    /// it) and tells <c>/CoapCloudConfResURI</c> observers.
    /// </summary>
    public void SaveCloudConfiguration() => OnExecutor(() =>
    {
        SaveCloud();
        Changed(CloudConfResource.Href);
        return true;
    });

    /// <summary>Loads (or on first boot creates) the security state; called from the constructor.</summary>
    private Guid LoadSecurity(IOcfStore store, OcfDeviceOptions options)
    {
        _store = store;
        bool fresh = store.Load(OcfStoreName.For(Pstat.StoreName, Index)) is null;
        Security = new OcfDeviceSecurity(store, Index, _logger);
        Security.Load();
        _keyPair = DeviceKeyStore.LoadOrCreate(store, Index, out _);
        _publicKeyInfo = _keyPair.ExportSubjectPublicKeyInfo();
        _cloudConfiguration = store.TryLoad(OcfStoreName.For(CloudConfiguration.StoreName, Index), CloudConfiguration.Decode, _logger, out var cloud)
            ? cloud
            : new CloudConfiguration();

        Guid deviceId;
        if (fresh)
        {
            deviceId = options.DeviceId ?? Guid.NewGuid();
            ClearSecurityState(deviceId);
        }
        else if (Security.Doxm.DeviceUuid.IsNil)
        {
            deviceId = options.DeviceId ?? Guid.NewGuid();
            Security.Doxm.DeviceUuid = deviceId.ToOcfUuid();
            Security.SaveDoxm();
        }
        else
        {
            deviceId = Security.Doxm.DeviceUuid.ToGuid();
        }

        // Booting in RFOTM (always so on an empty store) runs the factory presets once.
        _bootPresetsPending = Security.Pstat.State == DeviceOnboardingState.Rfotm ? 1 : 0;
        return deviceId;
    }

    /// <summary>True once: the boot presets are still to run (cleared by a reset, which runs them anyway).</summary>
    internal bool TakeBootPresets() => Interlocked.Exchange(ref _bootPresetsPending, 0) == 1;

    /// <summary>Queues work on the executor (for the stack).</summary>
    internal bool PostWork(Func<ValueTask> work) => _executor.Post(work);

    /// <summary>
    /// The security half of a factory reset (PROTOCOL §4.2), on the executor: pstat RESET; creds,
    /// ACEs (bootstrap ACE back), doxm, sdi and the cloud configuration cleared; a new random device
    /// id and a new key pair. plgd time is kept.
    /// </summary>
    internal void ResetSecurity()
    {
        _ = TakeBootPresets();
        var deviceId = Guid.NewGuid();
        var key = DeviceKeyStore.Create(_store, Index);
        Volatile.Write(ref _keyPair, key);
        Volatile.Write(ref _publicKeyInfo, key.ExportSubjectPublicKeyInfo());
        ClearSecurityState(deviceId);
        Security.Pstat.State = DeviceOnboardingState.Reset;
        Security.SavePstat();
        SecurityProfile = OcfSecurityProfile.Unspecified;
        CloudLastError = CloudError.None;
        DeviceId = deviceId;
        foreach (var resource in _securityResources)
        {
            Changed(resource);
        }
    }

    /// <summary>The end of a factory reset: RFOTM, unless the presets already moved on (self-ownership).</summary>
    internal void CompleteReset()
    {
        if (Security.Pstat.State == DeviceOnboardingState.Reset)
        {
            Security.Pstat.State = DeviceOnboardingState.Rfotm;
            Security.SavePstat();
            Changed(Pstat.Href);
        }
    }

    private void ClearSecurityState(Guid deviceId)
    {
        Security.Reset(deviceId.ToOcfUuid());
        Security.Acl.AddBootstrapAces(includeWellKnownCore: false);
        Security.SaveAcl();
        if (Volatile.Read(ref _cloudManager) is { } manager)
        {
            manager.ResetConfiguration();
            return;
        }

        _cloudConfiguration = new CloudConfiguration();
        SaveCloud();
    }

    private void SaveCloud()
    {
        if (Volatile.Read(ref _cloudManager) is null && _cloudConfiguration is { } configuration)
        {
            _store.Save(OcfStoreName.For(CloudConfiguration.StoreName, Index), configuration.Encode(), secret: true);
        }
    }

    private int AddCredential(Credential credential) => OnExecutor(() =>
    {
        int id = Security.Cred.Add(credential);
        Security.SaveCred();
        return id;
    });

    private TlsIdentity? CreateIdentity(Credential credential)
    {
        if (credential.PublicData is not { Encoding: CredEncoding.Pem } publicData)
        {
            return null;
        }

        try
        {
            if (credential.Usage == CredUsage.MfgCert)
            {
                return credential.PrivateData is { Encoding: CredEncoding.Pem } privateData
                    ? TlsIdentity.FromPem(publicData.GetText(), privateData.GetText())
                    : null;
            }

            if (credential.Usage != CredUsage.Cert)
            {
                return null;
            }

            var chain = PemCertificates.LoadChain(publicData.GetText());
            try
            {
                return TlsIdentity.Create(chain[0], KeyPair, chain.Skip(1));
            }
            finally
            {
                foreach (var certificate in chain)
                {
                    certificate.Dispose();
                }
            }
        }
        catch (PemFormatException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            // The certificate does not carry the device's key.
            return null;
        }
    }

    private static bool IsDpsTagged(Credential credential) =>
        credential.Tag is OcfSecurityNames.DpsTag or OcfSecurityNames.DpsStaleTag;

    private T OnExecutor<T>(Func<T> function) =>
        IsOnExecutor ? function() : InvokeAsync(function).GetAwaiter().GetResult();

    private void CreateSecurityResources()
    {
        var doxm = new OcfResource(Doxm.Href, ["oic.r.doxm"], [OcfInterfaces.ReadWrite, OcfInterfaces.Baseline], SvrPolicy)
            .OnGet(request => SvrContent(request, Security.Doxm.Encode()))
            .OnPost(request => SvrUpdate(request, () =>
            {
                var result = Security.Doxm.Update(request.Payload, Security.Pstat.State);
                if (result.Succeeded)
                {
                    Security.SaveDoxm();
                    if (!Security.Doxm.DeviceUuid.IsNil && Security.Doxm.DeviceUuid.ToGuid() != DeviceId)
                    {
                        DeviceId = Security.Doxm.DeviceUuid.ToGuid();
                    }
                }

                return result;
            }));
        var pstat = new OcfResource(Pstat.Href, ["oic.r.pstat"], [OcfInterfaces.ReadWrite, OcfInterfaces.Baseline], SvrPolicy | OcfResourcePolicy.Observable)
            .OnGet(request => SvrContent(request, Security.Pstat.Encode()))
            .OnPost(request => SvrUpdate(request, () => UpdatePstat(request.Payload)));
        var acl = new OcfResource(Acl2.Href, ["oic.r.acl2"], [OcfInterfaces.ReadWrite, OcfInterfaces.Baseline], SvrPolicy | OcfResourcePolicy.Secure)
            .OnGet(request => SvrContent(request, Security.Acl.Encode()))
            .OnPost(request => SvrUpdate(request, () => Saved(Security.Acl.Update(request.Payload, Security.Pstat.State), Security.SaveAcl)))
            .OnDelete(request => SvrDelete(request, "aceid", id => Security.Acl.Remove(id), () => Security.Acl.Clear(), Security.SaveAcl));
        var cred = new OcfResource(Cred.Href, ["oic.r.cred"], [OcfInterfaces.ReadWrite, OcfInterfaces.Baseline], SvrPolicy | OcfResourcePolicy.Secure)
            .OnGet(request => SvrContent(request, Security.Cred.Encode(includePrivateData: false)))
            .OnPost(request => SvrUpdate(request, () => Saved(Security.Cred.Update(request.Payload, Security.Pstat.State, PublicKeyInfo), Security.SaveCred)))
            .OnDelete(request => SvrDelete(request, "credid", id => Security.Cred.Remove(id), () => Security.Cred.Clear(), Security.SaveCred));
        var sdi = new OcfResource(Sdi.Href, ["oic.r.sdi"], [OcfInterfaces.ReadWrite, OcfInterfaces.Baseline], SvrPolicy)
            .OnGet(request => SvrContent(request, Security.Sdi.Encode()))
            .OnPost(request => SvrUpdate(request, () => Saved(Security.Sdi.Update(request.Payload), Security.SaveSdi)));
        var cloud = new OcfResource(
            CloudConfResource.Href,
            [CloudConfResource.ResourceType],
            [OcfInterfaces.ReadWrite, OcfInterfaces.Baseline],
            OcfResourcePolicy.Discoverable | OcfResourcePolicy.Observable | OcfResourcePolicy.Secure)
            .OnGet(_ => new OcfResponse(CoapCode.Content, EncodeCloudConf()))
            .OnPost(HandleCloudConfPostAsync);
        _securityResources = [doxm, pstat, acl, cred, sdi, cloud];
        foreach (var resource in _securityResources)
        {
            AttachCore(resource);
        }
    }

    /// <summary>
    /// A pstat POST; <c>dos.s = RESET</c> asks for the device's factory reset, which runs as the next work
    /// item of the executor (after this request's answer), like <see cref="OcfStack.ResetDevice"/>.
    /// </summary>
    private OcfUpdateResult UpdatePstat(ReadOnlyMemory<byte> payload)
    {
        var result = Security.Pstat.Update(payload);
        if (!result.Succeeded)
        {
            return result;
        }

        Security.SavePstat();
        if (Security.Pstat.State == DeviceOnboardingState.Reset)
        {
            StackLog.ResetRequested(_logger, Index);
            _executor.Post(() => Stack.RunResetAsync(this, CancellationToken.None));
        }

        return result;
    }

    private static OcfUpdateResult Saved(OcfUpdateResult result, Action save)
    {
        if (result.Succeeded)
        {
            save();
        }

        return result;
    }

    /// <summary>The stored representation, with <c>rt</c>/<c>if</c> first for the baseline interface.</summary>
    private static OcfResponse SvrContent(OcfRequest request, byte[] map)
    {
        if (!request.IsBaseline)
        {
            return new OcfResponse(CoapCode.Content, map);
        }

        return request.Content(writer =>
        {
            var reader = OcfCbor.CreateReader(map);
            reader.ReadStartMap();
            while (reader.PeekState() != CborReaderState.EndMap)
            {
                writer.WriteTextString(reader.ReadTextString());
                writer.WriteEncodedValue(reader.ReadEncodedValue().Span);
            }
        });
    }

    private OcfResponse SvrUpdate(OcfRequest request, Func<OcfUpdateResult> update)
    {
        var result = update();
        if (!result.Succeeded)
        {
            StackLog.SecurityUpdateRejected(_logger, Index, request.Resource.Uri, result.Error!);
            return OcfResponse.BadRequest();
        }

        Changed(request.Resource);
        return OcfResponse.Changed();
    }

    private OcfResponse SvrDelete(OcfRequest request, string idName, Func<int, bool> remove, Action clear, Action save)
    {
        string? value = request.GetQueryParameter(idName);
        if (value is null)
        {
            clear();
        }
        else if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int id) || !remove(id))
        {
            return OcfResponse.FromCode(CoapCode.NotFound);
        }

        save();
        Changed(request.Resource);
        return OcfResponse.Deleted();
    }

    private byte[] EncodeCloudConf() =>
        Volatile.Read(ref _cloudManager) is { } manager
            ? manager.EncodeResource()
            : CloudConfResource.Encode(_cloudConfiguration!, CloudLastError);

    private async ValueTask<OcfResponse> HandleCloudConfPostAsync(OcfRequest request, CancellationToken cancellationToken)
    {
        var status = Volatile.Read(ref _cloudManager) is { } manager ? manager.Cps : _cloudConfiguration!.ProvisioningStatus;
        var result = CloudConfResource.ParseUpdate(request.Payload, status, out var update);
        if (!result.Succeeded)
        {
            StackLog.SecurityUpdateRejected(_logger, Index, request.Resource.Uri, result.Error!);
            return OcfResponse.BadRequest();
        }

        await ApplyCloudConfigurationCoreAsync(update!, fromRequest: true, cancellationToken).ConfigureAwait(false);
        return new OcfResponse(CoapCode.Changed, EncodeCloudConf());
    }

    private async ValueTask ApplyCloudConfigurationCoreAsync(CloudConfUpdate update, bool fromRequest, CancellationToken cancellationToken)
    {
        CloudConfiguration previous;
        if (Volatile.Read(ref _cloudManager) is { } manager)
        {
            previous = manager.GetConfiguration();
            if (update.IsReset)
            {
                // The deregistration goes over the network: never on the executor.
                _ = ResetCloudInBackgroundAsync(manager, update);
            }
            else
            {
                // Stops the manager's loop, replaces and persists the configuration once, restarts a running manager.
                await manager.ApplyConfigurationAsync(update, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            previous = CloudConfiguration.Decode(_cloudConfiguration!.Encode());
            _cloudConfiguration.Apply(update);
            SaveCloud();
        }

        Changed(CloudConfResource.Href);
        StackLog.CloudConfigurationChanged(_logger, Index, update.IsReset);
        try
        {
            CloudConfigurationChanged?.Invoke(this, new CloudConfigurationChangedEventArgs(this, update, previous, fromRequest));
        }
        catch (Exception ex)
        {
            StackLog.EventHandlerFailed(_logger, nameof(CloudConfigurationChanged), ex);
        }
    }

    private async Task ResetCloudInBackgroundAsync(OcfCloudManager manager, CloudConfUpdate update)
    {
        await Task.Yield();
        try
        {
            await manager.ApplyConfigurationAsync(update).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            StackLog.EventHandlerFailed(_logger, "cloud reset", ex);
        }
    }
}
