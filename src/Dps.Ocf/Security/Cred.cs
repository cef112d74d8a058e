using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Ocf.Internal;

namespace Dps.Ocf.Security;

/// <summary>
/// The credential resource <c>/oic/sec/cred</c> with iotivity's update rules (PROTOCOL §2.7). Not
/// thread-safe: use it from the device's executor.
/// </summary>
public sealed class Cred
{
    /// <summary>The resource path.</summary>
    public const string Href = "/oic/sec/cred";

    /// <summary>The store name prefix (<c>cred_0</c> for device 0); the file holds keys.</summary>
    public const string StoreName = "cred";

    private List<Credential> _credentials = [];

    /// <summary><c>rowneruuid</c>: the resource owner.</summary>
    public OcfUuid ResourceOwner { get; set; }

    /// <summary>The credentials, in credid allocation order.</summary>
    public IReadOnlyList<Credential> Credentials => _credentials;

    /// <summary>The credential with <paramref name="credId"/>, or null.</summary>
    public Credential? Find(int credId) => _credentials.Find(c => c.CredId == credId);

    /// <summary>
    /// Adds a credential (PKI API). A duplicate of an existing credential is not added; its id is
    /// returned. A credid of 0 is allocated; an existing credid is replaced.
    /// </summary>
    /// <returns>The credid of the stored credential.</returns>
    public int Add(Credential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentOutOfRangeException.ThrowIfNegative(credential.CredId);
        return AddTo(_credentials, credential);
    }

    /// <summary>Removes the credential with <paramref name="credId"/>.</summary>
    public bool Remove(int credId) => _credentials.RemoveAll(c => c.CredId == credId) > 0;

    /// <summary>Removes every credential matching <paramref name="match"/>; returns how many.</summary>
    public int RemoveAll(Predicate<Credential> match) => _credentials.RemoveAll(match);

    /// <summary>Removes every credential.</summary>
    public void Clear() => _credentials.Clear();

    /// <summary>Changes tag <paramref name="from"/> to <paramref name="to"/> (e.g. dps → dps-stale).</summary>
    /// <returns>How many credentials were re-tagged.</returns>
    public int Retag(string from, string to)
    {
        int count = 0;
        for (int i = 0; i < _credentials.Count; i++)
        {
            if (_credentials[i].Tag == from)
            {
                _credentials[i] = _credentials[i] with { Tag = to };
                count++;
            }
        }

        return count;
    }

    /// <summary>Removes every credential tagged <paramref name="tag"/> (e.g. dps-stale).</summary>
    public int RemoveTagged(string tag) => _credentials.RemoveAll(c => c.Tag == tag);

    /// <summary>
    /// The "own device" clean-up (PROTOCOL §2.5): removes everything except manufacturer
    /// certificates and manufacturer trust anchors not tagged by the DPS.
    /// </summary>
    public int RemoveAllButManufacturer() => _credentials.RemoveAll(c =>
        !((c.Usage is CredUsage.MfgCert or CredUsage.MfgTrustCa)
          && c.Tag is not OcfSecurityNames.DpsTag and not OcfSecurityNames.DpsStaleTag));

    /// <summary>
    /// The representation, definite lengths. The store form includes private data; a GET answer
    /// must not (<paramref name="includePrivateData"/> false omits <c>privatedata</c>).
    /// </summary>
    public byte[] Encode(bool includePrivateData)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(2);
        writer.WriteTextString("creds");
        writer.WriteStartArray(_credentials.Count);
        foreach (var credential in _credentials)
        {
            WriteCredential(writer, credential, includePrivateData);
        }

        writer.WriteEndArray();
        writer.WriteTextString("rowneruuid");
        writer.WriteTextString(ResourceOwner.ToString());
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Reads the store form.</summary>
    /// <exception cref="OcfFormatException">Malformed data.</exception>
    public static Cred Decode(ReadOnlyMemory<byte> data)
    {
        var cred = new Cred();
        var root = CborNode.ParseMap(data);
        var result = Parse(root, fromStorage: true, DeviceOnboardingState.Rfotm, default, out var owner, out var parsed);
        if (!result.Succeeded)
        {
            throw new OcfFormatException(result.Error!);
        }

        cred.ResourceOwner = owner ?? OcfUuid.Nil;
        foreach (var credential in parsed)
        {
            cred._credentials.RemoveAll(c => c.CredId == credential.CredId);
            AddTo(cred._credentials, credential);
        }

        return cred;
    }

