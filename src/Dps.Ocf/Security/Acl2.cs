using System.Formats.Cbor;
using Dps.Ocf.Internal;

namespace Dps.Ocf.Security;

/// <summary>
/// The access control list resource <c>/oic/sec/acl2</c> with iotivity's strict update rules
/// (PROTOCOL §2.8). Not thread-safe: use it from the device's executor.
/// </summary>
public sealed class Acl2
{
    /// <summary>The resource path.</summary>
    public const string Href = "/oic/sec/acl2";

    /// <summary>The store name prefix (<c>acl_0</c> for device 0).</summary>
    public const string StoreName = "acl";

    private List<Ace> _aces = [];

    /// <summary><c>rowneruuid</c>: the resource owner.</summary>
    public OcfUuid ResourceOwner { get; set; }

    /// <summary>The ACEs.</summary>
    public IReadOnlyList<Ace> Aces => _aces;

    /// <summary>The ACE with <paramref name="aceId"/>, or null.</summary>
    public Ace? Find(int aceId) => _aces.Find(a => a.AceId == aceId);

    /// <summary>Adds an ACE; an aceid of 0 is allocated, an existing aceid is replaced.</summary>
    /// <returns>The aceid.</returns>
    public int Add(Ace ace)
    {
        ArgumentNullException.ThrowIfNull(ace);
        ArgumentOutOfRangeException.ThrowIfNegative(ace.AceId);
        return AddTo(_aces, ace);
    }

    /// <summary>Removes the ACE with <paramref name="aceId"/>.</summary>
    public bool Remove(int aceId) => _aces.RemoveAll(a => a.AceId == aceId) > 0;

    /// <summary>Removes every ACE.</summary>
    public void Clear() => _aces.Clear();

    /// <summary>Changes tag <paramref name="from"/> to <paramref name="to"/>; returns how many.</summary>
    public int Retag(string from, string to)
    {
        int count = 0;
        for (int i = 0; i < _aces.Count; i++)
        {
            if (_aces[i].Tag == from)
            {
                _aces[i] = _aces[i] with { Tag = to };
                count++;
            }
        }

        return count;
    }

    /// <summary>Removes every ACE tagged <paramref name="tag"/>; returns how many.</summary>
    public int RemoveTagged(string tag) => _aces.RemoveAll(a => a.Tag == tag);

    /// <summary>True if an ACE carries <paramref name="tag"/> (HAS_ACLS checks for <c>dps</c>).</summary>
    public bool HasTag(string tag) => _aces.Exists(a => a.Tag == tag);

    /// <summary>
    /// Adds the bootstrap ACE of the "own device" procedure (PROTOCOL §2.5): <c>anon-clear</c>,
    /// RETRIEVE, for <c>/oic/res</c>, <c>/oic/d</c>, <c>/oic/p</c>, optionally
    /// <c>/.well-known/core</c>, and <c>/x.plgd.dev/time</c>.
    /// </summary>
    /// <returns>The aceid.</returns>
    public int AddBootstrapAces(bool includeWellKnownCore)
    {
        var resources = new List<AceResource>
        {
            AceResource.ForHref("/oic/res"),
            AceResource.ForHref("/oic/d"),
            AceResource.ForHref("/oic/p"),
        };
        if (includeWellKnownCore)
        {
            resources.Add(AceResource.ForHref("/.well-known/core"));
        }

        resources.Add(AceResource.ForHref("/x.plgd.dev/time"));
        return Add(new Ace
        {
            Subject = AceSubject.ForConnectionType(AceConnectionType.AnonClear),
            Permission = AcePermission.Retrieve,
            Resources = resources,
        });
    }

    /// <summary>The representation (also the store form), definite lengths.</summary>
    public byte[] Encode()
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(2);
        writer.WriteTextString("aclist2");
        writer.WriteStartArray(_aces.Count);
        foreach (var ace in _aces)
        {
            WriteAce(writer, ace);
        }

