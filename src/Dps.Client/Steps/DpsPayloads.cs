using System.Formats.Cbor;
using System.Globalization;
using Dps.Ocf;
using Dps.Ocf.Cloud;

namespace Dps.Client.Steps;

/// <summary>
/// Readers of the DPS answers (PROTOCOL.md §2.4–§2.6, §3.6). They never throw on bad input: a
/// malformed body is a failed parse.
/// </summary>
internal static class DpsPayloads
{
    /// <summary>Reads <c>time</c> (RFC 3339, up to nanoseconds, <c>Z</c> or a numeric offset) of the time answer; other keys ignored.</summary>
    public static bool TryParseTime(ReadOnlyMemory<byte> payload, out DateTimeOffset time)
    {
        time = default;
        string? text = null;
        if (!TryReadTopLevel(payload, (reader, key) =>
            {
                if (key == "time" && reader.PeekState() == CborReaderState.TextString)
                {
                    text = reader.ReadTextString();
                    return true;
                }
                return false;
            }))
        {
            return false;
        }
        return text is not null && TryParseRfc3339(text, out time);
    }

    /// <summary>The ownership answer must hold exactly one key, <c>devowneruuid</c>, a UUID string.</summary>
    public static bool TryParseOwner(ReadOnlyMemory<byte> payload, out OcfUuid owner)
    {
        owner = default;
        string? text = null;
        var others = 0;
        if (!TryReadTopLevel(payload, (reader, key) =>
            {
                if (key == "devowneruuid" && text is null && reader.PeekState() == CborReaderState.TextString)
                {
                    text = reader.ReadTextString();
                    return true;
                }
                others++;
                return false;
            }))
        {
            return false;
        }
        return others == 0 && OcfUuid.TryParse(text, out owner) && !owner.IsNil;
    }

    /// <summary>A top-level string <c>redirecturi</c>, or null (also for a body that is not a CBOR map).</summary>
    public static string? GetRedirectUri(ReadOnlyMemory<byte> payload)
    {
        string? redirect = null;
        TryReadTopLevel(payload, (reader, key) =>
        {
            if (key == "redirecturi" && reader.PeekState() == CborReaderState.TextString)
            {
                redirect = reader.ReadTextString();
                return true;
            }
            return false;
        });
        return redirect;
    }

    /// <summary>
    /// Reads the cloud-configuration answer (§2.6): <c>at</c>, <c>apn</c>, <c>cis</c>, <c>sid</c> are
    /// required strings (missing → <see cref="DpsError.Response"/>); an invalid <c>sid</c> →
    /// <see cref="DpsError.SetCloud"/>; <c>x.org.iotivity.servers</c> entries without <c>uri</c> or with
    /// an invalid <c>id</c> are skipped.
    /// </summary>
    public static DpsError TryParseCloudConfiguration(ReadOnlyMemory<byte> payload, out CloudConfUpdate? update)
    {
        update = null;
        string? at = null, apn = null, cis = null, sid = null;
        List<CloudServer> servers = [];
        var ok = TryReadTopLevel(payload, (reader, key) =>
        {
            var isText = reader.PeekState() == CborReaderState.TextString;
            switch (key)
            {
                case "at" when isText:
                    at = reader.ReadTextString();
                    return true;
                case "apn" when isText:
                    apn = reader.ReadTextString();
                    return true;
                case "cis" when isText:
                    cis = reader.ReadTextString();
                    return true;
                case "sid" when isText:
                    sid = reader.ReadTextString();
                    return true;
                case "x.org.iotivity.servers" when reader.PeekState() == CborReaderState.StartArray:
                    ReadServers(reader, servers);
                    return true;
                default:
                    return false;
            }
        });
        if (!ok || at is null || apn is null || cis is null || sid is null || cis.Length == 0)
        {
            return DpsError.Response;
        }
        var sidUuid = OcfUuid.Nil;
        if (sid.Length > 0 && !OcfUuid.TryParse(sid, out sidUuid))
        {
            return DpsError.SetCloud;
        }
        update = new CloudConfUpdate
        {
            CiServer = cis,
            Sid = sidUuid,
            AccessToken = at.Length == 0 ? null : at,
            AuthProvider = apn.Length == 0 ? null : apn,
            Servers = servers,
        };
        return DpsError.Ok;
    }

    /// <summary>RFC 3339 with any number of fraction digits (extra digits beyond 100 ns are dropped).</summary>
    public static bool TryParseRfc3339(string text, out DateTimeOffset time)
    {
        time = default;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var normalized = text;
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
            var digits = end - dot - 1;
            if (digits == 0)
            {
                return false;
            }
            var fraction = text.Substring(dot + 1, Math.Min(digits, 7));
            normalized = string.Concat(text.AsSpan(0, dot + 1), fraction, text.AsSpan(end));
        }
        return DateTimeOffset.TryParse(
            normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
            && normalized.Contains('T', StringComparison.OrdinalIgnoreCase);
    }

    private static void ReadServers(CborReader reader, List<CloudServer> servers)
    {
        reader.ReadStartArray();
        while (reader.PeekState() != CborReaderState.EndArray)
        {
            if (reader.PeekState() != CborReaderState.StartMap)
            {
                reader.SkipValue();
                continue;
            }
            reader.ReadStartMap();
            string? uri = null;
            string? id = null;
            while (reader.PeekState() != CborReaderState.EndMap)
            {
                var key = reader.PeekState() == CborReaderState.TextString ? reader.ReadTextString() : null;
                if (key is null)
                {
                    reader.SkipValue();
                    reader.SkipValue();
                    continue;
                }
                if (key == "uri" && reader.PeekState() == CborReaderState.TextString)
                {
                    uri = reader.ReadTextString();
                }
                else if (key == "id" && reader.PeekState() == CborReaderState.TextString)
                {
                    id = reader.ReadTextString();
                }
                else
                {
                    reader.SkipValue();
                }
            }
            reader.ReadEndMap();
            var uuid = OcfUuid.Nil;
            if (string.IsNullOrEmpty(uri) || (id is not null && id.Length > 0 && !OcfUuid.TryParse(id, out uuid)))
            {
                continue;
            }
            if (!servers.Exists(s => s.Uri == uri && s.Id == uuid))
            {
                servers.Add(new CloudServer(uri, uuid));
            }
        }
        reader.ReadEndArray();
    }

    // Walks the top-level map; visit reads the value and returns true, or returns false to skip it.
    private static bool TryReadTopLevel(ReadOnlyMemory<byte> payload, Func<CborReader, string, bool> visit)
    {
        if (payload.IsEmpty)
        {
            return false;
        }
        try
        {
            var reader = new CborReader(payload, CborConformanceMode.Lax);
            if (reader.PeekState() != CborReaderState.StartMap)
            {
                return false;
            }
            reader.ReadStartMap();
            while (reader.PeekState() != CborReaderState.EndMap)
            {
                if (reader.PeekState() != CborReaderState.TextString)
                {
                    return false;
                }
                var key = reader.ReadTextString();
                if (!visit(reader, key))
                {
                    reader.SkipValue();
                }
            }
            reader.ReadEndMap();
            return reader.BytesRemaining == 0;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException or ArgumentException)
        {
            return false;
        }
    }
}
