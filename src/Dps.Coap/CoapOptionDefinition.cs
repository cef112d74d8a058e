namespace Dps.Coap;

/// <summary>What is known about an option number: its name, format, length bounds and whether it repeats.</summary>
public sealed record CoapOptionDefinition(
    ushort Number, string Name, CoapOptionFormat Format, int MinLength, int MaxLength, bool Repeatable)
{
    /// <summary>True when the number is critical (odd).</summary>
    public bool IsCritical => CoapOptionNumber.IsCritical(Number);

    /// <summary>The definition of a request/response option, or null when the number is not known.</summary>
    public static CoapOptionDefinition? Find(int number) => number switch
    {
        CoapOptionNumber.IfMatch => IfMatch,
        CoapOptionNumber.UriHost => UriHost,
        CoapOptionNumber.ETag => ETag,
        CoapOptionNumber.IfNoneMatch => IfNoneMatch,
        CoapOptionNumber.Observe => Observe,
        CoapOptionNumber.UriPort => UriPort,
        CoapOptionNumber.LocationPath => LocationPath,
        CoapOptionNumber.Oscore => Oscore,
        CoapOptionNumber.UriPath => UriPath,
        CoapOptionNumber.ContentFormat => ContentFormat,
        CoapOptionNumber.MaxAge => MaxAge,
        CoapOptionNumber.UriQuery => UriQuery,
        CoapOptionNumber.HopLimit => HopLimit,
        CoapOptionNumber.Accept => Accept,
        CoapOptionNumber.LocationQuery => LocationQuery,
        CoapOptionNumber.Block2 => Block2,
        CoapOptionNumber.Block1 => Block1,
        CoapOptionNumber.Size2 => Size2,
        CoapOptionNumber.ProxyUri => ProxyUri,
        CoapOptionNumber.ProxyScheme => ProxyScheme,
        CoapOptionNumber.Size1 => Size1,
        CoapOptionNumber.Echo => Echo,
        CoapOptionNumber.NoResponse => NoResponse,
        CoapOptionNumber.RequestTag => RequestTag,
        CoapOptionNumber.OcfAcceptContentFormatVersion => OcfAccept,
        CoapOptionNumber.OcfContentFormatVersion => OcfContent,
        _ => null,
    };

    /// <summary>The definition of a signaling option for the given signal code, or null.</summary>
    public static CoapOptionDefinition? FindSignaling(CoapCode code, int number) => (code.Value, number) switch
    {
        (0xE1, CoapSignalingOption.MaxMessageSize) => MaxMessageSize,
        (0xE1, CoapSignalingOption.BlockWiseTransfer) => BlockWiseTransfer,
        (0xE2 or 0xE3, CoapSignalingOption.Custody) => Custody,
        (0xE4, CoapSignalingOption.AlternativeAddress) => AlternativeAddress,
        (0xE4, CoapSignalingOption.HoldOff) => HoldOff,
        (0xE5, CoapSignalingOption.BadCsmOption) => BadCsmOption,
        _ => null,
    };

    private static readonly CoapOptionDefinition IfMatch = new(1, "If-Match", CoapOptionFormat.Opaque, 0, 8, true);
    private static readonly CoapOptionDefinition UriHost = new(3, "Uri-Host", CoapOptionFormat.String, 1, 255, false);
    private static readonly CoapOptionDefinition ETag = new(4, "ETag", CoapOptionFormat.Opaque, 1, 8, true);
    private static readonly CoapOptionDefinition IfNoneMatch = new(5, "If-None-Match", CoapOptionFormat.Empty, 0, 0, false);
    private static readonly CoapOptionDefinition Observe = new(6, "Observe", CoapOptionFormat.UInt, 0, 3, false);
    private static readonly CoapOptionDefinition UriPort = new(7, "Uri-Port", CoapOptionFormat.UInt, 0, 2, false);
    private static readonly CoapOptionDefinition LocationPath = new(8, "Location-Path", CoapOptionFormat.String, 0, 255, true);
    private static readonly CoapOptionDefinition Oscore = new(9, "OSCORE", CoapOptionFormat.Opaque, 0, 255, false);
    private static readonly CoapOptionDefinition UriPath = new(11, "Uri-Path", CoapOptionFormat.String, 0, 255, true);
    private static readonly CoapOptionDefinition ContentFormat = new(12, "Content-Format", CoapOptionFormat.UInt, 0, 2, false);
    private static readonly CoapOptionDefinition MaxAge = new(14, "Max-Age", CoapOptionFormat.UInt, 0, 4, false);
    private static readonly CoapOptionDefinition UriQuery = new(15, "Uri-Query", CoapOptionFormat.String, 0, 255, true);
    private static readonly CoapOptionDefinition HopLimit = new(16, "Hop-Limit", CoapOptionFormat.UInt, 1, 1, false);
    private static readonly CoapOptionDefinition Accept = new(17, "Accept", CoapOptionFormat.UInt, 0, 2, false);
    private static readonly CoapOptionDefinition LocationQuery = new(20, "Location-Query", CoapOptionFormat.String, 0, 255, true);
    private static readonly CoapOptionDefinition Block2 = new(23, "Block2", CoapOptionFormat.UInt, 0, 3, false);
    private static readonly CoapOptionDefinition Block1 = new(27, "Block1", CoapOptionFormat.UInt, 0, 3, false);
    private static readonly CoapOptionDefinition Size2 = new(28, "Size2", CoapOptionFormat.UInt, 0, 4, false);
    private static readonly CoapOptionDefinition ProxyUri = new(35, "Proxy-Uri", CoapOptionFormat.String, 1, 1034, false);
    private static readonly CoapOptionDefinition ProxyScheme = new(39, "Proxy-Scheme", CoapOptionFormat.String, 1, 255, false);
    private static readonly CoapOptionDefinition Size1 = new(60, "Size1", CoapOptionFormat.UInt, 0, 4, false);
    private static readonly CoapOptionDefinition Echo = new(252, "Echo", CoapOptionFormat.Opaque, 1, 40, false);
    private static readonly CoapOptionDefinition NoResponse = new(258, "No-Response", CoapOptionFormat.UInt, 0, 1, false);
    private static readonly CoapOptionDefinition RequestTag = new(292, "Request-Tag", CoapOptionFormat.Opaque, 0, 8, true);
    private static readonly CoapOptionDefinition OcfAccept = new(2049, "OCF-Accept-Content-Format-Version", CoapOptionFormat.UInt, 2, 2, false);
    private static readonly CoapOptionDefinition OcfContent = new(2053, "OCF-Content-Format-Version", CoapOptionFormat.UInt, 2, 2, false);

    private static readonly CoapOptionDefinition MaxMessageSize = new(2, "Max-Message-Size", CoapOptionFormat.UInt, 0, 4, false);
    private static readonly CoapOptionDefinition BlockWiseTransfer = new(4, "Block-Wise-Transfer", CoapOptionFormat.Empty, 0, 0, false);
    private static readonly CoapOptionDefinition Custody = new(2, "Custody", CoapOptionFormat.Empty, 0, 0, false);
    private static readonly CoapOptionDefinition AlternativeAddress = new(2, "Alternative-Address", CoapOptionFormat.String, 1, 255, true);
    private static readonly CoapOptionDefinition HoldOff = new(4, "Hold-Off", CoapOptionFormat.UInt, 0, 3, false);
    private static readonly CoapOptionDefinition BadCsmOption = new(2, "Bad-CSM-Option", CoapOptionFormat.UInt, 0, 2, false);
}