    /// <summary>
    /// Applies a POST payload (PROTOCOL §2.7): only <c>creds</c> (in RFOTM/RFPRO/SRESET) and
    /// <c>rowneruuid</c> (only in RFOTM/SRESET; it fails the update in RFPRO) are used; credtype 1 or 8;
    /// subject required (<c>*</c> allowed); unknown encoding or handle fails; PSKs are 16 or 32
    /// bytes; an identity certificate without private data must carry the device's public key;
    /// duplicates keep the existing credential; an existing credid is replaced. All or nothing.
    /// </summary>
    /// <param name="payload">The CBOR body.</param>
    /// <param name="state">The current <c>pstat.dos.s</c>.</param>
    /// <param name="deviceSubjectPublicKeyInfo">The device key pair's public key (DER
    /// SubjectPublicKeyInfo); empty if the device has none.</param>
    /// <param name="appliedCredIds">Receives the credid of every credential of the payload.</param>
    public OcfUpdateResult Update(
        ReadOnlyMemory<byte> payload,
        DeviceOnboardingState state,
        ReadOnlyMemory<byte> deviceSubjectPublicKeyInfo,
        ICollection<int>? appliedCredIds = null)
    {
        CborNode root;
        try
        {
            root = CborNode.ParseMap(payload);
        }
        catch (OcfFormatException ex)
        {
            return OcfUpdateResult.Failure(ex.Message);
        }

        var result = Parse(root, fromStorage: false, state, deviceSubjectPublicKeyInfo, out var owner, out var parsed);
        if (!result.Succeeded)
        {
            return result;
        }

        var working = new List<Credential>(_credentials);
        var ids = new List<int>(parsed.Count);
        foreach (var credential in parsed)
        {
            ids.Add(AddTo(working, credential));
        }

        _credentials = working;
        if (owner is { } newOwner)
        {
            ResourceOwner = newOwner;
        }

        if (appliedCredIds is not null)
        {
            foreach (int id in ids)
            {
                appliedCredIds.Add(id);
            }
        }

        return OcfUpdateResult.Success;
    }

    private static int AddTo(List<Credential> list, Credential credential)
    {
        foreach (var existing in list)
        {
            if (existing.IsDuplicateOf(credential) && (credential.CredId == 0 || credential.CredId == existing.CredId))
            {
                return existing.CredId;
            }
        }

        int id = credential.CredId;
        if (id > 0)
        {
            int index = list.FindIndex(c => c.CredId == id);
            if (index >= 0)
            {
                list[index] = credential;
                return id;
            }
        }
        else
        {
            id = 1;
            foreach (var existing in list)
            {
                id = Math.Max(id, existing.CredId + 1);
            }

            credential = credential with { CredId = id };
        }

        list.Add(credential);
        return id;
    }

    private static OcfUpdateResult Parse(
        CborNode root,
        bool fromStorage,
        DeviceOnboardingState state,
        ReadOnlyMemory<byte> deviceKey,
        out OcfUuid? owner,
        out List<Credential> credentials)
    {
        owner = null;
        credentials = [];
        foreach (var (key, value) in root.Entries)
        {
            if (key == "rowneruuid")
            {
                if (!fromStorage && state is not DeviceOnboardingState.Rfotm and not DeviceOnboardingState.Sreset)
                {
                    return OcfUpdateResult.Failure("cred: rowneruuid can only be set in RFOTM or SRESET");
                }

                if (!value.IsText || !OcfUuid.TryParse(value.Text, out var uuid))
                {
                    return OcfUpdateResult.Failure("cred: invalid rowneruuid");
                }

                owner = uuid;
            }
            else if (key == "creds")
            {
                if (!fromStorage && state is not DeviceOnboardingState.Rfotm and not DeviceOnboardingState.Rfpro and not DeviceOnboardingState.Sreset)
                {
                    return OcfUpdateResult.Failure("cred: credentials can only be set in RFOTM, RFPRO or SRESET");
                }

                if (!value.IsArray)
                {
                    return OcfUpdateResult.Failure("cred: creds is not an array");
                }

                foreach (var item in value.Items)
                {
                    var result = ParseCredential(item, fromStorage, deviceKey, out var credential);
                    if (!result.Succeeded)
                    {
                        return result;
                    }

                    credentials.Add(credential!);
                }
            }
        }

        return OcfUpdateResult.Success;
    }

