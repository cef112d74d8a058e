using System.Buffers;
using BenchmarkDotNet.Attributes;
using Dps.Coap;
using Dps.Coap.Framing;
using Dps.Coap.Tests.Vectors;

namespace Dps.Benchmarks.Coap;

/// <summary>
/// RFC 8323 framing of two frames a real device exchanged: the 35-byte <c>GET /x.plgd.dev/time</c> and the
/// 1762-byte credentials response (1746 bytes of CBOR). Decoding should allocate the message and its one
/// byte array only; encoding into a reused buffer nothing.
/// </summary>
[MemoryDiagnoser]
public class CoapCodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _writer = new(4096);
    private byte[] _smallFrame = [];
    private byte[] _largeFrame = [];
    private CoapMessage _smallMessage = null!;
    private CoapMessage _largeMessage = null!;

    /// <summary>Decodes the vectors once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _smallFrame = Convert.FromHexString(CoapVectors.TimeRequest);
        _largeFrame = Convert.FromHexString(CoapVectors.CredentialsResponse);
        _smallMessage = CoapTcpFramer.Decode(_smallFrame);
        _largeMessage = CoapTcpFramer.Decode(_largeFrame);
    }

    /// <summary>Encodes the small GET into a new array.</summary>
    [Benchmark]
    public byte[] EncodeSmall() => CoapTcpFramer.Encode(_smallMessage);

    /// <summary>Writes the small GET into a reused buffer, as a connection does.</summary>
    [Benchmark]
    public int WriteSmall()
    {
        _writer.ResetWrittenCount();
        CoapTcpFramer.Write(_writer, _smallMessage);
        return _writer.WrittenCount;
    }

    /// <summary>Reads the small GET from a received buffer.</summary>
    [Benchmark]
    public CoapMessage? DecodeSmall()
    {
        var buffer = new ReadOnlySequence<byte>(_smallFrame);
        CoapTcpFramer.TryRead(ref buffer, CoapTcpFramer.DefaultMaxMessageSize, out var message);
        return message;
    }

    /// <summary>Writes and reads back the small GET: one request's framing work on both ends.</summary>
    [Benchmark]
    public CoapMessage? RoundTripSmall()
    {
        _writer.ResetWrittenCount();
        CoapTcpFramer.Write(_writer, _smallMessage);
        var buffer = new ReadOnlySequence<byte>(_writer.WrittenMemory);
        CoapTcpFramer.TryRead(ref buffer, CoapTcpFramer.DefaultMaxMessageSize, out var message);
        return message;
    }

    /// <summary>Builds the small GET from its path and options, then encodes it.</summary>
    [Benchmark]
    public byte[] BuildAndEncodeSmall() =>
        CoapTcpFramer.Encode(CoapMessage.Request(CoapCode.Get, "/x.plgd.dev/time")
            .SetToken(_smallMessage.Token)
            .SetAccept(CoapContentFormat.OcfCbor)
            .SetOption(CoapOptionNumber.OcfAcceptContentFormatVersion, 2048)
            .Build());

    /// <summary>Encodes the credentials response into a new array.</summary>
    [Benchmark]
    public byte[] EncodeLarge() => CoapTcpFramer.Encode(_largeMessage);

    /// <summary>Writes the credentials response into a reused buffer.</summary>
    [Benchmark]
    public int WriteLarge()
    {
        _writer.ResetWrittenCount();
        CoapTcpFramer.Write(_writer, _largeMessage);
        return _writer.WrittenCount;
    }

    /// <summary>Reads the credentials response from a received buffer.</summary>
    [Benchmark]
    public CoapMessage? DecodeLarge()
    {
        var buffer = new ReadOnlySequence<byte>(_largeFrame);
        CoapTcpFramer.TryRead(ref buffer, CoapTcpFramer.AbsoluteMaxMessageSize, out var message);
        return message;
    }
}
