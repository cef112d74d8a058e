using System.Globalization;

namespace Dps.Coap;

/// <summary>
/// A parsed <c>coap+tcp://</c> or <c>coaps+tcp://</c> endpoint (RFC 8323 §8): host, port and whether
/// TLS is used. Default ports are 5683 and 5684.
/// </summary>
public sealed record CoapEndpoint(string Host, int Port, bool IsSecure)
{
    /// <summary>Default port of <c>coap+tcp</c>.</summary>
    public const int DefaultPort = 5683;

    /// <summary>Default port of <c>coaps+tcp</c>.</summary>
    public const int DefaultSecurePort = 5684;

    /// <summary>Parses an endpoint URI; path and query are ignored.</summary>
    /// <exception cref="FormatException">Not a coap+tcp/coaps+tcp URI with a host.</exception>
    public static CoapEndpoint Parse(string uri)
    {
        if (!TryParse(uri, out var endpoint, out string? error))
        {
            throw new FormatException(error);
        }

        return endpoint!;
    }

    /// <summary>Parses an endpoint URI without throwing.</summary>
    public static bool TryParse(string? uri, out CoapEndpoint? endpoint, out string? error)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(uri))
        {
            error = "The endpoint URI is empty.";
            return false;
        }

        int schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            error = $"'{uri}' has no scheme (expected coap+tcp:// or coaps+tcp://).";
            return false;
        }

        string scheme = uri[..schemeEnd].ToLowerInvariant();
        bool secure;
        switch (scheme)
        {
            case "coaps+tcp":
                secure = true;
                break;
            case "coap+tcp":
                secure = false;
                break;
            default:
                error = $"'{uri}': scheme '{scheme}' is not supported (expected coap+tcp or coaps+tcp).";
                return false;
        }

        string rest = uri[(schemeEnd + 3)..];
        int pathStart = rest.IndexOfAny(['/', '?', '#']);
        string authority = pathStart < 0 ? rest : rest[..pathStart];
        int at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        string host;
        string? portText = null;
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{uri}': unterminated IPv6 literal.";
                return false;
            }

            host = authority[1..close];
            string after = authority[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    error = $"'{uri}': unexpected text after the IPv6 literal.";
                    return false;
                }

                portText = after[1..];
            }
        }
        else
        {
            int colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? null : authority[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            error = $"'{uri}' has no host.";
            return false;
        }

        int port = secure ? DefaultSecurePort : DefaultPort;
        if (!string.IsNullOrEmpty(portText)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            error = $"'{uri}': port '{portText}' is not a number from 1 to 65535.";
            return false;
        }

        endpoint = new CoapEndpoint(host, port, secure);
        error = null;
        return true;
    }

    /// <summary>The URI form, e.g. <c>coaps+tcp://127.0.0.1:5684</c> (IPv6 hosts in brackets).</summary>
    public override string ToString()
    {
        string host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        return string.Create(CultureInfo.InvariantCulture, $"{(IsSecure ? "coaps+tcp" : "coap+tcp")}://{host}:{Port}");
    }
}