    private static OcfUpdateResult ParseCredential(CborNode node, bool fromStorage, ReadOnlyMemory<byte> deviceKey, out Credential? credential)
    {
        credential = null;
        if (!node.IsMap)
        {
            return OcfUpdateResult.Failure("cred: credential is not a map");
        }

        int credId = 0;
        var credType = CredType.None;
        OcfUuid? subject = null;
        var usage = CredUsage.None;
        string? tag = null;
        CredData? publicData = null;
        CredData? privateData = null;
        CredRoleId? roleId = null;
        foreach (var (key, value) in node.Entries)
        {
            switch (key)
            {
                case "credid":
                    if (!value.IsInteger || value.Integer is <= 0 or > int.MaxValue)
                    {
                        return OcfUpdateResult.Failure("cred: invalid credid");
                    }

                    credId = (int)value.Integer;
                    break;
                case "credtype":
                    if (!value.IsInteger || value.Integer is not (1 or 8))
                    {
                        return OcfUpdateResult.Failure("cred: unsupported credtype");
                    }

                    credType = (CredType)value.Integer;
                    break;
                case "subjectuuid":
                    if (!value.IsText || !OcfUuid.TryParseSubject(value.Text, out var uuid))
                    {
                        return OcfUpdateResult.Failure("cred: invalid subjectuuid");
                    }

                    subject = uuid;
                    break;
                case "credusage":
                    if (!value.IsText || !OcfSecurityNames.TryParseCredUsage(value.Text, out usage))
                    {
                        return OcfUpdateResult.Failure("cred: unknown credusage");
                    }

                    break;
                case "tag":
                    if (!value.IsText)
                    {
                        return OcfUpdateResult.Failure("cred: tag is not a string");
                    }

                    tag = value.Text;
                    break;
                case "publicdata":
                case "privatedata":
                    {
                        var result = ParseData(value, key, out var data);
                        if (!result.Succeeded)
                        {
                            return result;
                        }

                        if (key == "publicdata")
                        {
                            publicData = data;
                        }
                        else
                        {
                            privateData = data;
                        }

                        break;
                    }

                case "roleid":
                    {
                        if (!value.IsMap || !value.TryGet("role", out var role) || !role.IsText || role.Text.Length == 0)
                        {
                            return OcfUpdateResult.Failure("cred: invalid roleid");
                        }

                        string? authority = null;
                        if (value.TryGet("authority", out var authorityNode))
                        {
                            if (!authorityNode.IsText)
                            {
                                return OcfUpdateResult.Failure("cred: invalid roleid authority");
                            }

                            authority = authorityNode.Text;
                        }

                        roleId = new CredRoleId(role.Text, authority);
                        break;
                    }

                default:
                    break;
            }
        }

        if (subject is null)
        {
            return OcfUpdateResult.Failure("cred: subjectuuid is required");
        }

        if (fromStorage && credId == 0)
        {
            return OcfUpdateResult.Failure("cred: stored credential without credid");
        }

        credential = new Credential
        {
            CredId = credId,
            CredType = credType,
            Subject = subject.Value,
            Usage = usage,
            PublicData = publicData,
            PrivateData = privateData,
            Tag = tag,
            RoleId = roleId,
        };
        return fromStorage ? OcfUpdateResult.Success : Validate(credential, deviceKey);
    }

    private static OcfUpdateResult ParseData(CborNode node, string name, out CredData? data)
    {
        data = null;
        if (!node.IsMap)
        {
            return OcfUpdateResult.Failure("cred: " + name + " is not a map");
        }

        var encoding = CredEncoding.Raw;
        bool hasEncoding = false;
        ReadOnlyMemory<byte> bytes = default;
        bool isText = false;
        foreach (var (key, value) in node.Entries)
        {
            if (key == "encoding")
            {
                if (!value.IsText || !OcfSecurityNames.TryParseCredEncoding(value.Text, out encoding))
                {
                    return OcfUpdateResult.Failure("cred: unknown " + name + " encoding");
                }

                hasEncoding = true;
            }
            else if (key == "data")
            {
                if (value.IsText)
                {
                    bytes = System.Text.Encoding.UTF8.GetBytes(value.Text);
                    isText = true;
                }
                else if (value.Kind == CborNodeKind.Bytes)
                {
                    bytes = value.Bytes;
                    isText = false;
                }
                else
                {
                    return OcfUpdateResult.Failure("cred: " + name + " data is neither text nor bytes");
                }
            }
        }

        if (!hasEncoding)
        {
            return OcfUpdateResult.Failure("cred: " + name + " without encoding");
        }

        data = new CredData(encoding, bytes, isText);
        return OcfUpdateResult.Success;
    }

