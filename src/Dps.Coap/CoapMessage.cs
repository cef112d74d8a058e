using System.Text;

namespace Dps.Coap;

/// <summary>
/// An immutable CoAP message as carried over TCP (RFC 8323): code, token, options and payload.
/// A decoded message keeps one buffer; token, options and payload are slices of it.
/// </summary>
public sealed class CoapMessage
{
    /// <summary>Largest token length (RFC 8323 §3.2: TKL 9–15 are reserved).</summary>
    public const int MaxTokenLength = 8;

    internal CoapMessage(CoapCode code, ReadOnlyMemory<byte> token, CoapOptions options, ReadOnlyMemory<byte> payload)
    {
        Code = code;
        Token = token;
        Options = options;
        Payload = payload;
    }

    /// <summary>The code.</summary>
    public CoapCode Code { get; }

    /// <summary>The token, 0–8 bytes.</summary>
    public ReadOnlyMemory<byte> Token { get; }

    /// <summary>The options, ordered by number.</summary>
    public CoapOptions Options { get; }

    /// <summary>The payload (empty when there is none).</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Creates a message; options are sorted by number, keeping the order of repeated ones.</summary>
    /// <exception cref="ArgumentException">The token is longer than 8 bytes.</exception>
    public static CoapMessage Create(
        CoapCode code,
        ReadOnlyMemory<byte> token = default,
        IEnumerable<CoapOption>? options = null,
        ReadOnlyMemory<byte> payload = default)
    {
        if (token.Length > MaxTokenLength)
        {
            throw new ArgumentException($"A token has at most {MaxTokenLength} bytes.", nameof(token));
        }

        return new CoapMessage(code, token, CoapOptions.Create(options), payload);
    }

    /// <summary>Creates a message from already encoded options.</summary>
    public static CoapMessage Create(CoapCode code, ReadOnlyMemory<byte> token, CoapOptions options, ReadOnlyMemory<byte> payload)
    {
        if (token.Length > MaxTokenLength)
        {
            throw new ArgumentException($"A token has at most {MaxTokenLength} bytes.", nameof(token));
        }

        return new CoapMessage(code, token, options, payload);
    }

    /// <summary>A builder for a request to <paramref name="pathAndQuery"/> (e.g. <c>/oic/res?if=oic.if.ll</c>).</summary>
    public static CoapMessageBuilder Request(CoapCode method, string pathAndQuery) =>
        new CoapMessageBuilder(method).SetPathAndQuery(pathAndQuery);

    /// <summary>A builder for a response to <paramref name="request"/> (same token).</summary>
    public static CoapMessageBuilder ResponseTo(CoapMessage request, CoapCode code)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CoapMessageBuilder(code).SetToken(request.Token);
    }

    /// <summary>A copy with another token, sharing options and payload.</summary>
    public CoapMessage WithToken(ReadOnlyMemory<byte> token) => Create(Code, token, Options, Payload);

    /// <summary>A builder holding this message's code, token, options and payload.</summary>
    public CoapMessageBuilder ToBuilder()
    {
        var builder = new CoapMessageBuilder(Code).SetToken(Token).SetPayload(Payload);
        foreach (var option in Options)
        {
            builder.AddOption(option);
        }

        return builder;
    }

    /// <summary>The Uri-Path options joined as <c>/a/b</c> (<c>/</c> when none).</summary>
    public string UriPath => Options.Join(CoapOptionNumber.UriPath, '/');

    /// <summary>The Uri-Query options, in order.</summary>
    public IReadOnlyList<string> UriQuery => Options.GetStrings(CoapOptionNumber.UriQuery);

    /// <summary>The Location-Path options joined as <c>/a/b</c> (<c>/</c> when none).</summary>
    public string LocationPath => Options.Join(CoapOptionNumber.LocationPath, '/');

    /// <summary>Content-Format, or null.</summary>
    /// <exception cref="CoapFormatException">The value does not fit 2 bytes.</exception>
    public int? ContentFormat => GetFormatOption(CoapOptionNumber.ContentFormat);

    /// <summary>Accept, or null.</summary>
    /// <exception cref="CoapFormatException">The value does not fit 2 bytes.</exception>
    public int? Accept => GetFormatOption(CoapOptionNumber.Accept);

    /// <summary>Observe, or null.</summary>
    /// <exception cref="CoapFormatException">The value is longer than 4 bytes.</exception>
    public uint? Observe => Options.GetUInt(CoapOptionNumber.Observe);

    /// <summary>Block1, or null.</summary>
    /// <exception cref="CoapFormatException">The value does not fit 3 bytes.</exception>
    public CoapBlockOption? Block1 =>
        Options.GetUInt(CoapOptionNumber.Block1) is { } value ? CoapBlockOption.Decode(value) : null;

    /// <summary>Block2, or null.</summary>
    /// <exception cref="CoapFormatException">The value does not fit 3 bytes.</exception>
    public CoapBlockOption? Block2 =>
        Options.GetUInt(CoapOptionNumber.Block2) is { } value ? CoapBlockOption.Decode(value) : null;

    /// <summary>The value of a query parameter (<c>name=value</c>), or null; a bare <c>name</c> gives "".</summary>
    public string? GetQueryParameter(string name)
    {
        foreach (var option in Options)
        {
            if (option.Number != CoapOptionNumber.UriQuery)
            {
                if (option.Number > CoapOptionNumber.UriQuery)
                {
                    break;
                }

                continue;
            }

            string query = option.GetString();
            int equals = query.IndexOf('=', StringComparison.Ordinal);
            string key = equals < 0 ? query : query[..equals];
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return equals < 0 ? string.Empty : query[(equals + 1)..];
            }
        }

        return null;
    }

    private int? GetFormatOption(ushort number)
    {
        if (Options.GetUInt(number) is not { } value)
        {
            return null;
        }

        if (value > ushort.MaxValue)
        {
            throw new CoapFormatException($"Option {number} value {value} does not fit 2 bytes.");
        }

        return (int)value;
    }

    /// <summary>A one-line summary: code, token, options and payload size.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(Code.ToString());
        if (Code.Name is { } name)
        {
            builder.Append(' ').Append(name);
        }

        builder.Append(" tok=").Append(Convert.ToHexString(Token.Span));
        builder.Append(" [");
        bool first = true;
        foreach (var option in Options)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            if (Code.IsSignaling)
            {
                var definition = CoapOptionDefinition.FindSignaling(Code, option.Number);
                builder.Append(definition?.Name ?? option.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Append(':').Append(Convert.ToHexString(option.Value.Span));
            }
            else
            {
                builder.Append(option.ToString());
            }
        }

        builder.Append(']');
        if (!Payload.IsEmpty)
        {
            builder.Append(" payload(").Append(Payload.Length).Append(')');
        }

        return builder.ToString();
    }
}
