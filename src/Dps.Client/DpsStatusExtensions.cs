using System.Text;

namespace Dps.Client;

/// <summary>Text forms and predicates of <see cref="DpsStatus"/> (PROTOCOL.md §2.1, §6).</summary>
public static class DpsStatusExtensions
{
    private const DpsStatus TimeBase = DpsStatus.Initialized;
    private const DpsStatus OwnerBase = TimeBase | DpsStatus.HasTime;
    private const DpsStatus CloudBase = OwnerBase | DpsStatus.HasOwner;
    private const DpsStatus CredentialsBase = CloudBase | DpsStatus.HasCloud;
    private const DpsStatus AclsBase = CredentialsBase | DpsStatus.HasCredentials;
    private const DpsStatus Provisioned = DpsStatus.Initialized | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted;

    // Order of the log form: the same as plgd's dps_status_to_logstr.
    private static readonly (DpsStatus Flag, string Word)[] s_logWords =
    [
        (DpsStatus.Initialized, "initialized"),
        (DpsStatus.GetTime, "provisioning time"),
        (DpsStatus.HasTime, "provisioned time"),
        (DpsStatus.GetOwner, "provisioning owner"),
        (DpsStatus.HasOwner, "provisioned owner"),
        (DpsStatus.GetCredentials, "provisioning credentials"),
        (DpsStatus.HasCredentials, "provisioned credentials"),
        (DpsStatus.GetAcls, "provisioning acls"),
        (DpsStatus.HasAcls, "provisioned acls"),
        (DpsStatus.GetCloud, "provisioning cloud"),
        (DpsStatus.HasCloud, "provisioned cloud"),
        (DpsStatus.CloudStarted, "provisioned"),
        (DpsStatus.RenewCredentials, "renew credentials"),
        (DpsStatus.TransientFailure, "transient failure"),
        (DpsStatus.Failure, "failure"),
    ];

    // Order and wording of dps_cloud_server's "DPS Manager Status:" lines.
    private static readonly (DpsStatus Flag, string Line)[] s_consoleLines =
    [
        (DpsStatus.Initialized, "-Initialized"),
        (DpsStatus.GetTime, "-Get time"),
        (DpsStatus.HasTime, "-Has time"),
        (DpsStatus.GetOwner, "-Get owner"),
        (DpsStatus.HasOwner, "-Has owner"),
        (DpsStatus.GetCloud, "-Get cloud configuration"),
        (DpsStatus.HasCloud, "-Has cloud configuration"),
        (DpsStatus.GetCredentials, "-Get credentials"),
        (DpsStatus.HasCredentials, "-Has credentials"),
        (DpsStatus.GetAcls, "-Get acls"),
        (DpsStatus.HasAcls, "-Has set acls"),
        (DpsStatus.CloudStarted, "-Started cloud"),
        (DpsStatus.RenewCredentials, "-Renew credentials"),
        (DpsStatus.TransientFailure, "-Transient failure"),
        (DpsStatus.Failure, "-Failure"),
    ];

    /// <summary>
    /// The <c>provisionStatus</c> string of the <c>/plgd/dps</c> resource: an exact match on the whole
    /// bitmask, error flags first; <see langword="null"/> for any other combination (property omitted).
    /// </summary>
    public static string? ToProvisionStatus(this DpsStatus status)
    {
        if ((status & DpsStatus.Failure) != 0)
        {
            return "failure";
        }
        if ((status & DpsStatus.TransientFailure) != 0)
        {
            return "transient failure";
        }
        return status switch
        {
            DpsStatus.Uninitialized => "uninitialized",
            TimeBase => "initialized",
            TimeBase | DpsStatus.GetTime => "provisioning time",
            OwnerBase => "provisioned time",
            OwnerBase | DpsStatus.GetOwner => "provisioning owner",
            CloudBase => "provisioned owner",
            CloudBase | DpsStatus.GetCloud => "provisioning cloud",
            CredentialsBase => "provisioned cloud",
            CredentialsBase | DpsStatus.GetCredentials => "provisioning credentials",
            AclsBase => "provisioned credentials",
            AclsBase | DpsStatus.GetAcls => "provisioning acls",
            AclsBase | DpsStatus.HasAcls => "provisioned acls",
            Provisioned => "provisioned",
            Provisioned | DpsStatus.RenewCredentials => "renew credentials",
            _ => null,
        };
    }

    /// <summary>
    /// The log form: the word of every set flag joined by <c>|</c> (e.g.
    /// <c>initialized|provisioned time|provisioning owner</c>); <c>uninitialized</c> for 0.
    /// Bits without a name are left out.
    /// </summary>
    public static string ToLogString(this DpsStatus status)
    {
        if (status == DpsStatus.Uninitialized)
        {
            return "uninitialized";
        }
        var text = new StringBuilder();
        foreach (var (flag, word) in s_logWords)
        {
            if ((status & flag) == 0)
            {
                continue;
            }
            if (text.Length > 0)
            {
                text.Append('|');
            }
            text.Append(word);
        }
        return text.ToString();
    }

    /// <summary>
    /// The lines <c>dps_cloud_server</c> prints under <c>DPS Manager Status:</c>, one per set flag
    /// (<c>-Get time</c>, <c>-Has set acls</c>, …); a single <c>-Uninitialized</c> for 0.
    /// </summary>
    public static IReadOnlyList<string> ToConsoleLines(this DpsStatus status)
    {
        if (status == DpsStatus.Uninitialized)
        {
            return ["-Uninitialized"];
        }
        var lines = new List<string>();
        foreach (var (flag, line) in s_consoleLines)
        {
            if ((status & flag) != 0)
            {
                lines.Add(line);
            }
        }
        return lines;
    }

    /// <summary>True when all five HAS flags are set and no error flag (plgd "provisioned").</summary>
    public static bool IsProvisioned(this DpsStatus status) =>
        (status & (DpsStatus.ProvisionedMask | DpsStatus.ErrorFlags)) == DpsStatus.ProvisionedMask;

    /// <summary>True when provisioned and <see cref="DpsStatus.CloudStarted"/> is set.</summary>
    public static bool IsProvisionedWithCloudStarted(this DpsStatus status) =>
        status.IsProvisioned() && (status & DpsStatus.CloudStarted) != 0;

    /// <summary>True when <see cref="DpsStatus.Failure"/> or <see cref="DpsStatus.TransientFailure"/> is set.</summary>
    public static bool HasErrorFlag(this DpsStatus status) => (status & DpsStatus.ErrorFlags) != 0;
}