        writer.WriteEndArray();
        writer.WriteTextString("rowneruuid");
        writer.WriteTextString(ResourceOwner.ToString());
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Reads the store form.</summary>
    /// <exception cref="OcfFormatException">Malformed data.</exception>
    public static Acl2 Decode(ReadOnlyMemory<byte> data)
    {
        var acl = new Acl2();
        var result = Parse(CborNode.ParseMap(data), fromStorage: true, DeviceOnboardingState.Rfotm, out var owner, out var aces);
        if (!result.Succeeded)
        {
            throw new OcfFormatException(result.Error!);
        }

        acl.ResourceOwner = owner ?? OcfUuid.Nil;
        foreach (var ace in aces)
        {
            AddTo(acl._aces, ace);
        }

        return acl;
    }

    /// <summary>
    /// Applies a POST payload (PROTOCOL §2.8): <c>rowneruuid</c> only in RFOTM/SRESET (fails in
    /// RFPRO); <c>aclist2</c> only in RFOTM/RFPRO/SRESET; each ACE may hold only <c>permission</c> (≤ 65535), <c>aceid</c>, <c>tag</c>,
    /// <c>subject</c>, <c>resources</c> and an ignored <c>href</c>; subjects and resources are
    /// checked strictly. An existing aceid is replaced. All or nothing.
    /// </summary>
    /// <param name="payload">The CBOR body.</param>
    /// <param name="state">The current <c>pstat.dos.s</c>.</param>
    /// <param name="appliedAceIds">Receives the aceid of every ACE of the payload.</param>
    public OcfUpdateResult Update(ReadOnlyMemory<byte> payload, DeviceOnboardingState state, ICollection<int>? appliedAceIds = null)
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

        var result = Parse(root, fromStorage: false, state, out var owner, out var aces);
        if (!result.Succeeded)
        {
            return result;
        }

        var working = new List<Ace>(_aces);
        var ids = new List<int>(aces.Count);
        foreach (var ace in aces)
        {
            ids.Add(AddTo(working, ace));
        }

        _aces = working;
        if (owner is { } newOwner)
        {
            ResourceOwner = newOwner;
        }

        if (appliedAceIds is not null)
        {
            foreach (int id in ids)
            {
                appliedAceIds.Add(id);
            }
        }

