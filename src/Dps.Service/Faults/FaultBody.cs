using System.Formats.Cbor;

namespace Dps.Service.Faults;

/// <summary>Rewrites a success body (a CBOR map) for the <c>extra-keys</c>, <c>missing-keys</c> and <c>redirect-uri</c> faults.</summary>
internal static class FaultBody
{
    /// <summary>The unknown keys an <c>extra-keys</c> fault adds.</summary>
    public static readonly IReadOnlyList<string> ExtraKeys = ["x.dps.fault.extra", "x.dps.fault.nested"];

    /// <summary>
    /// The body as <paramref name="fault"/> alters it, or <paramref name="body"/> unchanged when the
    /// fault does not alter bodies or the body is not a single CBOR map.
    /// </summary>
    public static byte[] Apply(byte[] body, Fault? fault)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (fault?.Kind is not (FaultKind.ExtraKeys or FaultKind.MissingKeys or FaultKind.RedirectUri))
        {
            return body;
        }

        List<(string Key, byte[] Value)> entries;
        try
        {
            entries = ReadMap(body);
        }
        catch (CborContentException)
        {
            return body;
        }
        catch (InvalidOperationException)
        {
            return body;
        }

        switch (fault.Kind)
        {
            case FaultKind.MissingKeys when entries.Count > 0:
                entries.RemoveAt(0);
                break;
            case FaultKind.ExtraKeys:
                entries.Add((ExtraKeys[0], Encode(w => w.WriteTextString("unexpected"))));
                entries.Add((ExtraKeys[1], Encode(w =>
                {
                    w.WriteStartMap(1);
                    w.WriteTextString("n");
                    w.WriteInt32(1);
                    w.WriteEndMap();
                })));
                break;
            case FaultKind.RedirectUri:
                entries.RemoveAll(e => e.Key == "redirecturi");
                entries.Add(("redirecturi", Encode(w => w.WriteTextString(fault.RedirectUri ?? string.Empty))));
                break;
        }

        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(entries.Count);
        foreach (var (key, value) in entries)
        {
            writer.WriteTextString(key);
            writer.WriteEncodedValue(value);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    private static List<(string Key, byte[] Value)> ReadMap(byte[] body)
    {
        var reader = new CborReader(body, CborConformanceMode.Lax);
        var entries = new List<(string, byte[])>();
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            var key = reader.ReadTextString();
            entries.Add((key, reader.ReadEncodedValue().ToArray()));
        }

        reader.ReadEndMap();
        if (reader.BytesRemaining != 0)
        {
            throw new InvalidOperationException("trailing bytes after the map");
        }

        return entries;
    }

    private static byte[] Encode(Action<CborWriter> write)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        write(writer);
        return writer.Encode();
    }
}
