using System.Formats.Cbor;
using Dps.Ocf.Internal;

namespace Dps.Ocf.Security;

/// <summary>The security domain information resource <c>/oic/sec/sdi</c>.</summary>
public sealed class Sdi
{
    /// <summary>The resource path.</summary>
    public const string Href = "/oic/sec/sdi";

    /// <summary>The store name prefix (<c>sdi_0</c> for device 0).</summary>
    public const string StoreName = "sdi";

    /// <summary><c>uuid</c>: the security domain.</summary>
    public OcfUuid Uuid { get; set; }

    /// <summary><c>name</c>: the security domain's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><c>priv</c>: the domain information is private (not readable anonymously).</summary>
    public bool Private { get; set; }

    /// <summary>The representation (also the store form), written with definite lengths.</summary>
    public byte[] Encode()
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(3);
        writer.WriteTextString("uuid");
        writer.WriteTextString(Uuid.ToString());
        writer.WriteTextString("name");
        writer.WriteTextString(Name);
        writer.WriteTextString("priv");
        writer.WriteBoolean(Private);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Reads the store form.</summary>
    /// <exception cref="OcfFormatException">Malformed data.</exception>
    public static Sdi Decode(ReadOnlyMemory<byte> data)
    {
        var sdi = new Sdi();
        var result = sdi.Update(data);
        return result.Succeeded ? sdi : throw new OcfFormatException(result.Error!);
    }

    /// <summary>Applies a POST payload (<c>uuid</c>, <c>name</c>, <c>priv</c>). All or nothing.</summary>
    public OcfUpdateResult Update(ReadOnlyMemory<byte> payload)
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

        var uuid = Uuid;
        string name = Name;
        bool priv = Private;
        foreach (var (key, value) in root.Entries)
        {
            switch (key)
            {
                case "uuid":
                    if (!value.IsText || !OcfUuid.TryParse(value.Text, out uuid))
                    {
                        return OcfUpdateResult.Failure("sdi: invalid uuid");
                    }

                    break;
                case "name":
                    if (!value.IsText)
                    {
                        return OcfUpdateResult.Failure("sdi: invalid name");
                    }

                    name = value.Text;
                    break;
                case "priv":
                    if (value.Kind != CborNodeKind.Boolean)
                    {
                        return OcfUpdateResult.Failure("sdi: invalid priv");
                    }

                    priv = value.Boolean;
                    break;
                default:
                    break;
            }
        }

        Uuid = uuid;
        Name = name;
        Private = priv;
        return OcfUpdateResult.Success;
    }
}