    private static OcfUpdateResult Validate(Credential credential, ReadOnlyMemory<byte> deviceKey)
    {
        if (credential.PublicData?.Encoding == CredEncoding.Handle || credential.PrivateData?.Encoding == CredEncoding.Handle)
        {
            return OcfUpdateResult.Failure("cred: handle encoding is not supported");
        }

        switch (credential.CredType)
        {
            case CredType.SymmetricPairwise:
                {
                    if (credential.PrivateData is not { } key || key.Encoding == CredEncoding.Pem)
                    {
                        return OcfUpdateResult.Failure("cred: PSK needs raw or base64 private data");
                    }

                    int length;
                    try
                    {
                        length = key.GetDecodedBytes().Length;
                    }
                    catch (FormatException)
                    {
                        return OcfUpdateResult.Failure("cred: PSK is not valid base64");
                    }

                    return length is 16 or 32
                        ? OcfUpdateResult.Success
                        : OcfUpdateResult.Failure("cred: PSK must be 16 or 32 bytes");
                }

            case CredType.AsymmetricSigningWithCertificate:
                {
                    if (credential.Usage == CredUsage.None)
                    {
                        return OcfUpdateResult.Failure("cred: certificate credential without credusage");
                    }

                    if (credential.PublicData is not { } publicData)
                    {
                        return OcfUpdateResult.Failure("cred: certificate credential without publicdata");
                    }

                    using var leaf = LoadFirstCertificate(publicData);
                    if (leaf is null)
                    {
                        return OcfUpdateResult.Failure("cred: publicdata holds no valid certificate");
                    }

                    if (credential.Usage == CredUsage.Cert && credential.PrivateData is null)
                    {
                        byte[] leafKey = leaf.PublicKey.ExportSubjectPublicKeyInfo();
                        if (deviceKey.IsEmpty || !leafKey.AsSpan().SequenceEqual(deviceKey.Span))
                        {
                            return OcfUpdateResult.Failure("cred: identity certificate does not carry the device's public key");
                        }
                    }

                    return OcfUpdateResult.Success;
                }

            default:
                return OcfUpdateResult.Failure("cred: credtype is required");
        }
    }

    private static X509Certificate2? LoadFirstCertificate(CredData data)
    {
        try
        {
            if (data.Encoding == CredEncoding.Pem)
            {
                var collection = new X509Certificate2Collection();
                collection.ImportFromPem(data.GetText());
                if (collection.Count == 0)
                {
                    return null;
                }

                for (int i = 1; i < collection.Count; i++)
                {
                    collection[i].Dispose();
                }

                return collection[0];
            }

            return X509CertificateLoader.LoadCertificate(data.GetDecodedBytes());
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void WriteCredential(CborWriter writer, Credential credential, bool includePrivateData)
    {
        bool writePrivate = includePrivateData && credential.PrivateData is not null;
        int count = 3
            + (credential.Usage != CredUsage.None ? 1 : 0)
            + (credential.PublicData is not null ? 1 : 0)
            + (writePrivate ? 1 : 0)
            + (credential.Tag is not null ? 1 : 0)
            + (credential.RoleId is not null ? 1 : 0);
        writer.WriteStartMap(count);
        writer.WriteTextString("credid");
        writer.WriteInt32(credential.CredId);
        writer.WriteTextString("credtype");
        writer.WriteInt32((int)credential.CredType);
        writer.WriteTextString("subjectuuid");
        writer.WriteTextString(credential.Subject.ToString());
        if (credential.Usage != CredUsage.None)
        {
            writer.WriteTextString("credusage");
            writer.WriteTextString(OcfSecurityNames.ToWireString(credential.Usage));
        }

        if (credential.PublicData is { } publicData)
        {
            writer.WriteTextString("publicdata");
            WriteData(writer, publicData);
        }

        if (writePrivate)
        {
            writer.WriteTextString("privatedata");
            WriteData(writer, credential.PrivateData!);
        }

        if (credential.Tag is { } tag)
        {
            writer.WriteTextString("tag");
            writer.WriteTextString(tag);
        }

        if (credential.RoleId is { } roleId)
        {
            writer.WriteTextString("roleid");
            writer.WriteStartMap(roleId.Authority is null ? 1 : 2);
            writer.WriteTextString("role");
            writer.WriteTextString(roleId.Role);
            if (roleId.Authority is not null)
            {
                writer.WriteTextString("authority");
                writer.WriteTextString(roleId.Authority);
            }

            writer.WriteEndMap();
        }

        writer.WriteEndMap();
    }

    private static void WriteData(CborWriter writer, CredData data)
    {
        writer.WriteStartMap(2);
        writer.WriteTextString("data");
        if (data.IsText)
        {
            writer.WriteTextString(data.GetText());
        }
        else
        {
            writer.WriteByteString(data.Data.Span);
        }

        writer.WriteTextString("encoding");
        writer.WriteTextString(OcfSecurityNames.ToWireString(data.Encoding));
        writer.WriteEndMap();
    }
}
