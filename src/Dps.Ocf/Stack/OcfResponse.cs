using System.Formats.Cbor;
using Dps.Coap;

namespace Dps.Ocf;

/// <summary>What a resource handler answers: a response code and an optional CBOR representation.</summary>
public sealed class OcfResponse
{
    /// <summary>A response with <paramref name="code"/> and an encoded CBOR payload (or none).</summary>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not a response code.</exception>
    public OcfResponse(CoapCode code, ReadOnlyMemory<byte> payload = default)
    {
        if (!code.IsResponse)
        {
            throw new ArgumentException($"{code} is not a response code.", nameof(code));
        }

        Code = code;
        Payload = payload;
    }

    /// <summary>The response code.</summary>
    public CoapCode Code { get; }

    /// <summary>The CBOR representation, or empty.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>2.04 Changed without a body.</summary>
    public static OcfResponse Changed() => new(CoapCode.Changed);

    /// <summary>2.02 Deleted without a body.</summary>
    public static OcfResponse Deleted() => new(CoapCode.Deleted);

    /// <summary>4.00 Bad Request without a body.</summary>
    public static OcfResponse BadRequest() => new(CoapCode.BadRequest);

    /// <summary>A response without a body (typically an error).</summary>
    public static OcfResponse FromCode(CoapCode code) => new(code);

    /// <summary>A response with what <paramref name="writer"/> holds.</summary>
    public static OcfResponse FromWriter(CoapCode code, CborWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return new(code, writer.Encode());
    }
}
