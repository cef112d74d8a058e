using System.Globalization;
using Dps.Coap;
using Dps.Service.Configuration;

namespace Dps.Service.Faults;

/// <summary>
/// A configured fault: which step, what kind, how many times (null = every request), and the
/// kind's parameter. Built from YAML (<c>faults:</c>) or JSON (<c>POST /api/v1/faults</c>) through
/// <see cref="FromFields"/>.
/// </summary>
/// <param name="Fault">The fault handed out.</param>
/// <param name="Count">How many requests it applies to; null = unlimited.</param>
internal sealed record FaultRule(Fault Fault, int? Count)
{
    /// <summary>The default lifetime of a short-lived certificate: the device's expiring limit is 10 s in the hub tests, + 3 s.</summary>
    public static readonly TimeSpan DefaultShortCertificateLifetime = TimeSpan.FromSeconds(13);

    /// <summary>The keys a rule may have.</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal)
        { "step", "kind", "code", "count", "delay", "redirectUri", "lifetime" };

    /// <summary>Creates a rule that answers <paramref name="code"/> <paramref name="count"/> times.</summary>
    public static FaultRule Respond(FaultStep step, CoapCode code, int? count = 1) =>
        new(new Fault(step, FaultKind.Respond, code, TimeSpan.Zero, null, TimeSpan.Zero), count);

