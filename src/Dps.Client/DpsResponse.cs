using Dps.Coap;

namespace Dps.Client;

/// <summary>The outcome of one DPS request: a CoAP response code or an internal outcome.</summary>
public readonly struct DpsResponse : IEquatable<DpsResponse>
{
    private DpsResponse(DpsResponseKind kind, CoapCode code)
    {
        Kind = kind;
        Code = code;
    }

    /// <summary>How the request ended.</summary>
    public DpsResponseKind Kind { get; }

    /// <summary>The response code when <see cref="Kind"/> is <see cref="DpsResponseKind.Response"/>; 0.00 otherwise.</summary>
    public CoapCode Code { get; }

    /// <summary>The request timeout elapsed.</summary>
    public static DpsResponse RequestTimeout => new(DpsResponseKind.RequestTimeout, CoapCode.Empty);

    /// <summary>A block-wise transfer timed out.</summary>
    public static DpsResponse TransactionTimeout => new(DpsResponseKind.TransactionTimeout, CoapCode.Empty);

    /// <summary>The connection was closed before a response arrived.</summary>
    public static DpsResponse ConnectionClosed => new(DpsResponseKind.ConnectionClosed, CoapCode.Empty);

    /// <summary>The request was cancelled.</summary>
    public static DpsResponse Cancelled => new(DpsResponseKind.Cancelled, CoapCode.Empty);

    /// <summary>A keep-alive ping was not answered.</summary>
    public static DpsResponse PingTimeout => new(DpsResponseKind.PingTimeout, CoapCode.Empty);

    /// <summary>A CoAP response with <paramref name="code"/>.</summary>
    public static DpsResponse FromCode(CoapCode code) => new(DpsResponseKind.Response, code);

    /// <inheritdoc/>
    public bool Equals(DpsResponse other) => Kind == other.Kind && Code == other.Code;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DpsResponse other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Code);

    /// <summary>The code (<c>4.04</c>) or the outcome name.</summary>
    public override string ToString() => Kind == DpsResponseKind.Response ? Code.ToString() : Kind.ToString();

    /// <summary>Equality.</summary>
    public static bool operator ==(DpsResponse left, DpsResponse right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(DpsResponse left, DpsResponse right) => !left.Equals(right);
}
