using System.Formats.Cbor;
using Dps.Ocf.Internal;

namespace Dps.Ocf.Security;

/// <summary>
/// The provisioning status resource <c>/oic/sec/pstat</c>: onboarding state, operational flag,
/// modes and resource owner. Not thread-safe: use it from the device's executor.
/// </summary>
public sealed class Pstat
{
    /// <summary>The resource path.</summary>
    public const string Href = "/oic/sec/pstat";

    /// <summary>The store name prefix (<c>pstat_0</c> for device 0).</summary>
    public const string StoreName = "pstat";

    /// <summary>The onboarding state <c>dos.s</c>.</summary>
    public DeviceOnboardingState State { get; set; } = DeviceOnboardingState.Rfotm;

    /// <summary>The pending flag <c>dos.p</c>.</summary>
    public bool Pending { get; set; }

    /// <summary><c>isop</c>: the device is operational.</summary>
    public bool IsOperational { get; set; }

    /// <summary><c>cm</c>: current provisioning mode bits.</summary>
    public int CurrentMode { get; set; } = 2;

    /// <summary><c>tm</c>: target provisioning mode bits.</summary>
    public int TargetMode { get; set; }

    /// <summary><c>om</c>: operational mode (4 = single service, client-directed).</summary>
    public int OperationalMode { get; set; } = 4;

    /// <summary><c>sm</c>: supported operational modes.</summary>
    public int SupportedModes { get; set; } = 4;

    /// <summary><c>rowneruuid</c>: the resource owner.</summary>
    public OcfUuid ResourceOwner { get; set; }

    /// <summary>A copy of this resource.</summary>
    public Pstat Clone() => (Pstat)MemberwiseClone();

    /// <summary>The representation (also the store form), written with definite lengths.</summary>
    public byte[] Encode()
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(7);
        writer.WriteTextString("dos");
        writer.WriteStartMap(2);
        writer.WriteTextString("s");
        writer.WriteInt32((int)State);
        writer.WriteTextString("p");
        writer.WriteBoolean(Pending);
        writer.WriteEndMap();
        writer.WriteTextString("isop");
        writer.WriteBoolean(IsOperational);
        writer.WriteTextString("cm");
        writer.WriteInt32(CurrentMode);
        writer.WriteTextString("tm");
        writer.WriteInt32(TargetMode);
        writer.WriteTextString("om");
        writer.WriteInt32(OperationalMode);
        writer.WriteTextString("sm");
        writer.WriteInt32(SupportedModes);
        writer.WriteTextString("rowneruuid");
        writer.WriteTextString(ResourceOwner.ToString());
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Reads the store form.</summary>
    /// <exception cref="OcfFormatException">Malformed data.</exception>
    public static Pstat Decode(ReadOnlyMemory<byte> data)
    {
        var pstat = new Pstat();
        var result = pstat.Apply(CborNode.ParseMap(data), fromStorage: true);
        return result.Succeeded ? pstat : throw new OcfFormatException("pstat: " + result.Error);
    }

    /// <summary>
    /// Applies a POST payload. <c>isop</c>, <c>cm</c> and <c>sm</c> are read-only; <c>dos.s</c>
    /// must be a known state; <c>rowneruuid</c> must be a UUID. All or nothing.
    /// </summary>
    public OcfUpdateResult Update(ReadOnlyMemory<byte> payload)
    {
        CborNode root;
        try
        {
            root = CborNode.ParseMap(payload);
        }
        catch (OcfFormatException ex)
        {
            return OcfUpdateResult.Failure(ex.Message);
        }

        var copy = Clone();
        var result = copy.Apply(root, fromStorage: false);
        if (result.Succeeded)
        {
            CopyFrom(copy);
        }

        return result;
    }

    private void CopyFrom(Pstat other)
    {
        State = other.State;
        Pending = other.Pending;
        IsOperational = other.IsOperational;
        CurrentMode = other.CurrentMode;
        TargetMode = other.TargetMode;
        OperationalMode = other.OperationalMode;
        SupportedModes = other.SupportedModes;
        ResourceOwner = other.ResourceOwner;
    }

    private OcfUpdateResult Apply(CborNode root, bool fromStorage)
    {
        foreach (var (key, value) in root.Entries)
        {
            switch (key)
            {
                case "dos":
                    if (!value.IsMap)
                    {
                        return OcfUpdateResult.Failure("pstat: dos is not a map");
                    }

                    foreach (var (dosKey, dosValue) in value.Entries)
                    {
                        if (dosKey == "s")
                        {
                            if (!dosValue.IsInteger || dosValue.Integer < 0 || dosValue.Integer > 4)
                            {
                                return OcfUpdateResult.Failure("pstat: invalid dos.s");
                            }

                            State = (DeviceOnboardingState)dosValue.Integer;
                        }
                        else if (dosKey == "p" && fromStorage && dosValue.Kind == CborNodeKind.Boolean)
                        {
                            Pending = dosValue.Boolean;
                        }
                    }

                    break;
                case "isop":
                    if (!fromStorage || value.Kind != CborNodeKind.Boolean)
                    {
                        return OcfUpdateResult.Failure("pstat: isop is read-only");
                    }

                    IsOperational = value.Boolean;
                    break;
                case "cm":
                case "sm":
                    if (!fromStorage || !IsSmallInt(value))
                    {
                        return OcfUpdateResult.Failure("pstat: " + key + " is read-only");
                    }

                    if (key == "cm")
                    {
                        CurrentMode = (int)value.Integer;
                    }
                    else
                    {
                        SupportedModes = (int)value.Integer;
                    }

                    break;
                case "tm":
                case "om":
                    if (!IsSmallInt(value))
                    {
                        return OcfUpdateResult.Failure("pstat: invalid " + key);
                    }

                    if (key == "tm")
                    {
                        TargetMode = (int)value.Integer;
                    }
                    else
                    {
                        OperationalMode = (int)value.Integer;
                    }

                    break;
                case "rowneruuid":
                    if (!value.IsText || !OcfUuid.TryParse(value.Text, out var owner))
                    {
                        return OcfUpdateResult.Failure("pstat: invalid rowneruuid");
                    }

                    ResourceOwner = owner;
                    break;
                default:
                    break;
            }
        }

        return OcfUpdateResult.Success;
    }

    private static bool IsSmallInt(CborNode value) => value.IsInteger && value.Integer is >= 0 and <= 0xFFFF;
}