    /// <summary>
    /// Builds a rule from text fields (YAML scalars or JSON values as text). Errors name
    /// <paramref name="path"/> + "." + key.
    /// </summary>
    /// <exception cref="FaultRuleFormatException">A field is missing, unknown or invalid.</exception>
    public static FaultRule FromFields(IReadOnlyDictionary<string, string?> fields, string path)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var key in fields.Keys)
        {
            if (!Keys.Contains(key))
            {
                throw new FaultRuleFormatException($"{path}.{key}", "unknown key (expected one of: step, kind, code, count, delay, redirectUri, lifetime)");
            }
        }

        var step = ParseStep(Required(fields, path, "step"), $"{path}.step");
        var kind = ParseKind(Required(fields, path, "kind"), $"{path}.kind");
        var count = ParseCount(fields.GetValueOrDefault("count"), $"{path}.count");
        var code = CoapCode.Empty;
        var delay = TimeSpan.Zero;
        string? redirect = null;
        var lifetime = TimeSpan.Zero;
        switch (kind)
        {
            case FaultKind.Respond:
                code = ParseErrorCode(Required(fields, path, "code"), $"{path}.code");
                break;
            case FaultKind.Delay:
                var delayText = Required(fields, path, "delay");
                if (!GoDuration.TryParse(delayText, out delay) || delay <= TimeSpan.Zero)
                {
                    throw new FaultRuleFormatException($"{path}.delay", $"'{delayText}' is not a positive duration (e.g. 10s, 500ms)");
                }

                break;
            case FaultKind.RedirectUri:
                redirect = Required(fields, path, "redirectUri");
                if (!Uri.TryCreate(redirect, UriKind.Absolute, out _))
                {
                    throw new FaultRuleFormatException($"{path}.redirectUri", $"'{redirect}' is not an absolute URI");
                }

                break;
            case FaultKind.ForeignKeyCertificate or FaultKind.ExpiredCertificate when step != FaultStep.Credentials:
                throw new FaultRuleFormatException($"{path}.kind", $"{KindName(kind)} applies only to step credentials");
            case FaultKind.ExtraKeys or FaultKind.MissingKeys when step is FaultStep.HubSignUp or FaultStep.HubSignIn or FaultStep.HubRefresh:
                throw new FaultRuleFormatException($"{path}.kind", $"{KindName(kind)} applies only to the DPS steps");
            case FaultKind.ShortLivedCertificate:
                if (step != FaultStep.Credentials)
                {
                    throw new FaultRuleFormatException($"{path}.kind", "short-lived-certificate applies only to step credentials");
                }

                lifetime = DefaultShortCertificateLifetime;
                var lifetimeText = fields.GetValueOrDefault("lifetime");
                if (lifetimeText is not null && (!GoDuration.TryParse(lifetimeText, out lifetime) || lifetime <= TimeSpan.Zero))
                {
                    throw new FaultRuleFormatException($"{path}.lifetime", $"'{lifetimeText}' is not a positive duration (e.g. 13s)");
                }

                break;
        }

        return new FaultRule(new Fault(step, kind, code, delay, redirect, lifetime), count);
    }

    /// <summary>The rule as text fields, the inverse of <see cref="FromFields"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToFields()
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("step", StepName(Fault.Step)),
            new("kind", KindName(Fault.Kind)),
            new("count", Count is { } count ? count.ToString(CultureInfo.InvariantCulture) : "always"),
        };
        switch (Fault.Kind)
        {
            case FaultKind.Respond:
                fields.Add(new("code", Fault.Code.ToString()));
                break;
            case FaultKind.Delay:
                fields.Add(new("delay", GoDuration.Format(Fault.Delay)));
                break;
            case FaultKind.RedirectUri:
                fields.Add(new("redirectUri", Fault.RedirectUri ?? string.Empty));
                break;
            case FaultKind.ShortLivedCertificate:
                fields.Add(new("lifetime", GoDuration.Format(Fault.CertificateLifetime)));
                break;
        }

        return fields;
    }

    /// <summary>The text name of a step (<c>time</c>, <c>ownership</c>, <c>cloud-configuration</c>, <c>credentials</c>, <c>acls</c>, <c>hub-signup</c>, <c>hub-signin</c>, <c>hub-refresh</c>).</summary>
    public static string StepName(FaultStep step) => step switch
    {
        FaultStep.Time => "time",
        FaultStep.Ownership => "ownership",
        FaultStep.CloudConfiguration => "cloud-configuration",
        FaultStep.Credentials => "credentials",
        FaultStep.Acls => "acls",
        FaultStep.HubSignUp => "hub-signup",
        FaultStep.HubSignIn => "hub-signin",
        FaultStep.HubRefresh => "hub-refresh",
        _ => step.ToString(),
    };

    /// <summary>
    /// The text name of a kind (<c>respond</c>, <c>delay</c>, <c>drop</c>, <c>malformed-cbor</c>, <c>redirect-uri</c>,
    /// <c>short-lived-certificate</c>, <c>no-response</c>, <c>extra-keys</c>, <c>missing-keys</c>,
    /// <c>foreign-key-certificate</c>, <c>expired-certificate</c>).
    /// </summary>
    public static string KindName(FaultKind kind) => kind switch
    {
        FaultKind.Respond => "respond",
        FaultKind.Delay => "delay",
        FaultKind.Drop => "drop",
        FaultKind.MalformedCbor => "malformed-cbor",
        FaultKind.RedirectUri => "redirect-uri",
        FaultKind.ShortLivedCertificate => "short-lived-certificate",
        FaultKind.NoResponse => "no-response",
        FaultKind.ExtraKeys => "extra-keys",
        FaultKind.MissingKeys => "missing-keys",
        FaultKind.ForeignKeyCertificate => "foreign-key-certificate",
        FaultKind.ExpiredCertificate => "expired-certificate",
        _ => kind.ToString(),
    };

    private static string Required(IReadOnlyDictionary<string, string?> fields, string path, string key)
    {
        var value = fields.GetValueOrDefault(key);
        return string.IsNullOrWhiteSpace(value) ? throw new FaultRuleFormatException($"{path}.{key}", "is required") : value.Trim();
    }

    private static FaultStep ParseStep(string text, string path)
    {
        foreach (var step in Enum.GetValues<FaultStep>())
        {
            if (string.Equals(StepName(step), text, StringComparison.OrdinalIgnoreCase))
            {
                return step;
            }
        }

        throw new FaultRuleFormatException(path, $"unknown step '{text}' (expected time, ownership, cloud-configuration, credentials, acls, hub-signup, hub-signin or hub-refresh)");
    }

    private static FaultKind ParseKind(string text, string path)
    {
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            if (string.Equals(KindName(kind), text, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        throw new FaultRuleFormatException(path, $"unknown kind '{text}' (expected respond, delay, drop, malformed-cbor, redirect-uri, short-lived-certificate, no-response, extra-keys, missing-keys, foreign-key-certificate or expired-certificate)");
    }

    private static int? ParseCount(string? text, string path)
    {
        if (text is null)
        {
            return 1;
        }

        if (string.Equals(text.Trim(), "always", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            throw new FaultRuleFormatException(path, $"'{text}' is not a positive integer or 'always'");
        }

        return count;
    }

    private static CoapCode ParseErrorCode(string text, string path)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot == 1
            && text.Length == 4
            && int.TryParse(text.AsSpan(0, 1), NumberStyles.None, CultureInfo.InvariantCulture, out var codeClass)
            && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var detail)
            && (codeClass == 4 || codeClass == 5)
            && detail < 32)
        {
            return new CoapCode(codeClass, detail);
        }

        throw new FaultRuleFormatException(path, $"'{text}' is not an error response code like 5.03, 5.00 or 4.03");
    }
}