        return OcfUpdateResult.Success;
    }

    private static int AddTo(List<Ace> list, Ace ace)
    {
        int id = ace.AceId;
        if (id > 0)
        {
            int index = list.FindIndex(a => a.AceId == id);
            if (index >= 0)
            {
                list[index] = ace;
                return id;
            }
        }
        else
        {
            id = 1;
            foreach (var existing in list)
            {
                id = Math.Max(id, existing.AceId + 1);
            }

            ace = ace with { AceId = id };
        }

        list.Add(ace);
        return id;
    }

    private static OcfUpdateResult Parse(CborNode root, bool fromStorage, DeviceOnboardingState state, out OcfUuid? owner, out List<Ace> aces)
    {
        owner = null;
        aces = [];
        foreach (var (key, value) in root.Entries)
        {
            if (key == "rowneruuid")
            {
                if (!fromStorage && state is not DeviceOnboardingState.Rfotm and not DeviceOnboardingState.Sreset)
                {
                    return OcfUpdateResult.Failure("acl2: rowneruuid can only be set in RFOTM or SRESET");
                }

                if (!value.IsText || !OcfUuid.TryParse(value.Text, out var uuid))
                {
                    return OcfUpdateResult.Failure("acl2: invalid rowneruuid");
                }

                owner = uuid;
            }
            else if (key == "aclist2")
            {
                if (!fromStorage && state is not DeviceOnboardingState.Rfotm and not DeviceOnboardingState.Rfpro and not DeviceOnboardingState.Sreset)
                {
                    return OcfUpdateResult.Failure("acl2: ACEs can only be set in RFOTM, RFPRO or SRESET");
                }

                if (!value.IsArray)
                {
                    return OcfUpdateResult.Failure("acl2: aclist2 is not an array");
                }

                foreach (var item in value.Items)
                {
                    var result = ParseAce(item, fromStorage, out var ace);
                    if (!result.Succeeded)
                    {
                        return result;
                    }

                    aces.Add(ace!);
                }
            }
        }

        return OcfUpdateResult.Success;
    }

    private static OcfUpdateResult ParseAce(CborNode node, bool fromStorage, out Ace? ace)
    {
        ace = null;
        if (!node.IsMap)
        {
            return OcfUpdateResult.Failure("acl2: ACE is not a map");
        }

        int aceId = 0;
        var permission = AcePermission.None;
        string? tag = null;
        AceSubject? subject = null;
        var resources = new List<AceResource>();
        foreach (var (key, value) in node.Entries)
        {
            switch (key)
            {
                case "aceid":
                    if (!value.IsInteger || value.Integer is <= 0 or > int.MaxValue)
                    {
                        return OcfUpdateResult.Failure("acl2: invalid aceid");
                    }

                    aceId = (int)value.Integer;
                    break;
                case "permission":
                    if (!value.IsInteger || value.Integer is < 0 or > 0xFFFF)
                    {
                        return OcfUpdateResult.Failure("acl2: invalid permission");
                    }

                    permission = (AcePermission)value.Integer;
                    break;
                case "tag":
                    if (!value.IsText)
                    {
                        return OcfUpdateResult.Failure("acl2: tag is not a string");
                    }

                    tag = value.Text;
                    break;
                case "href":
                    if (!value.IsText)
                    {
                        return OcfUpdateResult.Failure("acl2: ACE href is not a string");
                    }

                    break;
                case "subject":
                    {
                        var result = ParseSubject(value, out subject);
                        if (!result.Succeeded)
                        {
                            return result;
                        }

                        break;
                    }

                case "resources":
                    {
                        if (value.Kind == CborNodeKind.Null)
                        {
                            break;
                        }

                        if (!value.IsArray)
                        {
                            return OcfUpdateResult.Failure("acl2: resources is not an array");
                        }

                        foreach (var item in value.Items)
                        {
                            var result = ParseResource(item, out var resource);
                            if (!result.Succeeded)
                            {
                                return result;
                            }

                            resources.Add(resource!);
                        }

                        break;
                    }

                default:
                    return OcfUpdateResult.Failure("acl2: unexpected ACE property '" + key + "'");
            }
        }

        if (subject is null)
        {
            return OcfUpdateResult.Failure("acl2: ACE without subject");
        }

        if (fromStorage && aceId == 0)
        {
            return OcfUpdateResult.Failure("acl2: stored ACE without aceid");
        }

        ace = new Ace { AceId = aceId, Subject = subject, Resources = resources, Permission = permission, Tag = tag };
        return OcfUpdateResult.Success;
    }

    private static OcfUpdateResult ParseSubject(CborNode node, out AceSubject? subject)
    {
        subject = null;
        if (!node.IsMap)
        {
            return OcfUpdateResult.Failure("acl2: subject is not a map");
        }

        OcfUuid? uuid = null;
        string? role = null;
        string? authority = null;
        AceConnectionType? connectionType = null;
        foreach (var (key, value) in node.Entries)
        {
            switch (key)
            {
                case "uuid":
                    if (!value.IsText || !OcfUuid.TryParseSubject(value.Text, out var parsed))
                    {
                        return OcfUpdateResult.Failure("acl2: invalid subject uuid");
                    }

                    uuid = parsed;
                    break;
                case "role":
                    if (!value.IsText || value.Text.Length == 0)
                    {
                        return OcfUpdateResult.Failure("acl2: invalid subject role");
                    }

                    role = value.Text;
                    break;
                case "authority":
                    if (!value.IsText)
                    {
                        return OcfUpdateResult.Failure("acl2: invalid subject authority");
                    }

                    authority = value.Text;
                    break;
                case "conntype":
                    if (!value.IsText || !OcfSecurityNames.TryParseConnectionType(value.Text, out var type))
                    {
                        return OcfUpdateResult.Failure("acl2: invalid subject conntype");
                    }

                    connectionType = type;
                    break;
                default:
                    return OcfUpdateResult.Failure("acl2: unexpected subject property '" + key + "'");
            }
        }

        if (uuid is { } subjectUuid)
        {
            if (role is not null || authority is not null || connectionType is not null)
            {
                return OcfUpdateResult.Failure("acl2: subject uuid cannot be combined with role or conntype");
            }

            subject = AceSubject.ForUuid(subjectUuid);
        }
        else if (role is not null)
        {
            if (connectionType is not null)
            {
                return OcfUpdateResult.Failure("acl2: subject role cannot be combined with conntype");
            }

            subject = AceSubject.ForRole(role, authority);
        }
        else if (connectionType is { } type && authority is null)
        {
            subject = AceSubject.ForConnectionType(type);
        }
        else
        {
            return OcfUpdateResult.Failure("acl2: subject names nothing");
        }

        return OcfUpdateResult.Success;
    }

    private static OcfUpdateResult ParseResource(CborNode node, out AceResource? resource)
    {
        resource = null;
        if (!node.IsMap)
        {
            return OcfUpdateResult.Failure("acl2: resource is not a map");
        }

        string? href = null;
        var wildcard = AceWildcard.None;
        foreach (var (key, value) in node.Entries)
        {
            switch (key)
            {
                case "href":
                    if (!value.IsText)
                    {
                        return OcfUpdateResult.Failure("acl2: resource href is not a string");
                    }

                    href = value.Text;
                    break;
                case "wc":
                    wildcard = value.IsText ? ParseWildcard(value.Text) : AceWildcard.None;
                    if (wildcard == AceWildcard.None)
                    {
                        return OcfUpdateResult.Failure("acl2: invalid wildcard");
                    }

                    break;
                case "if":
                    break;
                default:
                    return OcfUpdateResult.Failure("acl2: unexpected resource property '" + key + "'");
            }
        }

        resource = new AceResource(href, wildcard);
        return OcfUpdateResult.Success;
    }

    private static AceWildcard ParseWildcard(string text) => text switch
    {
        "*" => AceWildcard.All,
        "+" => AceWildcard.AllSecured,
        "-" => AceWildcard.AllPublic,
        _ => AceWildcard.None,
    };

    private static string WildcardText(AceWildcard wildcard) => wildcard switch
    {
        AceWildcard.All => "*",
        AceWildcard.AllSecured => "+",
        _ => "-",
    };

    private static void WriteAce(CborWriter writer, Ace ace)
    {
        writer.WriteStartMap(ace.Tag is null ? 4 : 5);
        writer.WriteTextString("aceid");
        writer.WriteInt32(ace.AceId);
        writer.WriteTextString("subject");
        var subject = ace.Subject;
        switch (subject.Kind)
        {
            case AceSubjectKind.Uuid:
                writer.WriteStartMap(1);
                writer.WriteTextString("uuid");
                writer.WriteTextString(subject.Uuid.ToString());
                break;
            case AceSubjectKind.Role:
                writer.WriteStartMap(subject.Authority is null ? 1 : 2);
                writer.WriteTextString("role");
                writer.WriteTextString(subject.Role!);
                if (subject.Authority is not null)
                {
                    writer.WriteTextString("authority");
                    writer.WriteTextString(subject.Authority);
                }

                break;
            default:
                writer.WriteStartMap(1);
                writer.WriteTextString("conntype");
                writer.WriteTextString(OcfSecurityNames.ToWireString(subject.ConnectionType));
                break;
        }

        writer.WriteEndMap();
        writer.WriteTextString("resources");
        writer.WriteStartArray(ace.Resources.Count);
        foreach (var resource in ace.Resources)
        {
            int count = (resource.Href is null ? 0 : 1) + (resource.Wildcard == AceWildcard.None ? 0 : 1);
            writer.WriteStartMap(count);
            if (resource.Href is not null)
            {
                writer.WriteTextString("href");
                writer.WriteTextString(resource.Href);
            }

            if (resource.Wildcard != AceWildcard.None)
            {
                writer.WriteTextString("wc");
                writer.WriteTextString(WildcardText(resource.Wildcard));
            }

            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        writer.WriteTextString("permission");
        writer.WriteInt32((int)ace.Permission);
        if (ace.Tag is not null)
        {
            writer.WriteTextString("tag");
            writer.WriteTextString(ace.Tag);
        }

        writer.WriteEndMap();
    }
}
