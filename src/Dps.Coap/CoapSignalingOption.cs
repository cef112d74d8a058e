namespace Dps.Coap;

/// <summary>Option numbers of signaling messages (RFC 8323 §5); their meaning depends on the signal.</summary>
public static class CoapSignalingOption
{
    /// <summary>CSM: Max-Message-Size (uint).</summary>
    public const ushort MaxMessageSize = 2;

    /// <summary>CSM: Block-Wise-Transfer (empty).</summary>
    public const ushort BlockWiseTransfer = 4;

    /// <summary>Ping / Pong: Custody (empty).</summary>
    public const ushort Custody = 2;

    /// <summary>Release: Alternative-Address (string, repeatable).</summary>
    public const ushort AlternativeAddress = 2;

    /// <summary>Release: Hold-Off (uint seconds).</summary>
    public const ushort HoldOff = 4;

    /// <summary>Abort: Bad-CSM-Option (uint).</summary>
    public const ushort BadCsmOption = 2;
}
