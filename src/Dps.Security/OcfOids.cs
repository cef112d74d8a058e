namespace Dps.Security;

/// <summary>Object identifiers used in OCF and TLS certificates.</summary>
public static class OcfOids
{
    /// <summary>id-kp-serverAuth (1.3.6.1.5.5.7.3.1).</summary>
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>id-kp-clientAuth (1.3.6.1.5.5.7.3.2).</summary>
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>OCF identity certificate EKU (1.3.6.1.4.1.44924.1.6).</summary>
    public const string OcfIdentity = "1.3.6.1.4.1.44924.1.6";

    /// <summary>OCF role certificate EKU (1.3.6.1.4.1.44924.1.7).</summary>
    public const string OcfRole = "1.3.6.1.4.1.44924.1.7";

    /// <summary>ecdsa-with-SHA256 (1.2.840.10045.4.3.2).</summary>
    public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";

    /// <summary>ecdsa-with-SHA384 (1.2.840.10045.4.3.3).</summary>
    public const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";
}
