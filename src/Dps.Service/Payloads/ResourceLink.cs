using System.Formats.Cbor;
using System.Text;

namespace Dps.Service.Payloads;

/// <summary>One link of an <c>/oic/rd</c> publish (PROTOCOL §7.9).</summary>
/// <param name="Href">The normalised href.</param>
/// <param name="ResourceTypes">The <c>rt</c> values.</param>
/// <param name="Interfaces">The <c>if</c> values.</param>
/// <param name="Relation">The <c>rel</c> value (array values joined by a space), or null.</param>
/// <param name="Instance">The <c>ins</c> value (the gateway replaces it with CRC-32 of the href).</param>
/// <param name="Bitmask">The <c>p.bm</c> policy bits, or null when absent.</param>
/// <param name="Anchor">The <c>anchor</c> value, or null.</param>
/// <param name="Title">The <c>title</c> value, or null.</param>
internal sealed record ResourceLink(
    string Href,
    IReadOnlyList<string> ResourceTypes,
    IReadOnlyList<string> Interfaces,
    string? Relation,
    long? Instance,
    long? Bitmask,
    string? Anchor,
    string? Title)
{
    /// <summary>The instance id the gateway assigns: CRC-32 (IEEE) of the UTF-8 href.</summary>
    public static long InstanceOf(string href) => Crc32.Compute(Encoding.UTF8.GetBytes(href));

    /// <summary>Normalises an href like the plgd gateway: collapse repeated slashes, drop trailing slashes, ensure a leading slash.</summary>
    public static string NormalizeHref(string href)
    {
        ArgumentNullException.ThrowIfNull(href);
        var builder = new StringBuilder(href.Length + 1);
        builder.Append('/');
        foreach (var c in href)
        {
            if (c == '/' && builder[^1] == '/')
            {
                continue;
            }

            builder.Append(c);
        }

        while (builder.Length > 1 && builder[^1] == '/')
        {
            builder.Length--;
        }

        return builder.ToString();
    }

    /// <summary>Reads one link map.</summary>
    public static ResourceLink Read(CborReader reader, string what)
    {
        string? href = null, rel = null, anchor = null, title = null;
        long? ins = null, bm = null;
        IReadOnlyList<string> rt = [], itf = [];
        CborPayload.ReadMap(reader, what, key =>
        {
            switch (key)
            {
                case "href": href = CborPayload.ReadText(reader, what + ".href"); break;
                case "rt": rt = CborPayload.ReadTextArray(reader, what + ".rt"); break;
                case "if": itf = CborPayload.ReadTextArray(reader, what + ".if"); break;
                case "rel": rel = ReadRelation(reader, what + ".rel"); break;
                case "ins": ins = CborPayload.ReadInteger(reader, what + ".ins"); break;
                case "anchor": anchor = CborPayload.ReadText(reader, what + ".anchor"); break;
                case "title": title = CborPayload.ReadText(reader, what + ".title"); break;
                case "p":
                    CborPayload.ReadMap(reader, what + ".p", pKey =>
                    {
                        if (pKey == "bm")
                        {
                            bm = CborPayload.ReadInteger(reader, what + ".p.bm");
                        }
                        else
                        {
                            reader.SkipValue();
                        }
                    });
                    break;
                default: reader.SkipValue(); break;
            }
        });
        if (string.IsNullOrEmpty(href))
        {
            throw new PayloadFormatException($"{what}: href is missing");
        }

        return new ResourceLink(NormalizeHref(href), rt, itf, rel, ins, bm, anchor, title);
    }

    /// <summary>Writes the link map: href, rt, if, rel, ins, p{bm}, anchor, title (absent ones omitted).</summary>
    public void Write(CborWriter writer)
    {
        var count = 3 + (Relation is null ? 0 : 1) + (Instance is null ? 0 : 1) + (Bitmask is null ? 0 : 1) + (Anchor is null ? 0 : 1) + (Title is null ? 0 : 1);
        writer.WriteStartMap(count);
        CborPayload.WriteText(writer, "href", Href);
        writer.WriteTextString("rt");
        CborPayload.WriteTextArray(writer, ResourceTypes);
        writer.WriteTextString("if");
        CborPayload.WriteTextArray(writer, Interfaces);
        if (Relation is not null)
        {
            CborPayload.WriteText(writer, "rel", Relation);
        }

        if (Instance is { } instance)
        {
            writer.WriteTextString("ins");
            writer.WriteInt64(instance);
        }

        if (Bitmask is { } bitmask)
        {
            writer.WriteTextString("p");
            writer.WriteStartMap(1);
            writer.WriteTextString("bm");
            writer.WriteInt64(bitmask);
            writer.WriteEndMap();
        }

        if (Anchor is not null)
        {
            CborPayload.WriteText(writer, "anchor", Anchor);
        }

        if (Title is not null)
        {
            CborPayload.WriteText(writer, "title", Title);
        }

        writer.WriteEndMap();
    }

    private static string ReadRelation(CborReader reader, string what)
    {
        if (reader.PeekState() == CborReaderState.StartArray)
        {
            return string.Join(' ', CborPayload.ReadTextArray(reader, what));
        }

        return CborPayload.ReadText(reader, what);
    }
}
