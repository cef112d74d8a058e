using Dps.Coap.Framing;

namespace Dps.Coap;

/// <summary>
/// What the peer told us in its CSMs (RFC 8323 §5.3), or the defaults until it does. CSM options
/// are cumulative: an option missing from a later CSM keeps its value, and a CSM without
/// Max-Message-Size keeps the size assumed so far (1152, or
/// <see cref="CoapConnectionOptions.AssumePeerMaxMessageSize"/>).
/// </summary>
public sealed class CoapPeerSettings
{
    /// <summary>The RFC defaults: Max-Message-Size 1152, no block-wise transfer, no CSM seen.</summary>
    public static CoapPeerSettings Default { get; } = new(CoapTcpFramer.DefaultMaxMessageSize, false, false);

    /// <summary>Creates settings.</summary>
    public CoapPeerSettings(int maxMessageSize, bool blockWiseTransfer, bool csmReceived)
    {
        MaxMessageSize = maxMessageSize;
        BlockWiseTransfer = blockWiseTransfer;
        CsmReceived = csmReceived;
    }

    /// <summary>The largest frame the peer accepts.</summary>
    public int MaxMessageSize { get; }

    /// <summary>True when the peer advertised Block-Wise-Transfer.</summary>
    public bool BlockWiseTransfer { get; }

    /// <summary>True once a CSM arrived from the peer.</summary>
    public bool CsmReceived { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"Max-Message-Size={MaxMessageSize}, Block-Wise-Transfer={BlockWiseTransfer}, CSM={CsmReceived}";
}
