using System.Globalization;

namespace Dps.Coap;

/// <summary>
/// A CoAP code (RFC 7252 §3, RFC 8323 §5): three bits of class and five bits of detail, written
/// <c>c.dd</c>. Methods are class 0, responses classes 2, 4 and 5, signaling class 7.
/// </summary>
public readonly struct CoapCode : IEquatable<CoapCode>
{
    /// <summary>Creates a code from its wire byte.</summary>
    public CoapCode(byte value) => Value = value;

    /// <summary>Creates a code from class and detail (<c>2, 5</c> is 2.05).</summary>
    public CoapCode(int codeClass, int detail)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(codeClass);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(codeClass, 7);
        ArgumentOutOfRangeException.ThrowIfNegative(detail);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(detail, 31);
        Value = (byte)((codeClass << 5) | detail);
    }

    /// <summary>The wire byte.</summary>
    public byte Value { get; }

    /// <summary>The class: 0 request, 2 success, 4 client error, 5 server error, 7 signaling.</summary>
    public int Class => Value >> 5;

    /// <summary>The detail, 0–31.</summary>
    public int Detail => Value & 0x1F;

    /// <summary>0.00: an empty message; on TCP it is ignored by the receiver.</summary>
    public bool IsEmpty => Value == 0;

    /// <summary>A method code (0.01–0.31).</summary>
    public bool IsRequest => Class == 0 && Detail != 0;

    /// <summary>A response code (classes 2, 4 and 5; classes 1, 3 and 6 are reserved).</summary>
    public bool IsResponse => Class is 2 or 4 or 5;

    /// <summary>A 2.xx code.</summary>
    public bool IsSuccess => Class == 2;

    /// <summary>A 4.xx or 5.xx code.</summary>
    public bool IsError => Class == 4 || Class == 5;

    /// <summary>A 7.xx signaling code (RFC 8323 §5).</summary>
    public bool IsSignaling => Class == 7;

#pragma warning disable CS1591 // Names are the RFC's.
    public static CoapCode Empty => new(0x00);
    public static CoapCode Get => new(0x01);
    public static CoapCode Post => new(0x02);
    public static CoapCode Put => new(0x03);
    public static CoapCode Delete => new(0x04);
    public static CoapCode Fetch => new(0x05);
    public static CoapCode Patch => new(0x06);
    public static CoapCode IPatch => new(0x07);

    public static CoapCode Created => new(2, 1);
    public static CoapCode Deleted => new(2, 2);
    public static CoapCode Valid => new(2, 3);
    public static CoapCode Changed => new(2, 4);
    public static CoapCode Content => new(2, 5);
    public static CoapCode Continue => new(2, 31);

    public static CoapCode BadRequest => new(4, 0);
    public static CoapCode Unauthorized => new(4, 1);
    public static CoapCode BadOption => new(4, 2);
    public static CoapCode Forbidden => new(4, 3);
    public static CoapCode NotFound => new(4, 4);
    public static CoapCode MethodNotAllowed => new(4, 5);
    public static CoapCode NotAcceptable => new(4, 6);
    public static CoapCode RequestEntityIncomplete => new(4, 8);
    public static CoapCode Conflict => new(4, 9);
    public static CoapCode PreconditionFailed => new(4, 12);
    public static CoapCode RequestEntityTooLarge => new(4, 13);
    public static CoapCode UnsupportedContentFormat => new(4, 15);
    public static CoapCode UnprocessableEntity => new(4, 22);
    public static CoapCode TooManyRequests => new(4, 29);

    public static CoapCode InternalServerError => new(5, 0);
    public static CoapCode NotImplemented => new(5, 1);
    public static CoapCode BadGateway => new(5, 2);
    public static CoapCode ServiceUnavailable => new(5, 3);
    public static CoapCode GatewayTimeout => new(5, 4);
    public static CoapCode ProxyingNotSupported => new(5, 5);
    public static CoapCode HopLimitReached => new(5, 8);

    public static CoapCode Csm => new(7, 1);
    public static CoapCode Ping => new(7, 2);
    public static CoapCode Pong => new(7, 3);
    public static CoapCode Release => new(7, 4);
    public static CoapCode Abort => new(7, 5);
#pragma warning restore CS1591

    /// <summary>The RFC's name of the code, or null for an unassigned one.</summary>
    public string? Name => Value switch
    {
        0x00 => "Empty",
        0x01 => "GET",
        0x02 => "POST",
        0x03 => "PUT",
        0x04 => "DELETE",
        0x05 => "FETCH",
        0x06 => "PATCH",
        0x07 => "iPATCH",
        0x41 => "Created",
        0x42 => "Deleted",
        0x43 => "Valid",
        0x44 => "Changed",
        0x45 => "Content",
        0x5F => "Continue",
        0x80 => "Bad Request",
        0x81 => "Unauthorized",
        0x82 => "Bad Option",
        0x83 => "Forbidden",
        0x84 => "Not Found",
        0x85 => "Method Not Allowed",
        0x86 => "Not Acceptable",
        0x88 => "Request Entity Incomplete",
        0x89 => "Conflict",
        0x8C => "Precondition Failed",
        0x8D => "Request Entity Too Large",
        0x8F => "Unsupported Content-Format",
        0x96 => "Unprocessable Entity",
        0x9D => "Too Many Requests",
        0xA0 => "Internal Server Error",
        0xA1 => "Not Implemented",
        0xA2 => "Bad Gateway",
        0xA3 => "Service Unavailable",
        0xA4 => "Gateway Timeout",
        0xA5 => "Proxying Not Supported",
        0xA8 => "Hop Limit Reached",
        0xE1 => "CSM",
        0xE2 => "Ping",
        0xE3 => "Pong",
        0xE4 => "Release",
        0xE5 => "Abort",
        _ => null,
    };

    /// <inheritdoc />
    public bool Equals(CoapCode other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CoapCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value;

    /// <summary><c>c.dd</c>, e.g. <c>2.05</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Class}.{Detail:D2}");

    /// <summary>Equality.</summary>
    public static bool operator ==(CoapCode left, CoapCode right) => left.Value == right.Value;

    /// <summary>Inequality.</summary>
    public static bool operator !=(CoapCode left, CoapCode right) => left.Value != right.Value;
}
