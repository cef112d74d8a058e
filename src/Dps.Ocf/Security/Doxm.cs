using System.Formats.Cbor;
using Dps.Ocf.Internal;

namespace Dps.Ocf.Security;

/// <summary>
/// The device ownership transfer resource <c>/oic/sec/doxm</c>. Not thread-safe: use it from the
/// device's executor.
/// </summary>
public sealed class Doxm
{
    /// <summary>The resource path.</summary>
    public const string Href = "/oic/sec/doxm";

    /// <summary>The store name prefix (<c>doxm_0</c> for device 0).</summary>
    public const string StoreName = "doxm";

    /// <summary>Just-works ownership transfer method.</summary>
    public const int OxmJustWorks = 0;

    /// <summary>Random PIN ownership transfer method.</summary>
    public const int OxmRandomPin = 1;

    /// <summary>Manufacturer certificate ownership transfer method.</summary>
    public const int OxmManufacturerCertificate = 2;

    /// <summary>The vendor ownership transfer method "plgd DPS" (0xFF01).</summary>
    public const int OxmPlgdDps = 0xFF01;

    private List<int> _oxms = [OxmJustWorks, OxmManufacturerCertificate];

    /// <summary><c>oxms</c>: supported ownership transfer methods.</summary>
    public IReadOnlyList<int> Oxms
    {
        get => _oxms;
        set => _oxms = [.. value];
    }

    /// <summary><c>oxmsel</c>: the selected ownership transfer method.</summary>
    public int OxmSel { get; set; }

    /// <summary><c>sct</c>: supported credential types (bits, e.g. 1 | 8 = 9).</summary>
    public int SupportedCredentialTypes { get; set; } = 9;

    /// <summary><c>owned</c>.</summary>
    public bool Owned { get; set; }

    /// <summary><c>deviceuuid</c>: the device id (<c>/oic/d di</c>).</summary>
    public OcfUuid DeviceUuid { get; set; }

    /// <summary><c>devowneruuid</c>: the device owner.</summary>
    public OcfUuid DevOwnerUuid { get; set; }

    /// <summary><c>rowneruuid</c>: the resource owner.</summary>
    public OcfUuid ResourceOwner { get; set; }

    /// <summary>A copy of this resource.</summary>
    public Doxm Clone()
    {
        var copy = (Doxm)MemberwiseClone();
        copy._oxms = [.. _oxms];
        return copy;
    }

    /// <summary>The representation (also the store form), written with definite lengths.</summary>
    public byte[] Encode()
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(7);
        writer.WriteTextString("oxms");
        writer.WriteStartArray(_oxms.Count);
        foreach (int oxm in _oxms)
        {
            writer.WriteInt32(oxm);
        }

        writer.WriteEndArray();
        writer.WriteTextString("oxmsel");
        writer.WriteInt32(OxmSel);
        writer.WriteTextString("sct");
        writer.WriteInt32(SupportedCredentialTypes);
        writer.WriteTextString("owned");
        writer.WriteBoolean(Owned);
        writer.WriteTextString("deviceuuid");
        writer.WriteTextString(DeviceUuid.ToString());
        writer.WriteTextString("devowneruuid");
        writer.WriteTextString(DevOwnerUuid.ToString());
        writer.WriteTextString("rowneruuid");
        writer.WriteTextString(ResourceOwner.ToString());
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Reads the store form.</summary>
    /// <exception cref="OcfFormatException">Malformed data.</exception>
    public static Doxm Decode(ReadOnlyMemory<byte> data)
    {
        var doxm = new Doxm();
        var result = doxm.Apply(CborNode.ParseMap(data), fromStorage: true, DeviceOnboardingState.Rfotm);
        return result.Succeeded ? doxm : throw new OcfFormatException("doxm: " + result.Error);
    }

    /// <summary>
    /// Applies a POST payload. <c>oxms</c> and <c>sct</c> are read-only; <c>oxmsel</c>, <c>owned</c>
    /// and the UUIDs may only be written in RFOTM; <c>oxmsel</c> must be a supported method or
    /// 0xFF01. All or nothing.
    /// </summary>
    public OcfUpdateResult Update(ReadOnlyMemory<byte> payload, DeviceOnboardingState state)
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

        var copy = Clone();
        var result = copy.Apply(root, fromStorage: false, state);
        if (result.Succeeded)
        {
            _oxms = copy._oxms;
            OxmSel = copy.OxmSel;
            SupportedCredentialTypes = copy.SupportedCredentialTypes;
            Owned = copy.Owned;
            DeviceUuid = copy.DeviceUuid;
            DevOwnerUuid = copy.DevOwnerUuid;
            ResourceOwner = copy.ResourceOwner;
        }

        return result;
    }

    private OcfUpdateResult Apply(CborNode root, bool fromStorage, DeviceOnboardingState state)
    {
        bool writable = fromStorage || state == DeviceOnboardingState.Rfotm;
        foreach (var (key, value) in root.Entries)
        {
            switch (key)
            {
                case "oxms":
                    if (!fromStorage || !value.IsArray)
                    {
                        return OcfUpdateResult.Failure("doxm: oxms is read-only");
                    }

                    var oxms = new List<int>();
                    foreach (var item in value.Items)
                    {
                        if (!item.IsInteger || item.Integer is < 0 or > 0xFFFF)
                        {
                            return OcfUpdateResult.Failure("doxm: invalid oxms");
                        }

                        oxms.Add((int)item.Integer);
                    }

                    _oxms = oxms;
                    break;
                case "sct":
                    if (!fromStorage || !value.IsInteger || value.Integer is < 0 or > 0xFFFF)
                    {
                        return OcfUpdateResult.Failure("doxm: sct is read-only");
                    }

                    SupportedCredentialTypes = (int)value.Integer;
                    break;
                case "oxmsel":
                    if (!writable || !value.IsInteger || value.Integer is < 0 or > 0xFFFF)
                    {
                        return OcfUpdateResult.Failure("doxm: oxmsel not writable");
                    }

                    OxmSel = (int)value.Integer;
                    break;
                case "owned":
                    if (!writable || value.Kind != CborNodeKind.Boolean)
                    {
                        return OcfUpdateResult.Failure("doxm: owned not writable");
                    }

                    Owned = value.Boolean;
                    break;
                case "deviceuuid":
                case "devowneruuid":
                case "rowneruuid":
                    if (!writable || !value.IsText || !OcfUuid.TryParse(value.Text, out var uuid))
                    {
                        return OcfUpdateResult.Failure("doxm: " + key + " invalid or not writable");
                    }

                    if (key == "deviceuuid")
                    {
                        DeviceUuid = uuid;
                    }
                    else if (key == "devowneruuid")
                    {
                        DevOwnerUuid = uuid;
                    }
                    else
                    {
                        ResourceOwner = uuid;
                    }

                    break;
                default:
                    break;
            }
        }

        if (!fromStorage && OxmSel != OxmPlgdDps && !_oxms.Contains(OxmSel))
        {
            return OcfUpdateResult.Failure("doxm: oxmsel is not a supported method");
        }

        return OcfUpdateResult.Success;
    }
}
