using System.Formats.Cbor;
using Dps.Coap;
using Dps.Ocf.Internal;

namespace Dps.Ocf.Cloud;

/// <summary>The hub requests of the cloud manager and the parsing of their answers (PROTOCOL §7.5–§7.10).</summary>
internal static class CloudMessages
{
    public const string AccountPath = "/oic/sec/account";
    public const string SessionPath = "/oic/sec/session";
    public const string RefreshPath = "/oic/sec/tokenrefresh";
    public const string ResourceDirectoryPath = "/oic/rd";
    private const uint OcfVersion = 2048;

    /// <summary>Sign-up: <c>{di, [uid], [authprovider], accesstoken, devicetype}</c>.</summary>
    public static CoapMessage SignUp(string di, string uid, string authProvider, string accessToken)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(3 + (uid.Length > 0 ? 1 : 0) + (authProvider.Length > 0 ? 1 : 0));
        Text(writer, "di", di);
        if (uid.Length > 0)
        {
            Text(writer, "uid", uid);
        }

        if (authProvider.Length > 0)
        {
            Text(writer, "authprovider", authProvider);
        }

        Text(writer, "accesstoken", accessToken);
        Text(writer, "devicetype", "device");
        writer.WriteEndMap();
        return Post(AccountPath, writer.Encode());
    }

    /// <summary>Sign-in or sign-out: <c>{uid, di, accesstoken, login}</c>.</summary>
    public static CoapMessage Session(string uid, string di, string accessToken, bool login)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(4);
        Text(writer, "uid", uid);
        Text(writer, "di", di);
        Text(writer, "accesstoken", accessToken);
        writer.WriteTextString("login");
        writer.WriteBoolean(login);
        writer.WriteEndMap();
        return Post(SessionPath, writer.Encode());
    }

    /// <summary>Token refresh: <c>{uid, di, [authprovider], granttype, refreshtoken}</c>.</summary>
    public static CoapMessage Refresh(string uid, string di, string authProvider, string refreshToken)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(4 + (authProvider.Length > 0 ? 1 : 0));
        Text(writer, "uid", uid);
        Text(writer, "di", di);
        if (authProvider.Length > 0)
        {
            Text(writer, "authprovider", authProvider);
        }

        Text(writer, "granttype", "refresh_token");
        Text(writer, "refreshtoken", refreshToken);
        writer.WriteEndMap();
        return Post(RefreshPath, writer.Encode());
    }

    /// <summary>Publish: <c>POST /oic/rd?rt=oic.wk.rdpub {di, n, ttl, links}</c>.</summary>
    public static CoapMessage Publish(string di, string name, int ttl, IReadOnlyList<CloudPublishLink> links, IReadOnlyList<long> instances)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(4);
        Text(writer, "di", di);
        Text(writer, "n", name);
        writer.WriteTextString("ttl");
        writer.WriteInt32(ttl);
        writer.WriteTextString("links");
        writer.WriteStartArray(links.Count);
        for (int i = 0; i < links.Count; i++)
        {
            var link = links[i];
            writer.WriteStartMap(6);
            Text(writer, "href", link.Href);
            TextArray(writer, "rt", link.ResourceTypes);
            TextArray(writer, "if", link.Interfaces);
            Text(writer, "rel", "hosts");
            writer.WriteTextString("ins");
            writer.WriteInt64(instances[i]);
            writer.WriteTextString("p");
            writer.WriteStartMap(1);
            writer.WriteTextString("bm");
            writer.WriteInt32(link.PublishedBitmap);
            writer.WriteEndMap();
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        writer.WriteEndMap();
        var builder = Body(new CoapMessageBuilder(CoapCode.Post).SetPathAndQuery(ResourceDirectoryPath), writer.Encode());
        builder.AddQuery("rt=oic.wk.rdpub");
        return builder.Build();
    }

    /// <summary>Unpublish: <c>DELETE /oic/rd?di=&lt;di&gt;&amp;ins=&lt;n&gt;…</c>.</summary>
    public static CoapMessage Unpublish(string di, IEnumerable<long> instances)
    {
        var builder = new CoapMessageBuilder(CoapCode.Delete).SetPathAndQuery(ResourceDirectoryPath);
        builder.AddQuery("di=" + di);
        foreach (long ins in instances)
        {
            builder.AddQuery("ins=" + ins.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.SetAccept(CoapContentFormat.OcfCbor).SetOption(CoapOptionNumber.OcfAcceptContentFormatVersion, OcfVersion);
        return builder.Build();
    }

    /// <summary>The most URI-query bytes (<c>di=…</c> and the <c>ins=…</c> options) one unpublish request carries.</summary>
    public const int MaxUnpublishQueryBytes = 512;

    /// <summary>
    /// Unpublish split into several requests (as iotivity when the header would grow too large): each
    /// carries <c>di</c> and as many <c>ins</c> as fit in <paramref name="maxQueryBytes"/> (at least one).
    /// </summary>
    /// <returns>The requests with the <c>ins</c> each one carries, in order; none for no instances.</returns>
    public static IReadOnlyList<(CoapMessage Request, IReadOnlyList<long> Instances)> UnpublishBatches(
        string di, IReadOnlyList<long> instances, int maxQueryBytes = MaxUnpublishQueryBytes)
    {
        ArgumentNullException.ThrowIfNull(di);
        ArgumentNullException.ThrowIfNull(instances);
        var batches = new List<(CoapMessage, IReadOnlyList<long>)>();
        int fixedBytes = 4 + di.Length; // "di=" and a separator
        var current = new List<long>();
        int bytes = fixedBytes;
        foreach (long ins in instances)
        {
            int size = 5 + ins.ToString(System.Globalization.CultureInfo.InvariantCulture).Length; // "ins=" and a separator
            if (current.Count > 0 && bytes + size > maxQueryBytes)
            {
                batches.Add((Unpublish(di, current), current));
                current = [];
                bytes = fixedBytes;
            }

            current.Add(ins);
            bytes += size;
        }

        if (current.Count > 0)
        {
            batches.Add((Unpublish(di, current), current));
        }

        return batches;
    }

    /// <summary>Deregistration: <c>DELETE /oic/sec/account?uid=&amp;di=[&amp;accesstoken=]</c>.</summary>
    public static CoapMessage Deregister(string uid, string di, string accessToken)
    {
        var builder = new CoapMessageBuilder(CoapCode.Delete).SetPathAndQuery(AccountPath);
        builder.AddQuery("uid=" + uid);
        builder.AddQuery("di=" + di);
        if (accessToken.Length > 0)
        {
            builder.AddQuery("accesstoken=" + accessToken);
        }

        builder.SetAccept(CoapContentFormat.OcfCbor).SetOption(CoapOptionNumber.OcfAcceptContentFormatVersion, OcfVersion);
        return builder.Build();
    }

    /// <summary>The sign-up answer: non-empty tokens and uid, integer <c>expiresin</c>, optional <c>redirecturi</c>.</summary>
    public static bool TryParseSignUp(ReadOnlyMemory<byte> payload, out SignUpAnswer answer, out string reason)
    {
        answer = default;
        if (!TryParseMap(payload, out var root, out reason))
        {
            return false;
        }

        if (!NonEmptyText(root, "accesstoken", out string accessToken, ref reason)
            || !NonEmptyText(root, "refreshtoken", out string refreshToken, ref reason)
            || !NonEmptyText(root, "uid", out string uid, ref reason)
            || !Integer(root, "expiresin", out long expiresIn, ref reason))
        {
            return false;
        }

        string redirect = root.TryGet("redirecturi", out var node) && node.IsText ? node.Text : string.Empty;
        answer = new SignUpAnswer(accessToken, refreshToken, uid, expiresIn, redirect);
        return true;
    }

    /// <summary>The sign-in answer: integer <c>expiresin</c>.</summary>
    public static bool TryParseSignIn(ReadOnlyMemory<byte> payload, out long expiresIn, out string reason)
    {
        expiresIn = 0;
        return TryParseMap(payload, out var root, out reason) && Integer(root, "expiresin", out expiresIn, ref reason);
    }

    /// <summary>The refresh answer: non-empty tokens, integer <c>expiresin</c>.</summary>
    public static bool TryParseRefresh(ReadOnlyMemory<byte> payload, out RefreshAnswer answer, out string reason)
    {
        answer = default;
        if (!TryParseMap(payload, out var root, out reason))
        {
            return false;
        }

        if (!NonEmptyText(root, "accesstoken", out string accessToken, ref reason)
            || !NonEmptyText(root, "refreshtoken", out string refreshToken, ref reason)
            || !Integer(root, "expiresin", out long expiresIn, ref reason))
        {
            return false;
        }

        answer = new RefreshAnswer(accessToken, refreshToken, expiresIn);
        return true;
    }

    /// <summary>The <c>ins</c> the gateway assigned, by href.</summary>
    public static Dictionary<string, long> ParsePublishInstances(ReadOnlyMemory<byte> payload)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!TryParseMap(payload, out var root, out _) || !root.TryGet("links", out var links) || !links.IsArray)
        {
            return result;
        }

        foreach (var link in links.Items)
        {
            if (link.IsMap && link.TryGet("href", out var href) && href.IsText
                && link.TryGet("ins", out var ins) && ins.IsInteger)
            {
                result[href.Text] = ins.Integer;
            }
        }

        return result;
    }

    private static CoapMessage Post(string path, byte[] body) =>
        Body(new CoapMessageBuilder(CoapCode.Post).SetPathAndQuery(path), body).Build();

    private static CoapMessageBuilder Body(CoapMessageBuilder builder, byte[] body) =>
        builder.SetPayload(body, CoapContentFormat.OcfCbor)
            .SetOption(CoapOptionNumber.OcfContentFormatVersion, OcfVersion)
            .SetAccept(CoapContentFormat.OcfCbor)
            .SetOption(CoapOptionNumber.OcfAcceptContentFormatVersion, OcfVersion);

    private static void Text(CborWriter writer, string key, string value)
    {
        writer.WriteTextString(key);
        writer.WriteTextString(value);
    }

    private static void TextArray(CborWriter writer, string key, IReadOnlyList<string> values)
    {
        writer.WriteTextString(key);
        writer.WriteStartArray(values.Count);
        foreach (string value in values)
        {
            writer.WriteTextString(value);
        }

        writer.WriteEndArray();
    }

    private static bool TryParseMap(ReadOnlyMemory<byte> payload, out CborNode root, out string reason)
    {
        reason = string.Empty;
        try
        {
            root = CborNode.ParseMap(payload);
            return true;
        }
        catch (OcfFormatException ex)
        {
            root = null!;
            reason = ex.Message;
            return false;
        }
    }

    private static bool NonEmptyText(CborNode root, string key, out string value, ref string reason)
    {
        if (root.TryGet(key, out var node) && node.IsText && node.Text.Length > 0)
        {
            value = node.Text;
            return true;
        }

        value = string.Empty;
        reason = key + " is missing or empty";
        return false;
    }

    private static bool Integer(CborNode root, string key, out long value, ref string reason)
    {
        if (root.TryGet(key, out var node) && node.IsInteger)
        {
            value = node.Integer;
            return true;
        }

        value = 0;
        reason = key + " is missing or not an integer";
        return false;
    }
}
