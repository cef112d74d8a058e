namespace Dps.Coap;

/// <summary>A mutable builder of <see cref="CoapMessage"/>.</summary>
public sealed class CoapMessageBuilder
{
    private readonly List<CoapOption> _options = [];
    private ReadOnlyMemory<byte> _token;
    private ReadOnlyMemory<byte> _payload;

    /// <summary>Starts a message with a code.</summary>
    public CoapMessageBuilder(CoapCode code) => Code = code;

    /// <summary>The code.</summary>
    public CoapCode Code { get; set; }

    /// <summary>The token set so far (empty by default).</summary>
    public ReadOnlyMemory<byte> Token => _token;

    /// <summary>The payload set so far (empty by default).</summary>
    public ReadOnlyMemory<byte> Payload => _payload;

    /// <summary>Sets the token (at most 8 bytes).</summary>
    public CoapMessageBuilder SetToken(ReadOnlyMemory<byte> token)
    {
        if (token.Length > CoapMessage.MaxTokenLength)
        {
            throw new ArgumentException($"A token has at most {CoapMessage.MaxTokenLength} bytes.", nameof(token));
        }

        _token = token;
        return this;
    }

    /// <summary>Adds an option (repeated options keep the order they are added in).</summary>
    public CoapMessageBuilder AddOption(CoapOption option)
    {
        _options.Add(option);
        return this;
    }

    /// <summary>Replaces every option with this number by one uint option.</summary>
    public CoapMessageBuilder SetOption(ushort number, uint value)
    {
        RemoveOption(number);
        return AddOption(CoapOption.FromUInt(number, value));
    }

    /// <summary>Replaces every option with this option's number by this option.</summary>
    public CoapMessageBuilder SetOption(CoapOption option)
    {
        RemoveOption(option.Number);
        return AddOption(option);
    }

    /// <summary>Replaces every option with this number by one text option.</summary>
    public CoapMessageBuilder SetOption(ushort number, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SetOption(CoapOption.FromString(number, value));
    }

    /// <summary>Removes every option with this number.</summary>
    public CoapMessageBuilder RemoveOption(ushort number)
    {
        _options.RemoveAll(o => o.Number == number);
        return this;
    }

    /// <summary>Replaces Uri-Path and Uri-Query from <c>/a/b?x=1&amp;y</c>.</summary>
    public CoapMessageBuilder SetPathAndQuery(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        RemoveOption(CoapOptionNumber.UriPath);
        RemoveOption(CoapOptionNumber.UriQuery);
        int question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        string path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        foreach (string segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            AddOption(CoapOption.FromString(CoapOptionNumber.UriPath, Uri.UnescapeDataString(segment)));
        }

        if (question >= 0)
        {
            foreach (string query in pathAndQuery[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                AddOption(CoapOption.FromString(CoapOptionNumber.UriQuery, Uri.UnescapeDataString(query)));
            }
        }

        return this;
    }

    /// <summary>Adds a Uri-Query option.</summary>
    public CoapMessageBuilder AddQuery(string query) => AddOption(CoapOption.FromString(CoapOptionNumber.UriQuery, query));

    /// <summary>Sets Content-Format.</summary>
    public CoapMessageBuilder SetContentFormat(ushort contentFormat) => SetOption(CoapOptionNumber.ContentFormat, contentFormat);

    /// <summary>Sets Accept.</summary>
    public CoapMessageBuilder SetAccept(ushort contentFormat) => SetOption(CoapOptionNumber.Accept, contentFormat);

    /// <summary>Sets Observe.</summary>
    public CoapMessageBuilder SetObserve(uint value) => SetOption(CoapOptionNumber.Observe, value);

    /// <summary>Sets Block1 (RFC 7959; SZX 7 is BERT).</summary>
    public CoapMessageBuilder SetBlock1(CoapBlockOption block) => SetOption(block.ToOption(CoapOptionNumber.Block1));

    /// <summary>Sets Block2 (RFC 7959; SZX 7 is BERT).</summary>
    public CoapMessageBuilder SetBlock2(CoapBlockOption block) => SetOption(block.ToOption(CoapOptionNumber.Block2));

    /// <summary>Sets the payload (not copied).</summary>
    public CoapMessageBuilder SetPayload(ReadOnlyMemory<byte> payload)
    {
        _payload = payload;
        return this;
    }

    /// <summary>Sets a payload and its Content-Format.</summary>
    public CoapMessageBuilder SetPayload(ReadOnlyMemory<byte> payload, ushort contentFormat) =>
        SetPayload(payload).SetContentFormat(contentFormat);

    /// <summary>Builds the message.</summary>
    public CoapMessage Build() => CoapMessage.Create(Code, _token, _options, _payload);
}
